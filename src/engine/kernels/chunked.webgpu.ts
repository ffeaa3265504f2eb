import {
  getKernel,
  util,
  type GatherV2Attrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { gatherInChunks, WEBGPU_INDEX_LIMIT, type ChunkOps } from './chunked';

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
  const [slice, concat, reshape] = ['Slice', 'Concat', 'Reshape'].map(kernel);
  const run = (f: KernelFunc, inputs: object, attrs: object = {}) =>
    f({ inputs, backend, attrs } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  return {
    sliceRows: (t, start, size) =>
      run(
        slice,
        { x: t },
        { begin: [start, ...t.shape.slice(1).map(() => 0)], size: [size, ...t.shape.slice(1)] },
      ),
    concat: (parts) => run(concat, parts, { axis: 0 }),
    reshape: (t, shape) => run(reshape, { x: t }, { shape }),
    dispose: (t) => backend.disposeData(t.dataId),
  };
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
