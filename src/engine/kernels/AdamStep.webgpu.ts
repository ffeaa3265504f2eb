/**
 * The fused Adam step on webgpu: three dispatches per variable (the new value, first and second moment, each
 * recomputing the few operations it needs from the same inputs) instead of the dozen tfjs's AdamOptimizer
 * issues. A training step of ours is hundreds of small kernels, and on a GPU each costs a dispatch whatever
 * its size (stock tfjs-webgpu took 27 ms for an AutoInt-sized step on an H200, whatever the batch): the
 * optimizer was about a third of them. GPU arithmetic may fuse a multiply and an add, so the result follows
 * tfjs's Adam to float32 rounding, not bit for bit (checked by the self-check and the e2e training agreement).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
// Types only: the webgpu package is imported lazily by backends.ts, never by this module.
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ADAM_STEP, adamScalars, type AdamStepAttrs } from './AdamStep';

const WORKGROUP = 64;

type Output = 'x' | 'm' | 'v';

/** The inputs each output reads: a binding the shader leaves unused is dropped from its layout (and fails). */
const INPUTS: Record<Output, readonly ('x' | 'g' | 'm' | 'v')[]> = {
  x: ['x', 'g', 'm', 'v'],
  m: ['g', 'm'],
  v: ['g', 'v'],
};

class AdamProgram implements WebGPUProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  readonly shaderKey: string;
  readonly size = true;
  readonly uniforms =
    'negRate : f32, b1 : f32, b2 : f32, oneMinusB1 : f32, oneMinusB2 : f32, c1 : f32, c2 : f32, eps : f32,';
  constructor(
    shape: readonly number[],
    private readonly output: Output,
  ) {
    this.variableNames = [...INPUTS[output]];
    this.outputShape = [...shape];
    // One invocation per element, the index flat over every axis.
    this.dispatchLayout = { x: shape.map((_, i) => i) };
    this.dispatch = [Math.ceil(shape.reduce((p, q) => p * q, 1) / WORKGROUP), 1, 1];
    this.shaderKey = `recplayAdam_${output}`;
  }
  getUserCode(): string {
    const m = 'm[index] * uniforms.b1 + gi * uniforms.oneMinusB1';
    const v = 'v[index] * uniforms.b2 + gi * gi * uniforms.oneMinusB2';
    const body = {
      m: `result[index] = ${m};`,
      v: `result[index] = ${v};`,
      x: `let mi = ${m};
          let vi = ${v};
          let step = (mi / uniforms.c1) / (sqrt(vi / uniforms.c2) + uniforms.eps);
          result[index] = step * uniforms.negRate + x[index];`,
    }[this.output];
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let gi = g[index];
          ${body}
        }
      }
    `;
  }
}

function adamStepWebGpu(args: {
  inputs: { x: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo };
  attrs: AdamStepAttrs;
  backend: WebGPUBackend;
}): TensorInfo[] {
  const { inputs, attrs: a, backend } = args;
  const { x, g, m, v } = inputs;
  const uniforms = adamScalars(a).map((value) => ({ type: 'float32', data: [value] }));
  // A scalar runs as [1] and keeps its shape (as tfjs's Reshape: the same buffer under another shape).
  const shape = x.shape.length > 0 ? x.shape : [1];
  const tensors = { x, g, m, v };
  return (['x', 'm', 'v'] as const).map((which) => ({
    ...backend.runWebGPUProgram(
      new AdamProgram(shape, which),
      INPUTS[which].map((name) => tensors[name]),
      'float32',
      uniforms,
    ),
    shape: [...x.shape],
  }));
}

export const adamStepWebGpuConfig: KernelConfig = {
  kernelName: ADAM_STEP,
  backendName: 'webgpu',
  kernelFunc: adamStepWebGpu as unknown as KernelFunc,
};
