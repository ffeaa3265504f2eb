/**
 * Attention blocks shared by the ctr models:
 * - `interactingLayer`: AutoInt's multi-head self-attention over fields (Song et al., CIKM 2019);
 * - `pairAttention`: AFM's attention over pairwise interactions (Xiao et al., IJCAI 2017), amfr's external
 *   cross-representation;
 * - `activationUnit`: DIN's local activation unit (Zhou et al., KDD 2018).
 * Each returns its attention weights beside its output, so models can expose them through `explain`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { biasPrelu } from './biasPrelu';
import { activationFn, dense, mlp, PRELU_INIT, type Activation, type Params } from './layers';

/** Splits `[B·M, H·dh]` into heads: `[B·H, M, dh]`. */
function toHeads(x: tf.Tensor2D, B: number, M: number, H: number, dh: number): tf.Tensor3D {
  return tf.reshape(tf.transpose(tf.reshape(x, [B, M, H, dh]), [0, 2, 1, 3]), [B * H, M, dh]);
}

export interface InteractingLayer {
  /** `H · d'`, the width of each field's output vector. */
  readonly outDim: number;
  /**
   * `x: [B, M, inDim]` → `out: [B, M, H·d']` = ReLU(concat_h A^h V^h + x W_res), and
   * `attention: [B, H, M, M]` = softmax(Q Kᵀ / √d') over the last axis (rows sum to 1).
   */
  apply(x: tf.Tensor3D): { out: tf.Tensor3D; attention: tf.Tensor4D };
}

/** One AutoInt interacting layer with `heads` heads of size `headDim`, optional residual `x W_res`. */
export function interactingLayer(
  p: Params,
  name: string,
  inDim: number,
  heads: number,
  headDim: number,
  residual: boolean,
): InteractingLayer {
  const outDim = heads * headDim;
  const wq = p.glorot(`${name}_query`, inDim, outDim);
  const wk = p.glorot(`${name}_key`, inDim, outDim);
  const wv = p.glorot(`${name}_value`, inDim, outDim);
  const wres = residual ? p.glorot(`${name}_res`, inDim, outDim) : null;
  const scale = 1 / Math.sqrt(headDim);
  return {
    outDim,
    apply(x) {
      const [B, M] = x.shape;
      const flat = tf.reshape(x, [B * M, inDim]) as tf.Tensor2D;
      const q = toHeads(tf.matMul(flat, wq), B, M, heads, headDim);
      const k = toHeads(tf.matMul(flat, wk), B, M, heads, headDim);
      const v = toHeads(tf.matMul(flat, wv), B, M, heads, headDim);
      const a = tf.softmax(tf.mul(tf.matMul(q, k, false, true), scale)) as tf.Tensor3D; // [B·H, M, M]
      const o = tf.reshape(tf.transpose(tf.reshape(tf.matMul(a, v), [B, heads, M, headDim]), [0, 2, 1, 3]), [
        B,
        M,
        outDim,
      ]);
      const sum = wres ? tf.add(o, tf.reshape(tf.matMul(flat, wres), [B, M, outDim])) : o;
      return { out: tf.relu(sum) as tf.Tensor3D, attention: tf.reshape(a, [B, heads, M, M]) };
    },
  };
}

export interface PairAttention {
  /** The field pairs (i, j), i < j, row-major: the order of the attention's last axis. */
  readonly pairs: readonly (readonly [number, number])[];
  /**
   * `x: [B, M, d]` → `out: [B, d]` = Σ a_ij (e_i ⊙ e_j), and `attention: [B, P]` = softmax over the
   * P = M(M−1)/2 pairs of `hᵀ ReLU(W (e_i ⊙ e_j) + b)`. With fewer than two fields, `out` is zero.
   */
  apply(x: tf.Tensor3D): { out: tf.Tensor2D; attention: tf.Tensor2D };
}

/** AFM's attention-based pooling of pairwise interactions; `attnSize` is the width of `W`. */
export function pairAttention(
  p: Params,
  name: string,
  numFields: number,
  dim: number,
  attnSize: number,
): PairAttention {
  const pairs: [number, number][] = [];
  for (let i = 0; i < numFields; i++) for (let j = i + 1; j < numFields; j++) pairs.push([i, j]);
  const P = pairs.length;
  const left = p.constant(
    tf.tensor1d(
      pairs.map(([i]) => i),
      'int32',
    ),
  );
  const right = p.constant(
    tf.tensor1d(
      pairs.map(([, j]) => j),
      'int32',
    ),
  );
  const hidden = dense(p, `${name}_attention`, dim, attnSize, 'relu');
  const h = p.glorot(`${name}_projection`, attnSize, 1);
  return {
    pairs,
    apply(x) {
      const B = x.shape[0];
      if (P === 0) return { out: tf.zeros([B, dim]), attention: tf.zeros([B, 0]) };
      // Fields first, so both gathers are row gathers (fast everywhere; a gather on axis 1 is not).
      const xt = tf.transpose(x, [1, 0, 2]); // [M, B, d]
      const prod = tf.mul(tf.gather(xt, left), tf.gather(xt, right)) as tf.Tensor3D; // [P, B, d]
      const scores = tf.matMul(hidden.apply(tf.reshape(prod, [P * B, dim])), h); // [P·B, 1]
      const a = tf.softmax(tf.transpose(tf.reshape(scores, [P, B]))) as tf.Tensor2D; // [B, P]
      const out = tf.sum(tf.mul(prod, tf.expandDims(tf.transpose(a), 2)), 0) as tf.Tensor2D;
      return { out, attention: a };
    },
  };
}

