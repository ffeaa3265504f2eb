/**
 * Full-ranking top-K evaluation (PROTOCOLS.md P2) with RecBole's metric definitions. Scores are computed,
 * masked and ranked on the backend one user batch at a time; only the `[batch, K]` top-K indices come back
 * to JS, so no numUsers × numItems array ever exists on the JS heap.
 *
 * Ties: `tf.topk` orders equal scores by ascending item index on cpu and wasm (checked in topk.test.ts), so
 * among equally scored items the lower item index ranks first — MostPop's "ties by item id" rule.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nonEmptyRows } from '../../ops/csr';
import type { TopkMetricName, TopkResult } from './topkResult';

export { topkValue, type TopkMetricName, type TopkResult } from './topkResult';

/** Per-user item lists in CSR form: user u's items are `indices[indptr[u] .. indptr[u + 1])`, sorted, unique. */
export interface UserItems {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
}

/** Builds `UserItems` from `(user, item)` pairs (duplicates dropped). */
export function userItemsFromPairs(
  numUsers: number,
  users: ArrayLike<number>,
  items: ArrayLike<number>,
): UserItems {
  const counts = new Int32Array(numUsers + 1);
  for (let i = 0; i < users.length; i++) counts[users[i] + 1]++;
  for (let u = 0; u < numUsers; u++) counts[u + 1] += counts[u];
  const fill = counts.slice(0, numUsers);
  const raw = new Int32Array(users.length);
  for (let i = 0; i < users.length; i++) raw[fill[users[i]]++] = items[i];
  // Sort each user's slice and drop repeats, compacting in place.
  const indptr = new Int32Array(numUsers + 1);
  let out = 0;
  for (let u = 0; u < numUsers; u++) {
    const slice = raw.subarray(counts[u], counts[u + 1]).sort();
    for (let j = 0; j < slice.length; j++) if (j === 0 || slice[j] !== slice[j - 1]) raw[out++] = slice[j];
    indptr[u + 1] = out;
  }
  return { indptr, indices: raw.slice(0, out) };
}

/** `UserItems` of the given interaction rows (e.g. a split's `train` or `test`). */
export function userItemsFromRows(
  numUsers: number,
  interactions: { readonly user: Int32Array; readonly item: Int32Array },
  rows: Int32Array,
): UserItems {
  const users = new Int32Array(rows.length);
  const items = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    users[i] = interactions.user[rows[i]];
    items[i] = interactions.item[rows[i]];
  }
  return userItemsFromPairs(numUsers, users, items);
}

/** One top-K metric (STYLE §13): what it needs, its direction, and all cutoffs in one cumulative pass. */
export interface TopkMetric {
  readonly name: TopkMetricName;
  readonly needs: readonly ['topk'];
  readonly smallerIsBetter: boolean;
  /**
   * Adds one user's value at every cutoff `ks[c]` (ascending) to `sums[c]`. `hits[j]` is 1 when the item at
   * rank j + 1 is relevant (length = the largest K); `numRelevant` ≥ 1 is the user's ground-truth count.
   */
  accumulate(hits: Uint8Array, numRelevant: number, ks: readonly number[], sums: Float64Array): void;
}

/** Walks ranks 1..max K once, calling `record(c)` when the rank reaches cutoff `ks[c]`. */
function walk(
  hits: Uint8Array,
  ks: readonly number[],
  visit: (j: number) => void,
  record: (c: number) => void,
) {
  let c = 0;
  for (let j = 0; j < hits.length && c < ks.length; j++) {
    visit(j);
    while (c < ks.length && ks[c] === j + 1) record(c++);
  }
}

const discount = (j: number) => 1 / Math.log2(j + 2);

function metric(name: TopkMetricName, accumulate: TopkMetric['accumulate']): TopkMetric {
  return { name, needs: ['topk'], smallerIsBetter: false, accumulate };
}

export const TOPK_METRICS: readonly TopkMetric[] = [
  /** Relevant items in the top K / the user's relevant items (RecBole: denominator = all test items). */
  metric('recall', (hits, numRelevant, ks, sums) => {
    let found = 0;
    walk(
      hits,
      ks,
      (j) => (found += hits[j]),
      (c) => (sums[c] += found / numRelevant),
    );
  }),
  /** DCG with binary gains and log2(rank + 1) discount over the ideal DCG of min(#relevant, K) hits. */
  metric('ndcg', (hits, numRelevant, ks, sums) => {
    let dcg = 0;
    let idcg = 0;
    walk(
      hits,
      ks,
      (j) => {
        if (hits[j]) dcg += discount(j);
        if (j < numRelevant) idcg += discount(j);
      },
      (c) => (sums[c] += dcg / idcg),
    );
  }),
  /** 1 when any relevant item is in the top K. */
  metric('hit', (hits, _n, ks, sums) => {
    let any = 0;
    walk(
      hits,
      ks,
      (j) => (any |= hits[j]),
      (c) => (sums[c] += any),
    );
  }),
  /** 1 / rank of the first relevant item, 0 when none is in the top K. */
  metric('mrr', (hits, _n, ks, sums) => {
    let rr = 0;
    const visit = (j: number) => {
      if (rr === 0 && hits[j]) rr = 1 / (j + 1);
    };
    walk(hits, ks, visit, (c) => (sums[c] += rr));
  }),
  /** Relevant items in the top K / K (K even when fewer items exist, as RecBole). */
  metric('precision', (hits, _n, ks, sums) => {
    let found = 0;
    walk(
      hits,
      ks,
      (j) => (found += hits[j]),
      (c) => (sums[c] += found / ks[c]),
    );
  }),
];

