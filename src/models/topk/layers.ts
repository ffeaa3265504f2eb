/**
 * Pieces the top-k models share: BPR, the L2 term on the embeddings a batch uses, InfoNCE, LightGCN's
 * layer-mean propagation, and a cache of propagated embeddings for `scoreUsers`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { spmm, type SparseMatrix } from '../../ops/sparse';
import type { TopkBatch } from '../contract';

/** BPR (Rendle et al. 2009): mean −log σ(u·i⁺ − u·i⁻). All `[B, d]`. */
export function bprLoss(u: tf.Tensor2D, pos: tf.Tensor2D, neg: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const diff = tf.sub(tf.sum(tf.mul(u, pos), 1), tf.sum(tf.mul(u, neg), 1));
    return tf.mean(tf.softplus(tf.neg(diff))) as tf.Scalar;
  });
}

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

/**
 * The graph models' loss (lightgcn, tmfun): BPR on the batch's propagated user / positive / negative rows plus
 * `embeddingL2` on their layer-0 rows.
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
    const e = [
      tf.gather(ego.users, batch.users),
      tf.gather(ego.items, batch.pos),
      tf.gather(ego.items, batch.neg),
    ] as tf.Tensor2D[];
    return tf.add(bprLoss(u, i, j), embeddingL2(e, lambda, batch.size)) as tf.Scalar;
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
