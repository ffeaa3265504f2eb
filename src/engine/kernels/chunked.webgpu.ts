import {
  getKernel,
  util,
  type GatherV2Attrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
import { gatherInChunks, segmentSumInChunks, WEBGPU_INDEX_LIMIT, type ChunkOps } from './chunked';
import { checkSegmentInputs, segmentSumShape } from './UnsortedSegmentSum_impl';

/** Minimal backend surface (the webgpu package's types stay out of this module). */
interface Backend {
  disposeData(dataId: object): void;
}

function kernel(name: string): KernelFunc {
  const k = getKernel(name, 'webgpu');
  if (!k) throw new Error(`webgpu ${name} kernel missing`);
  return k.kernelFunc;
}

function backendOps(backend: Backend): ChunkOps<TensorInfo> & {
  reshape(t: TensorInfo, shape: number[]): TensorInfo;
} {
  const [slice, add, concat, reshape] = ['Slice', 'Add', 'Concat', 'Reshape'].map(kernel);
  const run = (f: KernelFunc, inputs: object, attrs: object = {}) =>
    f({ inputs, backend, attrs } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  return {
    sliceRows: (t, start, size) =>
      run(
        slice,
        { x: t },
        { begin: [start, ...t.shape.slice(1).map(() => 0)], size: [size, ...t.shape.slice(1)] },
      ),
    add: (a, b) => run(add, { a, b }),
    concat: (parts) => run(concat, parts, { axis: 0 }),
    reshape: (t, shape) => run(reshape, { x: t }, { shape }),
    dispose: (t) => backend.disposeData(t.dataId),
  };
}

/** See chunked.ts: segment sums over more than WEBGPU_INDEX_LIMIT rows run in chunks. */
export function wrapWebGpuUnsortedSegmentSum(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: {
    inputs: { x: TensorInfo; segmentIds: TensorInfo };
    attrs: UnsortedSegmentSumAttrs;
    backend: Backend;
  }): TensorInfo => {
    const { inputs, attrs, backend } = args;
    const { x, segmentIds } = inputs;
    checkSegmentInputs(x.shape, segmentIds.shape);
    const n = segmentIds.shape[0];
    if (n <= WEBGPU_INDEX_LIMIT) return stock.kernelFunc(args as never) as TensorInfo;
    const ops = backendOps(backend);
    const { outShape, innerSize } = segmentSumShape(x.shape, attrs.numSegments);
    const x2 = ops.reshape(x, [n, innerSize]);
    const sums = segmentSumInChunks(
      x2,
      segmentIds,
      n,
      WEBGPU_INDEX_LIMIT,
      (xs, is) =>
        stock.kernelFunc({ inputs: { x: xs, segmentIds: is }, attrs, backend } as never) as TensorInfo,
      ops,
    );
    ops.dispose(x2);
    const out = ops.reshape(sums, outShape);
    ops.dispose(sums);
    return out;
  };
  return { ...stock, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** See chunked.ts: row gathers with more than WEBGPU_INDEX_LIMIT indices run in chunks. */
export function wrapWebGpuGatherV2(stock: KernelConfig): KernelConfig {
  const kernelFunc = (args: {
    inputs: { x: TensorInfo; indices: TensorInfo };
    attrs: GatherV2Attrs;
    backend: Backend;
  }): TensorInfo => {
    const { inputs, attrs, backend } = args;
    const { x, indices } = inputs;
    const n = util.sizeFromShape(indices.shape);
    const axis = util.parseAxisParam(attrs.axis, x.shape)[0];
    if (n <= WEBGPU_INDEX_LIMIT || axis !== 0 || (attrs.batchDims ?? 0) !== 0) {
      return stock.kernelFunc(args as never) as TensorInfo;
    }
    const ops = backendOps(backend);
    const flat = ops.reshape(indices, [n]);
    const rows = gatherInChunks(
      flat,
      n,
      WEBGPU_INDEX_LIMIT,
      (is) => stock.kernelFunc({ inputs: { x, indices: is }, attrs, backend } as never) as TensorInfo,
      ops,
    );
    ops.dispose(flat);
    const out = ops.reshape(rows, [...indices.shape, ...x.shape.slice(1)]);
    ops.dispose(rows);
    return out;
  };
  return { ...stock, kernelFunc: kernelFunc as unknown as KernelFunc };
}
