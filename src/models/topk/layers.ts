/**
 * Pieces the top-k models share: BPR, the L2 term on the embeddings a batch uses, InfoNCE, LightGCN's
 * layer-mean propagation, and a cache of propagated embeddings for `scoreUsers`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spmm, type SparseMatrix } from '../../ops/sparse';
import type { TopkBatch } from '../contract';

/** BPR (Rendle et al. 2009): mean −log σ(u·i⁺ − u·i⁻). All `[B, d]`. */
export function bprLoss(u: tf.Tensor2D, pos: tf.Tensor2D, neg: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => bprLossGrad(u, pos, neg));
}

/**
 * The composition `mean(softplus(−(Σ u⊙i⁺ − Σ u⊙i⁻)))` with tfjs's own gradient arithmetic written out, less
 * the row sums' gradients, which spread `[B, 1]` over `[B, d]` by a product with ones before each product
 * (here the `[B, 1]` column is broadcast instead: the same numbers, two `[B, d]` kernels fewer).
 */
const bprLossGrad = tf.customGrad((...args) => {
  const [u, pos, neg] = args as tf.Tensor2D[];
  const save = args[3] as unknown as tf.GradSaveFunc;
  const x = tf.neg(tf.sub(tf.sum(tf.mul(u, pos), 1), tf.sum(tf.mul(u, neg), 1)));
  save([u, pos, neg, x]);
  return {
    value: tf.mean(tf.softplus(x)),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [u, pos, neg, x] = saved;
      const B = x.shape[0];
      const mean = tf.div(tf.mul(tf.reshape(dy, [1]), tf.ones([B])), B); // Mean's gradient
      const g = tf.neg(tf.mul(mean, tf.sigmoid(x))); // Softplus's, then Neg's
      const gPos = tf.reshape(g, [B, 1]);
      const gNeg = tf.reshape(tf.neg(g), [B, 1]); // Sub's
      return [tf.add(tf.mul(gNeg, neg), tf.mul(gPos, pos)), tf.mul(gPos, u), tf.mul(gNeg, u)];
    },
  };
}) as (u: tf.Tensor2D, pos: tf.Tensor2D, neg: tf.Tensor2D) => tf.Scalar;

/**
 * LightGCN's regulariser: `λ · ½ Σ‖e‖² / B` over the layer-0 embeddings of the batch's users, positives
 * and negatives (He et al. 2020, `regularizer / batch_size`).
 */
export function embeddingL2(parts: readonly tf.Tensor2D[], lambda: number, batchSize: number): tf.Scalar {
  return tf.tidy(
    () => tf.mul(tf.addN(parts.map((p) => tf.sum(tf.square(p)))), lambda / (2 * batchSize)) as tf.Scalar,
  );
}

/** A batch's users and items in a graph model: propagated (`out`) and layer 0 (`ego`, the trained tables). */
interface UserItemTables {
  readonly users: tf.Tensor;
  readonly items: tf.Tensor;
}

/** How many times each of `n` rows occurs in `ids` (int32 index vectors): `[n, 1]` float32, no gradient. */
export function rowCounts(ids: readonly tf.Tensor1D[], n: number): tf.Tensor2D {
  return tf.tidy(() => {
    const all = ids.length === 1 ? ids[0] : tf.concat([...ids]);
    return tf.reshape(tf.unsortedSegmentSum(tf.ones([all.size]), all, n), [n, 1]) as tf.Tensor2D;
  });
}

/**
 * `Σ_i c_i ‖t_i‖²` over the rows of `table` `[n, d]` with row weights `counts` `[n, 1]` (constant), gradient
 * `2 c_i t_i` given directly: one `[n, d]` product backward.
 */
export function countedSquares(table: tf.Tensor, counts: tf.Tensor2D): tf.Scalar {
  const f = tf.customGrad((...inputs) => {
    const x = inputs[0] as tf.Tensor;
    return {
      value: tf.sum(tf.mul(tf.sum(tf.square(x), 1, true), counts)),
      gradFunc: (dy: tf.Tensor) => tf.mul(x, tf.mul(counts, tf.mul(dy, 2))),
    };
  });
  return f(table) as tf.Scalar;
}

/**
 * The graph models' loss (lightgcn, tmfun): BPR on the batch's propagated user / positive / negative rows plus
 * `embeddingL2` on their layer-0 rows, the latter as `λ/(2B) Σ_i c_i ‖e_i‖²` over each table with c_i the
 * row's count in the batch (the same sum without gathering `3B` rows and scattering their gradients back).
 */
