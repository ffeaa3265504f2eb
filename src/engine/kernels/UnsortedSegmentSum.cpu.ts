import {
  UnsortedSegmentSum,
  util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type TypedArray,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { segmentSumArgs, unsortedSegmentSumImpl } from './UnsortedSegmentSum_impl';

function unsortedSegmentSum(args: {
  inputs: UnsortedSegmentSumInputs;
  attrs: UnsortedSegmentSumAttrs;
  backend: MathBackendCPU;
}): TensorInfo {
  const { x, segmentIds, numSegments, outShape, innerSize } = segmentSumArgs(args);
  const { backend } = args;
  const xVals = backend.data.get(x.dataId).values as TypedArray;
  const ids = backend.data.get(segmentIds.dataId).values as TypedArray;
  const out = util.getTypedArrayFromDType(x.dtype as 'float32' | 'int32', numSegments * innerSize);
  unsortedSegmentSumImpl(xVals, ids, numSegments, innerSize, out);
  return backend.makeTensorInfo(outShape, x.dtype, out);
}

export const unsortedSegmentSumCpuConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'cpu',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
