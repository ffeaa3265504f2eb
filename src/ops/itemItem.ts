/**
 * Item–item matrices from the training interactions, for the closed-form top-k baselines (`itemknn`, `ease`).
 * X is the binary `[users, items]` matrix of `UserItemLists`; G = XᵀX its co-occurrence counts.
 *
 * G is counted on the host from the CSR lists, not multiplied on the backend: Σ_u n_u² additions (about 15
 * million on ml-100k's training split) against U·I² multiply-adds for a dense XᵀX (2.7e9), exact integers,
 * and no dense `[users, items]` matrix for a large catalogue. The per-row similarity and top-k of ItemKNN run
 * on the backend, one block of rows at a time (as `knn.ts`); EASE's inverse is Float64 host code
 * (`linalg.ts`, which says why).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CsrGraph, UserItemLists } from './csr';
import { csrFromTopk, topkOffDiagonal } from './knn';
import { spdInverseInPlace, type LinalgProgress } from './linalg';

/** Each item's users (the transpose of `lists`, as CSR over items). */
export function itemUsers(lists: UserItemLists, numItems: number): UserItemLists {
  const numUsers = lists.indptr.length - 1;
  const indptr = new Int32Array(numItems + 1);
  for (const i of lists.indices) indptr[i + 1]++;
  for (let i = 0; i < numItems; i++) indptr[i + 1] += indptr[i];
  const fill = indptr.slice(0, numItems);
  const indices = new Int32Array(lists.indices.length);
  for (let u = 0; u < numUsers; u++) {
    for (let p = lists.indptr[u]; p < lists.indptr[u + 1]; p++) indices[fill[lists.indices[p]]++] = u;
  }
  return { indptr, indices };
}

/**
 * Rows `from … to − 1` of G = XᵀX, `[to − from, numItems]` row-major, added into `out` (zeroed by the caller):
 * out[j − from, i] = number of users with both j and i. `byItem` is `itemUsers(lists)`.
 */
export function cooccurrenceRows(
  lists: UserItemLists,
  byItem: UserItemLists,
  numItems: number,
  from: number,
  to: number,
  out: Float32Array | Float64Array,
): void {
  for (let j = from; j < to; j++) {
    const row = (j - from) * numItems;
    for (let p = byItem.indptr[j]; p < byItem.indptr[j + 1]; p++) {
      const u = byItem.indices[p];
      for (let q = lists.indptr[u]; q < lists.indptr[u + 1]; q++) out[row + lists.indices[q]]++;
    }
  }
}

export interface EaseProgress {
  (stage: string, done: number, total: number): void;
}

/**
 * EASE's item–item weights (Steck 2019): P = (XᵀX + λI)⁻¹, B = I − P·diag(1/diag(P)), i.e.
 * B[i, j] = −P[i, j] / P[j, j] and B[j, j] = 0. `[numItems, numItems]` row-major float32; scores are X·B.
 */
export function easeWeights(
  lists: UserItemLists,
  numItems: number,
  lambda: number,
  onProgress?: EaseProgress,
): Float32Array {
  if (!(lambda > 0)) throw new Error(`EASE needs λ > 0 (XᵀX alone is singular for most data), got ${lambda}`);
  const n = numItems;
  const a = new Float64Array(n * n);
  onProgress?.('item co-occurrence', 0, n);
  cooccurrenceRows(lists, itemUsers(lists, n), n, 0, n, a);
  for (let i = 0; i < n; i++) a[i * n + i] += lambda;
  onProgress?.('item co-occurrence', n, n);
  const stages = { factor: 'Cholesky factor', invert: 'triangular inverse', multiply: 'inverse' } as const;
  const report: LinalgProgress = (pass, done, total) => onProgress?.(`EASE ${stages[pass]}`, done, total);
  spdInverseInPlace(a, n, report);
  const b = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) b[ri + j] = i === j ? 0 : -a[ri + j] / a[j * n + j];
  }
  return b;
}

export interface ItemKnnOptions {
  /** Neighbours kept per item (at most numItems − 1). */
  readonly k: number;
  /** Added to the cosine's denominator: pulls down similarities resting on few common users. */
  readonly shrink: number;
  /** Floats per `[rows, numItems]` block; default 2^22 (16 MB). */
  readonly blockFloats?: number;
  readonly onProgress?: (rowsDone: number, numRows: number) => void;
}

/**
 * RecBole's ItemKNN similarity (`ComputeSimilarity.compute_items_similarity`): sim(i, j) = x_i·x_j /
 * (‖x_i‖‖x_j‖ + shrink + 1e-6) over the items' user columns, never an item with itself; each item j keeps its k
 * most similar items. Returned as a CSR graph whose row j holds j's neighbours i with sim(i, j) (ascending i):
 * that is Wᵀ for RecBole's W, whose column j holds them, so the scores X·W are (Wᵀ·Xᵀ)ᵀ and item j's score sums
 * over the user's items among j's neighbours. Ties: the lower item index wins (`tf.topk` on cpu and wasm).
 * Similarities of 0 (no common user) are no edge.
 */
export async function itemKnnSimilarity(
  lists: UserItemLists,
  numItems: number,
  options: ItemKnnOptions,
): Promise<CsrGraph> {
  const n = numItems;
  const k = Math.min(options.k, n - 1);
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a non-negative integer, got ${options.k}`);
  const byItem = itemUsers(lists, n);
  const norms = new Float32Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(byItem.indptr[i + 1] - byItem.indptr[i]);
  const blockRows = Math.max(1, Math.min(n, Math.floor((options.blockFloats ?? 1 << 22) / Math.max(1, n))));
  const nbr = new Int32Array(n * k);
  const sim = new Float32Array(n * k);
  if (k > 0) {
    const normRow = tf.tensor2d(norms, [1, n]);
    try {
      for (let r0 = 0; r0 < n; r0 += blockRows) {
        const rows = Math.min(blockRows, n - r0);
        const counts = new Float32Array(rows * n);
        cooccurrenceRows(lists, byItem, n, r0, r0 + rows, counts);
        const sims = tf.tidy(() =>
          tf.div(
            tf.tensor2d(counts, [rows, n]),
            tf.add(
              tf.mul(tf.tensor2d(norms.subarray(r0, r0 + rows), [rows, 1]), normRow),
              options.shrink + 1e-6,
            ),
          ),
        ) as tf.Tensor2D;
        const { values, indices } = topkOffDiagonal(sims, r0, k);
        sims.dispose();
        sim.set(await values.data(), r0 * k);
        nbr.set(await indices.data(), r0 * k);
        tf.dispose([values, indices]);
        options.onProgress?.(r0 + rows, n);
      }
    } finally {
      normRow.dispose();
    }
  }
  return csrFromTopk(nbr, sim, n, k);
}

/** `[numItems, users.length]` float32: column r is user `users[r]`'s training row of X (Xᵀ of the batch). */
export function userRowsTransposed(lists: UserItemLists, users: Int32Array, numItems: number): Float32Array {
  const out = new Float32Array(numItems * users.length);
  users.forEach((u, r) => {
    for (let p = lists.indptr[u]; p < lists.indptr[u + 1]; p++) out[lists.indices[p] * users.length + r] = 1;
  });
  return out;
}

/** `[users.length, numItems]` float32: row r is user `users[r]`'s training row of X. */
export function userRows(lists: UserItemLists, users: Int32Array, numItems: number): Float32Array {
  const out = new Float32Array(users.length * numItems);
  users.forEach((u, r) => {
    for (let p = lists.indptr[u]; p < lists.indptr[u + 1]; p++) out[r * numItems + lists.indices[p]] = 1;
  });
  return out;
}
