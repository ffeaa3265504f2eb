import {
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { segmentSumArgs, unsortedSegmentSumImpl } from './UnsortedSegmentSum_impl';

/** tfjs-backend-wasm has no UnsortedSegmentSum, so `tf.gather` has no gradient there without this. */
function unsortedSegmentSum(args: {
  inputs: UnsortedSegmentSumInputs;
  attrs: UnsortedSegmentSumAttrs;
  backend: BackendWasm;
}): TensorInfo {
  const { x, segmentIds, numSegments, outShape, innerSize } = segmentSumArgs(args);
  const { backend } = args;
  const out = backend.makeOutput(outShape, x.dtype);
  // Views straight into the wasm heap: no copies. Read the inputs after makeOutput, which may grow
  // (and so detach) the heap.
  const outVals = backend.typedArrayFromHeap(out);
  outVals.fill(0);
  unsortedSegmentSumImpl(
    backend.typedArrayFromHeap(x),
    backend.typedArrayFromHeap(segmentIds),
    numSegments,
    innerSize,
    outVals,
  );
  return out;
}

export const unsortedSegmentSumWasmConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
