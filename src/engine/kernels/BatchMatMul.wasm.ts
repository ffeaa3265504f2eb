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
import { heapOffset, simdKernels } from '../simd/simd';

/**
 * One matrix times one vector (batch 1, one output column: a dense layer to a single unit, and its weight
 * gradient), by the SIMD kernels over the wasm heap, or a JavaScript loop (sums in float64) where wasm SIMD
 * is missing. tfjs-wasm's kernel runs at about 0.1 GMAC/s on these shapes: measured here,
 * `[5120,36]·[36,1]` 1.67 ms and `[5120,36]ᵀ·[5120,1]` 1.63 ms in a DIN step; the JavaScript loop 0.20 and
 * 0.25 ms, the SIMD kernels 0.035 and 0.037 ms. Null for every other shape (the caller goes on to the stock
 * kernel).
 */
function matVec(
  a: TensorInfo,
  b: TensorInfo,
  attrs: BatchMatMulAttrs,
  backend: BackendWasm,
): TensorInfo | null {
  // tf.matMul hands rank-2 operands straight to the kernel; a rank-3 one must have batch 1.
  const matrix = (t: TensorInfo) =>
    t.shape.length === 2 ? t.shape : t.shape.length === 3 && t.shape[0] === 1 ? t.shape.slice(1) : null;
  const sa = matrix(a);
  const sb = matrix(b);
  if (!sa || !sb || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const [M, K] = attrs.transposeA ? [sa[1], sa[0]] : [sa[0], sa[1]];
  const N = attrs.transposeB ? sb[0] : sb[1];
  if (N !== 1) return null;
  const out = backend.makeOutput(
    a.shape.length === 2 && b.shape.length === 2 ? [M, 1] : [1, M, 1],
    'float32',
  );
  const simd = simdKernels(backend);
  if (simd && M > 0) {
    // `b` holds K numbers in order whether or not it is transposed: x·v is M dot products of length K
    // (A·Bᵀ with one row in B); xᵀ·v is vᵀ·x, one row times a [K, M] matrix (A·B with one row in A).
    const [px, pv, po] = [heapOffset(backend, a), heapOffset(backend, b), heapOffset(backend, out)];
    if (K === 0) backend.typedArrayFromHeap(out).fill(0);
    else if (!attrs.transposeA) simd.batchMatMulNT(px, pv, po, 1, M, K, 1);
    else simd.batchMatMulNN(pv, px, po, 1, 1, K, M, 0);
    return out;
  }
  // Heap views are taken after makeOutput, which may grow (and detach) the heap. `b` holds K numbers
  // in order whether or not it is transposed.
  const o = backend.typedArrayFromHeap(out);
  const x = backend.typedArrayFromHeap(a);
  const v = backend.typedArrayFromHeap(b);
  if (!attrs.transposeA) {
    for (let m = 0; m < M; m++) {
      let s = 0;
      const row = m * K;
      for (let k = 0; k < K; k++) s += x[row + k] * v[k];
      o[m] = s;
    }
  } else {
    // x is stored [K, M]: walk it row by row.
    const acc = new Float64Array(M);
    for (let k = 0; k < K; k++) {
      const vk = v[k];
      const row = k * M;
      for (let m = 0; m < M; m++) acc[m] += x[row + m] * vk;
    }
    o.set(acc);
  }
  return out;
}

/**
 * From this many rows on (or 16 times the larger output side), a single `Aᵀ·B` (a dense layer's weight
 * gradient `Xᵀ·dY`, e.g. over the B·T behaviour rows of DIN's activation unit) goes to the SIMD kernel: the
 * stock path transposes A and hands XNNPACK a fresh weight matrix to pack on every call. Measured here:
 * `[5120, 48]ᵀ·[5120, 64]` 3.2 → 1.5 ms, `[5120, 64]ᵀ·[5120, 16]` 2.9 → 0.36 ms, `[2304, 16]ᵀ·[2304, 16]`
 * 0.062 → 0.039 ms; at `[256, 176]ᵀ·[256, 256]` XNNPACK stays ahead (0.87 vs 1.02 ms).
 */
const LONG_K = 1024;

/**
 * Batched products (batch > 1, the same batch dimensions on both sides), and a single `Aᵀ·B` with a long
 * K, by the SIMD kernels of `engine/simd`: field attention's `[512, 9, 9] · [512, 9, 8]` and its gradients, which tfjs-wasm runs
 * through a generic scalar loop (XNNPACK only serves batch 1), at about 0.7 GMAC/s. `Aᵀ·Bᵀ` and anything
 * else returns null (the caller goes on to the explicit transposes and the stock kernel).
 */
function simdBatched(
  a: TensorInfo,
  b: TensorInfo,
  attrs: BatchMatMulAttrs,
  backend: BackendWasm,
): TensorInfo | null {
  const rank = a.shape.length;
  if (b.shape.length !== rank || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  if (attrs.transposeA && attrs.transposeB) return null;
  const batchDims = a.shape.slice(0, -2);
  if (batchDims.some((d, i) => d !== b.shape[i])) return null;
  const batch = batchDims.reduce((p, d) => p * d, 1);
  const [M, K] = attrs.transposeA
    ? [a.shape[rank - 1], a.shape[rank - 2]]
    : [a.shape[rank - 2], a.shape[rank - 1]];
  const N = attrs.transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  if (batch < 2 && !(attrs.transposeA && (K >= LONG_K || K >= 16 * Math.max(M, N)))) return null;
  const simd = simdKernels(backend);
  if (!simd) return null;
  const out = backend.makeOutput([...batchDims, M, N], 'float32');
  if (M * N === 0) return out;
  if (K === 0) {
    backend.typedArrayFromHeap(out).fill(0);
    return out;
  }
  const [pa, pb, po] = [heapOffset(backend, a), heapOffset(backend, b), heapOffset(backend, out)];
  if (attrs.transposeB) simd.batchMatMulNT(pa, pb, po, batch, M, K, N);
  else simd.batchMatMulNN(pa, pb, po, batch, M, K, N, attrs.transposeA ? 1 : 0);
  return out;
}

/**
 * tfjs-backend-wasm's BatchMatMul takes a slow path when an operand is transposed: measured here for
 * 256×176 · 176×128, 0.48 ms plain but 6.5 ms with transposeB and 8.7 ms with transposeA, while an explicit
 * Transpose costs 0.15 ms. Every backward pass of a dense layer uses both, so we transpose explicitly and
 * call the fast kernel, after the matrix × vector and SIMD paths above have passed.
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
    const vector = matVec(inputs.a, inputs.b, attrs, backend);
    if (vector) return vector;
    const batched = simdBatched(inputs.a, inputs.b, attrs, backend);
    if (batched) return batched;
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