export interface ActivationUnit {
  /**
   * The behaviour-only part of the first layer, `keys: [N, D]` → `[N, width]`. It depends on the item
   * alone, so a caller may compute it once per item and gather it for `apply`.
   */
  keyTerm(keys: tf.Tensor2D): tf.Tensor2D;
  /**
   * `query: [B, D]` (the candidate), `keys: [B, T, D]` (behaviours), `mask: [B, T]` float (1 = real) →
   * weights `[B, T]`, exactly 0 where `mask` is 0. Without softmax (DIN's default) the weights are the raw
   * MLP outputs; with it, each row with a real behaviour sums to 1. `keyTerm: [B·T, width]` if precomputed.
   */
  apply(query: tf.Tensor2D, keys: tf.Tensor3D, mask: tf.Tensor2D, keyTerm?: tf.Tensor2D): tf.Tensor2D;
}

/** A masked score far below any real one: its softmax weight underflows to exactly 0 in float32. */
const MASKED_SCORE = -1e9;

/**
 * DIN's activation unit: `w_j = MLP([v_j; v_A; v_j − v_A; v_j ⊙ v_A])`, hidden `units` with `act`, then a
 * linear output; no dropout (DeepCTR's has none either). The first layer's weight `W = [W_k; W_q; W_d; W_p]`
 * is applied as `v_j (W_k + W_d) + v_A (W_q − W_d) + (v_j ⊙ v_A) W_p`: the same function, without building
 * the `[B·T, 4D]` input, and the candidate's part is computed once per row instead of once per behaviour.
 */
export function activationUnit(
  p: Params,
  name: string,
  dim: number,
  units: readonly number[],
  act: Activation,
  softmax: boolean,
): ActivationUnit {
  const width = units.length > 0 ? units[0] : 1;
  const w = p.glorot(`${name}_in_w`, 4 * dim, width);
  // A softmax ignores a shift of all scores: the output bias would be a parameter without gradient.
  const b = units.length > 0 || !softmax ? p.zeros(`${name}_in_b`, [width]) : null;
  // PReLU's slopes as activationFn makes them (same name and order): the broadcast add and PReLU then run as
  // one kernel each way where there is one (`biasPrelu`).
  // ReLU is PReLU with slopes fixed at 0 (a constant, not a parameter): the same kernel serves it.
  const alpha =
    units.length > 0 && act === 'prelu'
      ? (p.fill(`${name}_in_alpha`, [width], PRELU_INIT) as tf.Tensor1D)
      : units.length > 0 && act === 'relu'
        ? (p.constant(tf.zeros([width])) as tf.Tensor1D)
        : null;
  const activate = units.length > 0 && !alpha ? activationFn(p, `${name}_in`, width, act) : null;
  const rest = mlp(p, `${name}_hidden`, width, units.slice(1), 0, act);
  const out = units.length > 0 ? dense(p, `${name}_out`, rest.outDim, 1, 'none', !softmax) : null;
  const split = () => tf.split(w, 4, 0); // [W_k; W_q; W_d; W_p], each [D, width]
  const keyTerm = (keys: tf.Tensor2D) => {
    const [wk, , wd] = split();
    return tf.matMul(keys, tf.add(wk, wd)) as tf.Tensor2D;
  };
  return {
    keyTerm,
    apply(query, keys, mask, precomputed) {
      const [B, T] = mask.shape;
      const [, wq, wd, wp] = split();
      const kTerm = precomputed ?? keyTerm(tf.reshape(keys, [B * T, dim]));
      const kq = tf.reshape(tf.mul(keys, tf.expandDims(query, 1)), [B * T, dim]) as tf.Tensor2D;
      const perBehaviour = tf.add(kTerm, tf.matMul(kq, wp)); // [B·T, width]
      const qw = tf.matMul(query, tf.sub(wq, wd));
      const perRow = b ? tf.add(qw, b) : qw; // [B, width]
      let h: tf.Tensor2D;
      if (alpha) h = biasPrelu(perBehaviour as tf.Tensor2D, perRow as tf.Tensor2D, alpha);
      else {
        h = tf.reshape(tf.add(tf.reshape(perBehaviour, [B, T, width]), tf.expandDims(perRow, 1)), [
          B * T,
          width,
        ]) as tf.Tensor2D;
        if (activate) h = activate(h);
      }
      h = rest.apply(h, false, 0);
      const scores = tf.reshape(out ? out.apply(h) : h, [B, T]);
      // `where`, not a product with the mask: a product leaves -0 for negative scores.
      const real = tf.greater(mask, 0);
      const zeros = tf.zerosLike(scores);
      if (!softmax) return tf.where(real, scores, zeros) as tf.Tensor2D;
      const shifted = tf.add(scores, tf.mul(tf.sub(1, mask), MASKED_SCORE));
      // Masked again after the softmax: a row with no behaviour at all would otherwise be uniform.
      return tf.where(real, tf.softmax(shifted), zeros) as tf.Tensor2D;
    },
  };
}

/** `weights: [B, T]`, `values: [B, T, D]` → `[B, D]` = Σ_t w_t v_t. */
export function weightedSum(weights: tf.Tensor2D, values: tf.Tensor3D): tf.Tensor2D {
  return tf.squeeze(tf.matMul(tf.expandDims(weights, 1), values), [1]) as tf.Tensor2D;
}
