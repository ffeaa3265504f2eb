/**
 * A causal Transformer encoder over sequences (SASRec's, Kang & McAuley 2018, after Vaswani et al. 2017):
 * layer norm, pre-norm self-attention blocks with a causal and a key-padding mask, and the point-wise
 * feed-forward. Each block returns its attention weights beside its output, so models can expose them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dense, type Params } from './layers';

/** A masked score far below any real one: its softmax weight underflows to exactly 0 in float32. */
const MASKED_SCORE = -1e9;

export interface LayerNorm {
  /** `[..., d]` → normalised over the last axis, then `γ ⊙ x̂ + β`. */
  apply<T extends tf.Tensor>(x: T): T;
}

/** Layer normalisation (Ba et al. 2016) over the last axis, γ = 1, β = 0 at start; ε as SASRec's (1e-8). */
export function layerNorm(p: Params, name: string, dim: number, epsilon = 1e-8): LayerNorm {
  const gamma = p.fill(`${name}_gamma`, [dim], 1);
  const beta = p.zeros(`${name}_beta`, [dim]);
  return {
    apply: <T extends tf.Tensor>(x: T) =>
      tf.tidy(() => {
        const { mean, variance } = tf.moments(x, -1, true);
        const xhat = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
        return tf.add(tf.mul(xhat, gamma), beta) as T;
      }),
  };
}

/**
 * `[B, 1, T, T]` additive mask of causal self-attention over left- or right-padded sequences: 0 where query t
 * may look at key s (s ≤ t and s is real), −1e9 elsewhere. `real: [B, T]` float, 1 = a real position.
 */
export function causalMask(real: tf.Tensor2D): tf.Tensor4D {
  const [B, T] = real.shape;
  return tf.tidy(() => {
    const lower = new Float32Array(T * T); // 1 on and below the diagonal
    for (let t = 0; t < T; t++) lower.fill(1, t * T, t * T + t + 1);
    const allowed = tf.mul(tf.tensor4d(lower, [1, 1, T, T]), tf.reshape(real, [B, 1, 1, T]));
    return tf.mul(tf.sub(1, allowed), MASKED_SCORE) as tf.Tensor4D;
  });
}

/** Dropout seeds one block uses: `seed` … `seed + 3`. */
export const SEEDS_PER_BLOCK = 4;

export interface CausalBlock {
  /**
   * `x: [B, T, d]`, `mask: [B, 1, T, T]` (`causalMask`), `real: [B, T, 1]` → `out: [B, T, d]` (zero at padded
   * positions) and `attention: [B, H, T, T]` (rows sum to 1; 0 on later and on padded keys; before dropout).
   * `training` switches the dropouts on; `seed` fixes their masks.
   */
  apply(
    x: tf.Tensor3D,
    mask: tf.Tensor4D,
    real: tf.Tensor3D,
    training: boolean,
    seed: number,
  ): { out: tf.Tensor3D; attention: tf.Tensor4D };
}

/**
 * One pre-norm block (the paper's `x + Dropout(g(LN(x)))` for both sub-layers):
 * `x ← x + Dropout(MHA(LN(x)))`, `x ← x + Dropout(FFN(LN(x)))`, `x ← x ⊙ real`, with
 * MHA = softmax(Q Kᵀ/√d_h + mask) V per head (dropout on the weights), heads concatenated, projected by W_O,
 * and FFN(h) = Dropout(ReLU(h W₁ + b₁)) W₂ + b₂.
 */
export function causalBlock(
  p: Params,
  name: string,
  dim: number,
  heads: number,
  dropout: number,
): CausalBlock {
  if (dim % heads !== 0) throw new Error(`the hidden size ${dim} is not a multiple of the ${heads} heads`);
  const dh = dim / heads;
  const ln1 = layerNorm(p, `${name}_ln1`, dim);
  const q = dense(p, `${name}_query`, dim, dim);
  const k = dense(p, `${name}_key`, dim, dim);
  const v = dense(p, `${name}_value`, dim, dim);
  const o = dense(p, `${name}_out`, dim, dim);
  const ln2 = layerNorm(p, `${name}_ln2`, dim);
  const f1 = dense(p, `${name}_ffn1`, dim, dim, 'relu');
  const f2 = dense(p, `${name}_ffn2`, dim, dim);
  const scale = 1 / Math.sqrt(dh);
  const drop = <T extends tf.Tensor>(x: T, training: boolean, seed: number): T =>
    training && dropout > 0 ? (tf.dropout(x, dropout, undefined, seed) as T) : x;
  /** `[B·T, d]` → `[B, H, T, dh]`. */
  const split = (x: tf.Tensor2D, B: number, T: number) =>
    tf.transpose(tf.reshape(x, [B, T, heads, dh]), [0, 2, 1, 3]) as tf.Tensor4D;
  return {
    apply(x, mask, real, training, seed) {
      const [B, T] = x.shape;
      const h = tf.reshape(ln1.apply(x), [B * T, dim]) as tf.Tensor2D;
      const qh = split(q.apply(h), B, T);
      const kh = split(k.apply(h), B, T);
      const vh = split(v.apply(h), B, T);
      const scores = tf.add(tf.mul(tf.matMul(qh, kh, false, true), scale), mask);
      const attention = tf.softmax(scores) as tf.Tensor4D; // [B, H, T, T]
      const mixed = tf.matMul(drop(attention, training, seed), vh); // [B, H, T, dh]
      const concat = tf.reshape(tf.transpose(mixed, [0, 2, 1, 3]), [B * T, dim]) as tf.Tensor2D;
      const attended = tf.add(x, drop(tf.reshape(o.apply(concat), [B, T, dim]), training, seed + 1));
      const g = tf.reshape(ln2.apply(attended), [B * T, dim]) as tf.Tensor2D;
      const ffn = f2.apply(drop(f1.apply(g), training, seed + 2));
      const out = tf.mul(tf.add(attended, drop(tf.reshape(ffn, [B, T, dim]), training, seed + 3)), real);
      return { out: out as tf.Tensor3D, attention };
    },
  };
}
