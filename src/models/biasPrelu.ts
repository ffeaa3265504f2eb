/**
 * DIN's activation-unit hidden layer, `prelu(pb + pr broadcast over T, α)` (issue 21). On wasm it is one
 * kernel each way over the heap ({@link BIAS_PRELU}, `engine/kernels/BiasPrelu.ts`): the stock composition
 * runs a broadcast add, Neg, two Relu, Mul and Sub forward and about a dozen `[B·T, u]` kernels back (Step,
 * Neg, Mul, the sums for α and for the per-row term). The kernels compute the composition's floats
 * (`biasPrelu.test.ts`); elsewhere the composition runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { prelu } from './layers';

export const BIAS_PRELU = 'RecplayBiasPrelu';
/** Outputs `[dpb, dpr, dalpha]` of {@link BIAS_PRELU} for the upstream `dy`. */
export const BIAS_PRELU_GRAD = 'RecplayBiasPreluGrad';

/** The composition: `pb: [B·T, u]`, `pr: [B, u]`, `alpha: [u]` → `[B·T, u]`. */
export function biasPreluComposed(pb: tf.Tensor2D, pr: tf.Tensor2D, alpha: tf.Tensor1D): tf.Tensor2D {
  const [B, u] = pr.shape;
  const T = pb.shape[0] / B;
  const x = tf.reshape(tf.add(tf.reshape(pb, [B, T, u]), tf.expandDims(pr, 1)), [B * T, u]) as tf.Tensor2D;
  return prelu(x, alpha);
}

/** Same function as {@link biasPreluComposed}; one kernel each way on wasm. */
export function biasPrelu(pb: tf.Tensor2D, pr: tf.Tensor2D, alpha: tf.Tensor1D): tf.Tensor2D {
  if (!hostKernel()) return biasPreluComposed(pb, pr, alpha);
  return fused(pb, pr, alpha, false);
}

/** A dense layer's `prelu(xw + b, α)`, `xw: [N, u]`, `b: [u]`: the same floats as the composition. */
export function denseBiasPrelu(xw: tf.Tensor2D, b: tf.Tensor1D, alpha: tf.Tensor1D): tf.Tensor2D {
  if (!hostKernel()) return prelu(tf.add(xw, b), alpha);
  // One "row" of T = N behaviours; the bias's gradient summed in float64 as the stock leading-axis Sum.
  return fused(xw, tf.reshape(b, [1, b.shape[0]]), alpha, true);
}

function hostKernel(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(BIAS_PRELU, 'wasm') !== undefined;
}

function fused(pb: tf.Tensor2D, pr: tf.Tensor2D, alpha: tf.Tensor1D, sum64: boolean): tf.Tensor2D {
  // customGrad's callback receives (inputs…, save) as one untyped list.
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, c, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([a, b, c]);
    return {
      value: tf.engine().runKernel(BIAS_PRELU, { pb: a, pr: b, alpha: c }) as tf.Tensor,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        tf
          .engine()
          .runKernel(
            BIAS_PRELU_GRAD,
            { pb: saved[0], pr: saved[1], alpha: saved[2], dy: dy as tf.Tensor },
            { sum64 },
          ) as tf.Tensor[],
    };
  });
  return op(pb, pr, alpha) as tf.Tensor2D;
}