export const DEFAULT_KS: readonly number[] = [5, 10, 20, 50];

export interface TopkOptions {
  /** Cutoffs, ascending. Default 5, 10, 20, 50. */
  readonly ks?: readonly number[];
  /** Users scored per backend call. */
  readonly userBatch?: number;
  readonly metrics?: readonly TopkMetric[];
}

/**
 * Ranks all `numItems` items for every user with ground truth, excluding each user's `exclude` items (set to
 * −Infinity by a scatter on the backend; an item scoring −Infinity is never counted, so an excluded item can
 * never be a hit even when fewer than K items remain), and averages the metrics over those users.
 *
 * @param scoreUsers `[users.length, numItems]` scores of the given users; this function disposes it.
 * @param exclude items never ranked per user (the training items).
 * @param truth the relevant items per user (validation or test items).
 */
export async function evaluateTopk(
  scoreUsers: (users: Int32Array) => tf.Tensor2D,
  numItems: number,
  exclude: UserItems,
  truth: UserItems,
  options: TopkOptions = {},
): Promise<TopkResult> {
  const ks = options.ks ?? DEFAULT_KS;
  const metrics = options.metrics ?? TOPK_METRICS;
  const userBatch = options.userBatch ?? 256;
  if (ks.length === 0 || ks.some((k, i) => !Number.isInteger(k) || k < 1 || (i > 0 && k <= ks[i - 1]))) {
    throw new Error(`Cutoffs must be ascending positive integers, got [${ks}].`);
  }
  const maxK = ks[ks.length - 1];
  const kEff = Math.min(maxK, numItems);
  const users = nonEmptyRows(truth);

  const sums = metrics.map(() => new Float64Array(ks.length));
  const hits = new Uint8Array(maxK);
  const marker = new Int32Array(numItems); // marker[i] === u + 1 ⇔ item i is relevant for the current user
  for (let start = 0; start < users.length; start += userBatch) {
    const batch = users.slice(start, start + userBatch);
    const [values, indices] = await rankBatch(scoreUsers, batch, numItems, kEff, exclude);
    for (let r = 0; r < batch.length; r++) {
      const u = batch[r];
      const t0 = truth.indptr[u];
      const t1 = truth.indptr[u + 1];
      for (let t = t0; t < t1; t++) marker[truth.indices[t]] = u + 1;
      hits.fill(0);
      for (let j = 0; j < kEff; j++) {
        if (values[r * kEff + j] === -Infinity) break; // excluded (or unrankable): never a hit
        hits[j] = marker[indices[r * kEff + j]] === u + 1 ? 1 : 0;
      }
      metrics.forEach((m, i) => m.accumulate(hits, t1 - t0, ks, sums[i]));
    }
  }
  const values: Partial<Record<TopkMetricName, number[]>> = {};
  metrics.forEach((m, i) => (values[m.name] = Array.from(sums[i], (s) => s / users.length)));
  return { ks: [...ks], numUsers: users.length, values };
}

/** Scores one user batch, masks its excluded items, and returns the top-k values and item indices. */
async function rankBatch(
  scoreUsers: (users: Int32Array) => tf.Tensor2D,
  batch: Int32Array,
  numItems: number,
  k: number,
  exclude: UserItems,
): Promise<[Float32Array, Int32Array]> {
  let nnz = 0;
  for (const u of batch) nnz += exclude.indptr[u + 1] - exclude.indptr[u];
  const coords = new Int32Array(nnz * 2);
  let p = 0;
  batch.forEach((u, r) => {
    for (let t = exclude.indptr[u]; t < exclude.indptr[u + 1]; t++) {
      coords[p++] = r;
      coords[p++] = exclude.indices[t];
    }
  });
  const scores = scoreUsers(batch);
  try {
    if (scores.shape[0] !== batch.length || scores.shape[1] !== numItems) {
      throw new Error(`scoreUsers returned [${scores.shape}], expected [${batch.length}, ${numItems}].`);
    }
    const { values, indices } = tf.tidy(() => {
      const masked =
        nnz === 0
          ? scores
          : tf.tensorScatterUpdate(scores, tf.tensor2d(coords, [nnz, 2], 'int32'), tf.fill([nnz], -Infinity));
      return tf.topk(masked, k, true);
    });
    try {
      return [(await values.data()) as Float32Array, (await indices.data()) as Int32Array];
    } finally {
      values.dispose();
      indices.dispose();
    }
  } finally {
    scores.dispose();
  }
}
