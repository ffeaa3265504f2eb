/**
 * One Adam update of a variable in one kernel (issue 21): tfjs's `AdamOptimizer` runs about a dozen kernels per
 * variable per step (moments, bias corrections, the update, each a dispatch with its own output), which on
 * wasm and cpu costs more than the arithmetic. This kernel reads the value, gradient and both moments once and
 * writes the three new tensors; the optimizer then points its variables at them (`assign` moves no data).
 *
 * The arithmetic is tfjs's, op for op, rounded to float32 after each one (`Math.fround`), so that a fused run
 * follows the stock optimizer bit for bit on these backends. On wasm with SIMD the same operations run four
 * lanes at a time in the heap (`simd/assembly/kernels.ts`, `adamStep`): IEEE float32 operations, so the same
 * bits, about ten times faster than the JavaScript loop (a `[1682, 64]` table: 2.6 ms a step in the loop).
 */
import {
  util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type TypedArray,
} from '@tensorflow/tfjs-core';
import { heapOffset, simdKernels } from '../simd/simd';
import type { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export const ADAM_STEP = 'RecplayAdamStep';

export interface AdamStepAttrs {
  readonly rate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ, the bias corrections of this step (float32, as tfjs computes them). */
  readonly correction1: number;
  readonly correction2: number;
}

interface AdamStepInputs {
  readonly x: TensorInfo;
  readonly g: TensorInfo;
  readonly m: TensorInfo;
  readonly v: TensorInfo;
}

const f = Math.fround;

/**
 * The step's scalars in the order the SIMD, WGSL and GLSL kernels take them, each rounded to float32:
 * −rate, β₁, β₂, 1 − β₁, 1 − β₂, the two bias corrections, ε.
 */
export function adamScalars(a: AdamStepAttrs): number[] {
  return [-a.rate, a.beta1, a.beta2, 1 - a.beta1, 1 - a.beta2, a.correction1, a.correction2, a.epsilon].map(
    f,
  );
}

/** Writes `x'`, `m'`, `v'` for every element (inputs and outputs may not alias). */
export function adamStepImpl(
  x: TypedArray,
  g: TypedArray,
  m: TypedArray,
  v: TypedArray,
  a: AdamStepAttrs,
  xOut: TypedArray,
  mOut: TypedArray,
  vOut: TypedArray,
): void {
  const b1 = f(a.beta1);
  const b2 = f(a.beta2);
  const oneMinusB1 = f(1 - a.beta1);
  const oneMinusB2 = f(1 - a.beta2);
  const c1 = f(a.correction1);
  const c2 = f(a.correction2);
  const eps = f(a.epsilon);
  const negRate = f(-a.rate);
  for (let i = 0; i < x.length; i++) {
    const gi = g[i];
    // newFirstMoment = add(mul(m, β₁), mul(g, 1 − β₁)); newSecondMoment likewise with square(g).
    const mi = f(f(m[i] * b1) + f(gi * oneMinusB1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * oneMinusB2));
    // newValue = add(mul(div(m̂, add(sqrt(v̂), ε)), −rate), x)
    const step = f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + eps));
    xOut[i] = f(f(step * negRate) + x[i]);
    mOut[i] = mi;
    vOut[i] = vi;
  }
}

function adamStepCpu(args: { inputs: AdamStepInputs; attrs: AdamStepAttrs; backend: MathBackendCPU }) {
  const { inputs, attrs, backend } = args;
  const values = (t: TensorInfo) => backend.data.get(t.dataId).values as TypedArray;
  const n = values(inputs.x).length;
  const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  adamStepImpl(values(inputs.x), values(inputs.g), values(inputs.m), values(inputs.v), attrs, ...out);
  return out.map((o) => backend.makeTensorInfo(inputs.x.shape, 'float32', o));
}

function adamStepWasm(args: { inputs: AdamStepInputs; attrs: AdamStepAttrs; backend: BackendWasm }) {
  const { inputs, attrs: a, backend } = args;
  const outs = [0, 1, 2].map(() => backend.makeOutput(inputs.x.shape, 'float32'));
  const simd = simdKernels(backend);
  if (simd) {
    const at = (t: TensorInfo) => heapOffset(backend, t);
    const [negRate, b1, b2, oneMinusB1, oneMinusB2, c1, c2, eps] = adamScalars(a);
    const [xOut, mOut, vOut] = outs.map(at);
    const n = util.sizeFromShape(inputs.x.shape);
    const [x, g, m, v] = [inputs.x, inputs.g, inputs.m, inputs.v].map(at);
    simd.adamStep(x, g, m, v, n, negRate, b1, b2, oneMinusB1, oneMinusB2, c1, c2, eps, xOut, mOut, vOut);
    return outs;
  }
  // Views into the wasm heap, taken after every makeOutput (which may grow, and so detach, the heap).
  const [xOut, mOut, vOut] = outs.map((o) => backend.typedArrayFromHeap(o));
  const view = (t: TensorInfo) => backend.typedArrayFromHeap(t);
  adamStepImpl(view(inputs.x), view(inputs.g), view(inputs.m), view(inputs.v), a, xOut, mOut, vOut);
  return outs;
}

export const adamStepCpuConfig: KernelConfig = {
  kernelName: ADAM_STEP,
  backendName: 'cpu',
  kernelFunc: adamStepCpu as unknown as KernelFunc,
};

export const adamStepWasmConfig: KernelConfig = {
  kernelName: ADAM_STEP,
  backendName: 'wasm',
  kernelFunc: adamStepWasm as unknown as KernelFunc,
};
