/**
 * The fused Adam step on webgl: three shader passes per variable (the new value, first and second moment,
 * each reading only the inputs it needs) instead of the dozen tfjs's AdamOptimizer runs, as on webgpu
 * (`AdamStep.webgpu.ts`). Float32 textures; GPU arithmetic, so the result follows tfjs's Adam to float32
 * rounding (checked by the self-check and the e2e training agreement on SwiftShader).
 */
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
// Types only: the webgl package is imported lazily by backends.ts, never by this module.
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { ADAM_STEP, adamScalars, type AdamStepAttrs } from './AdamStep';

type Output = 'x' | 'm' | 'v';
type Input = 'X' | 'G' | 'M' | 'V';

const INPUTS: Record<Output, readonly Input[]> = {
  x: ['X', 'G', 'M', 'V'],
  m: ['G', 'M'],
  v: ['G', 'V'],
};

/** The names of `adamScalars`, in its order. */
const UNIFORMS = ['negRate', 'b1', 'b2', 'oneMinusB1', 'oneMinusB2', 'c1', 'c2', 'eps'] as const;

class AdamProgram implements GPGPUProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  readonly userCode: string;
  readonly customUniforms = UNIFORMS.map((name) => ({ name, type: 'float' as const }));
  constructor(shape: readonly number[], output: Output) {
    this.variableNames = [...INPUTS[output]];
    this.outputShape = [...shape];
    const m = 'getMAtOutCoords() * b1 + g * oneMinusB1';
    const v = 'getVAtOutCoords() * b2 + g * g * oneMinusB2';
    const body = {
      m: `setOutput(${m});`,
      v: `setOutput(${v});`,
      x: `float mi = ${m};
          float vi = ${v};
          float step = (mi / c1) / (sqrt(vi / c2) + eps);
          setOutput(step * negRate + getXAtOutCoords());`,
    }[output];
    this.userCode = `
      void main() {
        float g = getGAtOutCoords();
        ${body}
      }
    `;
  }
}

function adamStepWebGl(args: {
  inputs: { x: TensorInfo; g: TensorInfo; m: TensorInfo; v: TensorInfo };
  attrs: AdamStepAttrs;
  backend: MathBackendWebGL;
}): TensorInfo[] {
  const { inputs, attrs: a, backend } = args;
  const uniforms = adamScalars(a).map((value) => [value]);
  const tensors: Record<Input, TensorInfo> = { X: inputs.x, G: inputs.g, M: inputs.m, V: inputs.v };
  return (['x', 'm', 'v'] as const).map((which) =>
    backend.runWebGLProgram(
      new AdamProgram(inputs.x.shape, which),
      INPUTS[which].map((name) => tensors[name]),
      'float32',
      uniforms,
    ),
  );
}

export const adamStepWebGlConfig: KernelConfig = {
  kernelName: ADAM_STEP,
  backendName: 'webgl',
  kernelFunc: adamStepWebGl as unknown as KernelFunc,
};
