/**
 * The masked mean of list fields and its table gradient (`models/fields.ts` `multiFieldMean`, issue 21): one
 * kernel reads each value's embedding row where it lies, one scatters the upstream rows into the table. On
 * tfjs-wasm the stock composition materialised `[N·W, d]` rows, weights and upstream copies, a sixth of a DIN
 * step once items carry 40-wide tag lists. On wasm the SIMD WebAssembly kernels work in the heap in place
 * (`engine/simd`); the JavaScript loops of `fields.ts` are the cpu kernels and wasm's fallback where the
 * runtime has no wasm SIMD.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { FIELD_MEAN, FIELD_MEAN_GRAD, fieldMeanGradInto, fieldMeanInto } from '../../models/fields';
import { heapOffset, simdKernels } from '../simd/simd';

interface FieldMeanInputs {
  /** `[V, d]` float32 */
  readonly table: TensorInfo;
  /** `[n, w]` int32, 0 = padding */
  readonly ids: TensorInfo;
  /** `[K + 1]` int32: field k spans slots `starts[k] .. starts[k + 1]`, `starts[K] = w` */
  readonly starts: TensorInfo;
}

interface FieldMeanGradInputs extends FieldMeanInputs {
  /** `[n·K, d]` float32 */
  readonly dy: TensorInfo;
}

interface FieldMeanGradAttrs {
  /** Added per value used: `l2Scale · table[id, :]` (0 = no embedding L2). */
  readonly l2Scale: number;
}

/** `[n, w, K, V, d]`, checked. */
function dims({ table, ids, starts }: FieldMeanInputs): [number, number, number, number, number] {
  if (table.shape.length !== 2 || table.dtype !== 'float32')
    throw new Error(`${FIELD_MEAN}: the table must be float32 [V, d], got ${table.dtype} [${table.shape}]`);
  if (ids.shape.length !== 2 || ids.dtype !== 'int32')
    throw new Error(`${FIELD_MEAN}: ids must be int32 [n, w], got ${ids.dtype} [${ids.shape}]`);
  if (starts.shape.length !== 1 || starts.dtype !== 'int32' || starts.shape[0] < 1)
    throw new Error(`${FIELD_MEAN}: starts must be int32 [K + 1], got ${starts.dtype} [${starts.shape}]`);
  return [ids.shape[0], ids.shape[1], starts.shape[0] - 1, table.shape[0], table.shape[1]];
}

function checkStarts(starts: TypedArray, w: number): void {
  for (let k = 0; k + 1 < starts.length; k++) {
    if (!(starts[k] >= 0 && starts[k] <= starts[k + 1] && starts[k + 1] <= w))
      throw new Error(`${FIELD_MEAN}: starts [${Array.from(starts)}] do not split ${w} slots`);
  }
}

function badId(ids: TypedArray, at: number, V: number): Error {
  return new Error(`${FIELD_MEAN}: the id ${ids[at]} is not in [0, ${V - 1}]`);
}

function fieldMeanCpu(args: { inputs: FieldMeanInputs; backend: MathBackendCPU }): TensorInfo {
  const { inputs, backend } = args;
  const [n, w, K, , d] = dims(inputs);
  const read = (t: TensorInfo) => backend.data.get(t.dataId).values as TypedArray;
  checkStarts(read(inputs.starts), w);
  const out = new Float32Array(n * K * d);
  const bad = fieldMeanInto(read(inputs.table), read(inputs.ids), read(inputs.starts), n, d, out);
  if (bad >= 0) throw badId(read(inputs.ids), bad, inputs.table.shape[0]);
  return backend.makeTensorInfo([n * K, d], 'float32', out);
}

function fieldMeanGradCpu(args: {
  inputs: FieldMeanGradInputs;
  attrs: FieldMeanGradAttrs;
  backend: MathBackendCPU;
}): TensorInfo {
  const { inputs, attrs, backend } = args;
  const [n, w, , V, d] = dims(inputs);
  const read = (t: TensorInfo) => backend.data.get(t.dataId).values as TypedArray;
  checkStarts(read(inputs.starts), w);
  const out = new Float32Array(V * d);
  fieldMeanGradInto(
    read(inputs.dy),
    read(inputs.ids),
    read(inputs.starts),
    n,
    d,
    read(inputs.table),
    attrs.l2Scale,
    out,
  );
  return backend.makeTensorInfo([V, d], 'float32', out);
}

function fieldMeanWasm(args: { inputs: FieldMeanInputs; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const [n, w, K, V, d] = dims(inputs);
  checkStarts(backend.typedArrayFromHeap(inputs.starts), w);
  const out = backend.makeOutput([n * K, d], 'float32');
  if (n * K * d === 0) return out;
  const simd = simdKernels(backend);
  let bad: number;
  if (simd) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    bad = simd.fieldMean(at(inputs.table), V, at(inputs.ids), at(inputs.starts), n, w, K, d, at(out));
  } else {
    // Views are taken after makeOutput, which may grow (and so detach) the heap.
    const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
    bad = fieldMeanInto(view(inputs.table), view(inputs.ids), view(inputs.starts), n, d, view(out));
  }
  if (bad >= 0) {
    backend.disposeData(out.dataId);
    throw badId(backend.typedArrayFromHeap(inputs.ids), bad, V);
  }
  return out;
}

function fieldMeanGradWasm(args: {
  inputs: FieldMeanGradInputs;
  attrs: FieldMeanGradAttrs;
  backend: BackendWasm;
}): TensorInfo {
  const { inputs, attrs, backend } = args;
  const [n, w, K, V, d] = dims(inputs);
  checkStarts(backend.typedArrayFromHeap(inputs.starts), w);
  const out = backend.makeOutput([V, d], 'float32');
  if (V * d === 0) return out;
  const simd = simdKernels(backend);
  if (simd) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    simd.fieldMeanGrad(
      at(inputs.dy),
      at(inputs.ids),
      at(inputs.starts),
      n,
      w,
      K,
      d,
      at(inputs.table),
      V,
      attrs.l2Scale,
      at(out),
    );
    return out;
  }
  const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
  fieldMeanGradInto(
    view(inputs.dy),
    view(inputs.ids),
    view(inputs.starts),
    n,
    d,
    view(inputs.table),
    attrs.l2Scale,
    view(out),
  );
  return out;
}

export const fieldMeanCpuConfig: KernelConfig = {
  kernelName: FIELD_MEAN,
  backendName: 'cpu',
  kernelFunc: fieldMeanCpu as unknown as KernelFunc,
};

export const fieldMeanWasmConfig: KernelConfig = {
  kernelName: FIELD_MEAN,
  backendName: 'wasm',
  kernelFunc: fieldMeanWasm as unknown as KernelFunc,
};

export const fieldMeanGradCpuConfig: KernelConfig = {
  kernelName: FIELD_MEAN_GRAD,
  backendName: 'cpu',
  kernelFunc: fieldMeanGradCpu as unknown as KernelFunc,
};

export const fieldMeanGradWasmConfig: KernelConfig = {
  kernelName: FIELD_MEAN_GRAD,
  backendName: 'wasm',
  kernelFunc: fieldMeanGradWasm as unknown as KernelFunc,
};
