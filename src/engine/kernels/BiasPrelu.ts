/**
 * `prelu(pb + pr broadcast over T, α)` and its gradients on wasm (`models/biasPrelu.ts`, DIN's activation
 * unit): the SIMD kernels of `simd/assembly/prelu.ts` over the heap in place, or the same arithmetic in
 * JavaScript where the runtime has no wasm SIMD.
 */
import type { KernelConfig, KernelFunc, TensorInfo, TypedArray } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { BIAS_PRELU, BIAS_PRELU_GRAD } from '../../models/biasPrelu';
import { heapOffset, simdKernels } from '../simd/simd';

interface Inputs {
  /** `[B·T, u]` float32 */
  readonly pb: TensorInfo;
  /** `[B, u]` float32 */
  readonly pr: TensorInfo;
  /** `[u]` float32 */
  readonly alpha: TensorInfo;
}

interface BiasPreluGradAttrs {
  /** `dpr` summed in float64 where B = 1 (a dense layer's bias; see `simd/assembly/prelu.ts`). */
  readonly sum64: boolean;
}

/** `[B, T, u]`, checked. */
function dims({ pb, pr, alpha }: Inputs): [number, number, number] {
  const ok =
    pb.shape.length === 2 &&
    pr.shape.length === 2 &&
    alpha.shape.length === 1 &&
    [pb, pr, alpha].every((t) => t.dtype === 'float32') &&
    pb.shape[1] === pr.shape[1] &&
    alpha.shape[0] === pr.shape[1] &&
    pr.shape[0] > 0 &&
    pb.shape[0] % pr.shape[0] === 0;
  if (!ok) throw new Error(`${BIAS_PRELU}: bad inputs [${pb.shape}], [${pr.shape}], [${alpha.shape}]`);
  return [pr.shape[0], pb.shape[0] / pr.shape[0], pr.shape[1]];
}

const f = Math.fround;

function forwardJs(
  pb: TypedArray,
  pr: TypedArray,
  alpha: TypedArray,
  B: number,
  T: number,
  u: number,
  out: TypedArray,
) {
  for (let r = 0; r < B * T; r++) {
    const q = Math.floor(r / T) * u;
    for (let c = 0; c < u; c++) {
      const x = f(pb[r * u + c] + pr[q + c]);
      out[r * u + c] = x > 0 ? x : f(0 - f(alpha[c] * -x));
    }
  }
}

function backwardJs(
  v: { pb: TypedArray; pr: TypedArray; alpha: TypedArray; dy: TypedArray },
  B: number,
  T: number,
  u: number,
  dpb: TypedArray,
  dpr: TypedArray,
  dalpha: TypedArray,
  sum64: boolean,
) {
  const acc = new Float64Array(u);
  const acc2 = sum64 ? new Float64Array(u) : null;
  dpr.fill(0);
  for (let r = 0; r < B * T; r++) {
    const q = Math.floor(r / T) * u;
    for (let c = 0; c < u; c++) {
      const x = f(v.pb[r * u + c] + v.pr[q + c]);
      const g = v.dy[r * u + c];
      const dx = x > 0 ? g : x < 0 ? f(g * v.alpha[c]) : 0;
      dpb[r * u + c] = dx;
      if (acc2) acc2[c] += dx;
      else dpr[q + c] = f(dpr[q + c] + dx);
      if (x < 0) acc[c] += f(g * x);
    }
  }
  dalpha.set(acc);
  if (acc2) dpr.set(acc2);
}

function biasPreluWasm(args: { inputs: Inputs; backend: BackendWasm }): TensorInfo {
  const { inputs, backend } = args;
  const [B, T, u] = dims(inputs);
  const out = backend.makeOutput([B * T, u], 'float32');
  if (B * T * u === 0) return out;
  const simd = simdKernels(backend);
  if (simd) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    simd.biasPrelu(at(inputs.pb), at(inputs.pr), at(inputs.alpha), B, T, u, at(out));
  } else {
    // Views are taken after makeOutput, which may grow (and so detach) the heap.
    const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
    forwardJs(view(inputs.pb), view(inputs.pr), view(inputs.alpha), B, T, u, view(out));
  }
  return out;
}

function biasPreluGradWasm(args: {
  inputs: Inputs & { dy: TensorInfo };
  attrs: BiasPreluGradAttrs;
  backend: BackendWasm;
}): TensorInfo[] {
  const { inputs, backend } = args;
  const [B, T, u] = dims(inputs);
  const sum64 = args.attrs.sum64 && B === 1;
  const dpb = backend.makeOutput([B * T, u], 'float32');
  const dpr = backend.makeOutput([B, u], 'float32');
  const dalpha = backend.makeOutput([u], 'float32');
  const simd = simdKernels(backend);
  if (simd && B * T * u > 0) {
    // Scratch for 2u float64 sums (4u float32), disposed here.
    const acc = backend.makeOutput([4 * u], 'float32');
    const at = (t: TensorInfo) => heapOffset(backend, t);
    simd.biasPreluGrad(
      at(inputs.pb),
      at(inputs.pr),
      at(inputs.alpha),
      at(inputs.dy),
      B,
      T,
      u,
      at(dpb),
      at(dpr),
      at(dalpha),
      at(acc),
      sum64 ? 1 : 0,
    );
    backend.disposeData(acc.dataId);
  } else {
    const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
    const v = { pb: view(inputs.pb), pr: view(inputs.pr), alpha: view(inputs.alpha), dy: view(inputs.dy) };
    backwardJs(v, B, T, u, view(dpb), view(dpr), view(dalpha), sum64);
  }
  return [dpb, dpr, dalpha];
}

export const biasPreluWasmConfig: KernelConfig = {
  kernelName: BIAS_PRELU,
  backendName: 'wasm',
  kernelFunc: biasPreluWasm as unknown as KernelFunc,
};

export const biasPreluGradWasmConfig: KernelConfig = {
  kernelName: BIAS_PRELU_GRAD,
  backendName: 'wasm',
  kernelFunc: biasPreluGradWasm as unknown as KernelFunc,
};
