/**
 * The host CSR product `out = A · x` of `ops/sparse.ts` (LightGCN's and tmfun's graph propagation, and its
 * gradient with Aᵀ). On wasm the SIMD WebAssembly kernel works in the heap in place (`engine/simd`), about
 * four times the rate of the JavaScript loop, which stays as the cpu kernel and as wasm's fallback where the
 * runtime has no wasm SIMD.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { CSR_MAT_MUL, csrTimesDenseInto } from '../../ops/sparse';
import { heapOffset, simdKernels } from '../simd/simd';

interface CsrMatMulInputs {
  readonly indptr: TensorInfo;
  readonly indices: TensorInfo;
  readonly values: TensorInfo;
  readonly x: TensorInfo;
}

function outShape({ indptr, x }: CsrMatMulInputs): [number, number] {
  if (x.shape.length !== 2) throw new Error(`${CSR_MAT_MUL}: x must be rank 2, got [${x.shape}]`);
  return [indptr.shape[0] - 1, x.shape[1]];
}

function csrMatMulCpu(args: { inputs: CsrMatMulInputs; backend: MathBackendCPU }): TensorInfo {
  const { inputs, backend } = args;
  const shape = outShape(inputs);
  const read = (t: TensorInfo) => backend.data.get(t.dataId).values as TypedArray;
  const out = new Float32Array(shape[0] * shape[1]);
  csrTimesDenseInto(
    read(inputs.indptr),
    read(inputs.indices),
    read(inputs.values),
    read(inputs.x),
    shape[1],
    out,
  );
  return backend.makeTensorInfo(shape, 'float32', out);
}

function csrMatMulWasm(args: { inputs: CsrMatMulInputs; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const shape = outShape(inputs);
  const out = backend.makeOutput(shape, 'float32');
  if (shape[0] * shape[1] === 0) return out;
  const simd = simdKernels(backend);
  if (simd) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    simd.csrMatMul(
      at(inputs.indptr),
      at(inputs.indices),
      at(inputs.values),
      shape[0],
      at(inputs.x),
      shape[1],
      at(out),
    );
    return out;
  }
  // Views are taken after makeOutput, which may grow (and so detach) the heap.
  const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
  csrTimesDenseInto(
    view(inputs.indptr),
    view(inputs.indices),
    view(inputs.values),
    view(inputs.x),
    shape[1],
    view(out),
  );
  return out;
}

export const csrMatMulCpuConfig: KernelConfig = {
  kernelName: CSR_MAT_MUL,
  backendName: 'cpu',
  kernelFunc: csrMatMulCpu as unknown as KernelFunc,
};

export const csrMatMulWasmConfig: KernelConfig = {
  kernelName: CSR_MAT_MUL,
  backendName: 'wasm',
  kernelFunc: csrMatMulWasm as unknown as KernelFunc,
};