export function graphBprLoss(
  out: UserItemTables,
  ego: UserItemTables,
  batch: TopkBatch,
  lambda: number,
): tf.Scalar {
  return tf.tidy(() => {
    const u = tf.gather(out.users, batch.users) as tf.Tensor2D;
    const i = tf.gather(out.items, batch.pos) as tf.Tensor2D;
    const j = tf.gather(out.items, batch.neg) as tf.Tensor2D;
    const squares = tf.add(
      countedSquares(ego.users, rowCounts([batch.users], ego.users.shape[0])),
      countedSquares(ego.items, rowCounts([batch.pos, batch.neg], ego.items.shape[0])),
    );
    return tf.add(bprLoss(u, i, j), tf.mul(squares, lambda / (2 * batch.size))) as tf.Scalar;
  });
}

/**
 * Rows scaled to L2 norm `scale` (default 1; a zero row stays zero). `[n, d]`. Written as x·rsqrt(Σx² + ε):
 * `tf.norm` goes through `Pow`, slow on wasm. A scale other than 1 multiplies the `[n, 1]` column, not the rows.
 */
export function l2Normalize(x: tf.Tensor2D, scale = 1): tf.Tensor2D {
  return tf.tidy(() => {
    const r = tf.rsqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12));
    return tf.mul(x, scale === 1 ? r : tf.mul(r, scale)) as tf.Tensor2D;
  });
}

/**
 * InfoNCE between two views of the same P items (row p of `a` and `b`), the other rows as negatives, cosine
 * similarity over temperature τ, averaged over both directions (SGL / MICRO). Cosines are at most 1, so
 * the log-sum-exp is shifted by the constant 1/τ instead of the row max: `tf.logSumExp`'s gradient goes
 * through `Max` → an `Equal` mask over `[P, P]` that cost 300 ms a step on wasm.
 */
export function infoNce(a: tf.Tensor2D, b: tf.Tensor2D, tau: number): tf.Scalar {
  return tf.tidy(() => {
    const shift = 1 / tau;
    const an = tf.mul(l2Normalize(a), shift) as tf.Tensor2D; // 1/τ folded in: no [P, P] division
    const bn = l2Normalize(b);
    const e = tf.exp(tf.sub(tf.matMul(an, bn, false, true), shift));
    const positives = tf.mean(tf.sum(tf.mul(an, bn), 1)); // cos(a_p, b_p)/τ, without a [P, P] eye
    const lse = (axis: number) => tf.mean(tf.log(tf.sum(e, axis)));
    return tf.sub(tf.add(tf.mul(tf.add(lse(1), lse(0)), 0.5), shift), positives) as tf.Scalar;
  });
}

/** LightGCN: `mean(E⁰, ÂE⁰, …, Â^L E⁰)` (layer combination with α_l = 1/(L+1)). `ego: [N, d]`. */
export function lightGcnPropagate(adj: SparseMatrix, ego: tf.Tensor2D, layers: number): tf.Tensor2D {
  return tf.tidy(() => {
    const outs = [ego];
    let h = ego;
    for (let l = 0; l < layers; l++) {
      h = spmm(adj, h);
      outs.push(h);
    }
    return layers === 0 ? ego : (tf.div(tf.addN(outs), layers + 1) as tf.Tensor2D);
  });
}

/** Final user and item vectors for scoring, computed once per weight state (STYLE §3). */
export class EmbeddingCache {
  private value: { users: tf.Tensor2D; items: tf.Tensor2D } | null = null;
  constructor(private readonly compute: () => { users: tf.Tensor2D; items: tf.Tensor2D }) {}

  get(): { users: tf.Tensor2D; items: tf.Tensor2D } {
    if (!this.value) {
      const v = tf.tidy(() => {
        const { users, items } = this.compute();
        return [users, items] as const;
      });
      // Kept: a caller's enclosing tidy must not free the cache.
      this.value = { users: tf.keep(v[0]), items: tf.keep(v[1]) };
    }
    return this.value;
  }

  /** `[users.length, numItems]` dot-product scores. */
  scores(users: Int32Array): tf.Tensor2D {
    const { users: u, items } = this.get();
    return tf.tidy(() => tf.matMul(tf.gather(u, tf.tensor1d(users, 'int32')), items, false, true));
  }

  clear(): void {
    if (this.value) tf.dispose([this.value.users, this.value.items]);
    this.value = null;
  }
}
