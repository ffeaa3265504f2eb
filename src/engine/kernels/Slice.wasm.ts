/**
 * Slice and SplitV on wasm as copies inside the heap. tfjs-backend-wasm's Slice first reads its whole input
 * out of the heap (`readSync` copies it) and then copies the slice from that copy: measured here, 2 ms to
 * cut `[2625, 64]` into LightGCN's users and items, and as much again for SplitV (the gradient of their
 * concatenation), against about 0.05 ms for the copy itself. SplitV calls that Slice internally, so both are
 * wrapped. Strings keep the stock kernels.
 */
import {
  backend_util,
  slice_util,
  util,
  type KernelConfig,
  type KernelFunc,
  type SliceAttrs,
  type SplitVAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** `x[begin : begin + size]` copied within the heap; `begin` and `size` already resolved (no −1). */
function sliceOnHeap(backend: BackendWasm, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
  const out = backend.makeOutput(size, x.dtype);
  const n = util.sizeFromShape(size);
  if (n === 0) return out;
  // Element offsets into one heap view of the element's width; taken after makeOutput, which may grow
  // (and so detach) the heap.
  const heap = backend.typedArrayFromHeap(out);
  const outAt = heap.byteOffset / heap.BYTES_PER_ELEMENT;
  const xView = backend.typedArrayFromHeap(x);
  const xAt = xView.byteOffset / xView.BYTES_PER_ELEMENT;
  const all = new (heap.constructor as new (b: ArrayBufferLike) => typeof heap)(heap.buffer);
  const strides = util.computeStrides(x.shape);
  if (slice_util.isSliceContinous(x.shape, begin, size)) {
    const from = xAt + slice_util.computeFlatOffset(begin, strides);
    all.copyWithin(outAt, from, from + n);
    return out;
  }
  // Runs along the last axis, walked with an odometer over the outer ones.
  const rank = x.shape.length;
  const run = size[rank - 1];
  const index = new Array<number>(rank - 1).fill(0);
  for (let o = 0; o < n; o += run) {
    let from = xAt + begin[rank - 1];
    for (let a = 0; a < rank - 1; a++) from += (begin[a] + index[a]) * strides[a];
    all.copyWithin(outAt + o, from, from + run);
    for (let a = rank - 2; a >= 0; a--) {
      if (++index[a] < size[a]) break;
      index[a] = 0;
    }
  }
  return out;
}

export function wrapWasmSlice(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: { inputs: { x: TensorInfo }; attrs: SliceAttrs; backend: BackendWasm }) => {
    const { inputs, attrs, backend } = args;
    if (inputs.x.dtype === 'string') return stock.kernelFunc(args as never);
    const [begin, size] = slice_util.parseSliceParams(inputs.x, attrs.begin, attrs.size);
    return sliceOnHeap(backend, inputs.x, begin, size);
  };
  return { ...stock, kernelFunc: kernelFunc as unknown as KernelFunc };
}

export function wrapWasmSplitV(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: { inputs: { x: TensorInfo }; attrs: SplitVAttrs; backend: BackendWasm }) => {
    const { inputs, attrs, backend } = args;
    const { x } = inputs;
    if (x.dtype === 'string') return stock.kernelFunc(args as never);
    const axis = util.parseAxisParam(attrs.axis, x.shape)[0];
    const begin = new Array<number>(x.shape.length).fill(0);
    return backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis).map((s) => {
      const size = [...x.shape];
      size[axis] = s;
      const part = sliceOnHeap(backend, x, [...begin], size);
      begin[axis] += s;
      return part;
    });
  };
  return { ...stock, kernelFunc: kernelFunc as unknown as KernelFunc };
}
