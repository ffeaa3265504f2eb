import {
  BatchMatMul,
  getKernel,
  Transpose,
  type BatchMatMulAttrs,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * tfjs-backend-wasm's BatchMatMul takes a slow path when an operand is transposed: measured here for
 * 256×176 · 176×128, 0.48 ms plain but 6.5 ms with transposeB and 8.7 ms with transposeA, while an explicit
 * Transpose costs 0.15 ms. Every backward pass of a dense layer uses both, so we transpose explicitly and
 * call the fast kernel.
 */
export function wrapWasmBatchMatMul(stock: KernelConfig): KernelConfig {
  const transpose = getKernel(Transpose, 'wasm');
  if (!transpose) throw new Error('wasm Transpose kernel missing');
  const swapLast = (t: TensorInfo, backend: BackendWasm): TensorInfo => {
    const rank = t.shape.length;
    const perm = [...Array(rank).keys()];
    [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
    return transpose.kernelFunc({ inputs: { x: t }, backend, attrs: { perm } }) as TensorInfo;
  };
  const kernelFunc = (args: {
    inputs: { a: TensorInfo; b: TensorInfo };
    attrs: BatchMatMulAttrs;
    backend: BackendWasm;
  }): TensorInfo => {
    const { inputs, attrs, backend } = args;
    if (!attrs.transposeA && !attrs.transposeB) return stock.kernelFunc(args as never) as TensorInfo;
    const a = attrs.transposeA ? swapLast(inputs.a, backend) : inputs.a;
    const b = attrs.transposeB ? swapLast(inputs.b, backend) : inputs.b;
    const out = stock.kernelFunc({
      inputs: { a, b },
      backend,
      attrs: { transposeA: false, transposeB: false } as unknown as NamedAttrMap,
    }) as TensorInfo;
    if (a !== inputs.a) backend.disposeData(a.dataId);
    if (b !== inputs.b) backend.disposeData(b.dataId);
    return out;
  };
  return {
    ...stock,
    kernelName: BatchMatMul,
    backendName: 'wasm',
    kernelFunc: kernelFunc as unknown as KernelFunc,
  };
}
