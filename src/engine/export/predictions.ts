/**
 * Top-K recommendations of a ctr model per test user: every item is scored for the user as a row "now" —
 * the user's fields and behaviour sequence of their first test row, the candidate item's fields and
 * modalities — in batches on the backend, the user's training items left out, the K best kept.
 */
import type { CtrEncoding } from '../../data/features';
import type { Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import type { CtrModel } from '../../models/contract';
import { toCsv, type Cell } from '../../data/export/csv';
import { predictCtr } from '../train/ctr';

export interface TopkRow {
  readonly user: number;
  readonly rank: number;
  readonly item: number;
  readonly score: number;
}

export interface TopkOptions {
  readonly k: number;
  /** At most this many test users (first by user index); default all. */
  readonly maxUsers?: number;
  /** Rows scored per backend call (rounded to whole users). */
  readonly batchRows?: number;
  readonly onProgress?: (doneUsers: number, totalUsers: number) => void;
}

/** Each test user's first test row (by position in `split.test`, which is chronological per user). */
export function testUserRows(enc: CtrEncoding, split: Split, numUsers: number): Int32Array {
  const first = new Int32Array(numUsers).fill(-1);
  for (const r of split.test) {
    const u = enc.userIdx[r];
    if (first[u] < 0) first[u] = r;
  }
  return Int32Array.from(first.filter((r) => r >= 0));
}

/**
 * An encoding whose row `b * numItems + i` is template row `templates[b]` with item i as the candidate:
 * user-owned ids and history from the template, item-owned ids from item i. Shares the item arrays of `enc`.
 */
export function candidateEncoding(enc: CtrEncoding, templates: Int32Array): CtrEncoding {
  const F = enc.fields.length;
  const I = enc.numItems;
  const n = templates.length * I;
  const nItemFields = enc.itemFields.length;
  const itemSlot = new Int32Array(F).fill(-1);
  enc.itemFields.forEach((f, k) => (itemSlot[f] = k));
  const fieldIds = new Int32Array(n * F);
  const itemIdx = new Int32Array(n);
  const userIdx = new Int32Array(n);
  for (let b = 0; b < templates.length; b++) {
    const t = templates[b];
    for (let i = 0; i < I; i++) {
      const r = b * I + i;
      itemIdx[r] = i;
      userIdx[r] = enc.userIdx[t];
      for (let f = 0; f < F; f++) {
        fieldIds[r * F + f] =
          itemSlot[f] >= 0 ? enc.itemFieldIds[i * nItemFields + itemSlot[f]] : enc.fieldIds[t * F + f];
      }
    }
  }
  let history: CtrEncoding['history'] = null;
  if (enc.history) {
    const T = enc.history.options.maxLength;
    const ids = new Int32Array(n * T);
    for (let b = 0; b < templates.length; b++) {
      const h = enc.history.ids.subarray(templates[b] * T, templates[b] * T + T);
      for (let i = 0; i < I; i++) ids.set(h, (b * I + i) * T);
    }
    history = { options: enc.history.options, ids };
  }
  return { ...enc, fieldIds, itemIdx, userIdx, labels: new Float32Array(n), history };
}

/** Indices of the k largest of `scores` (skipping `skip`), best first; ties by lower index. */
function topIndices(scores: Float32Array, k: number, skip: Set<number>): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (!skip.has(i)) idx.push(i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx.slice(0, k);
}

/** The top-K rows of every test user (at most `maxUsers`), scored in batches. */
export async function topkPerUser(
  model: CtrModel,
  enc: CtrEncoding,
  split: Split,
  numUsers: number,
  options: TopkOptions,
): Promise<TopkRow[]> {
  const templates = testUserRows(enc, split, numUsers).slice(0, options.maxUsers ?? numUsers);
  const trainItems = new Map<number, Set<number>>();
  for (const r of split.train) {
    const u = enc.userIdx[r];
    let s = trainItems.get(u);
    if (!s) trainItems.set(u, (s = new Set()));
    s.add(enc.itemIdx[r]);
  }
  const usersPerBatch = Math.max(1, Math.floor((options.batchRows ?? 16384) / enc.numItems));
  const out: TopkRow[] = [];
  for (let start = 0; start < templates.length; start += usersPerBatch) {
    const chunk = templates.subarray(start, start + usersPerBatch);
    const cand = candidateEncoding(enc, chunk);
    const rows = Int32Array.from({ length: chunk.length * enc.numItems }, (_, r) => r);
    const probs = await predictCtr(model, cand, rows, rows.length);
    for (let b = 0; b < chunk.length; b++) {
      const user = enc.userIdx[chunk[b]];
      const scores = probs.subarray(b * enc.numItems, (b + 1) * enc.numItems);
      topIndices(scores, options.k, trainItems.get(user) ?? new Set()).forEach((item, j) =>
        out.push({ user, rank: j + 1, item, score: scores[item] }),
      );
    }
    options.onProgress?.(Math.min(start + chunk.length, templates.length), templates.length);
  }
  return out;
}

/** `user, rank, item, title, score` (keys and titles as in the data, formula-safe). */
export function topkCsv(ds: Dataset, rows: readonly TopkRow[]): string {
  return toCsv(
    ['user', 'rank', 'item', 'title', 'score'],
    rows.map((r): Cell[] => [
      ds.userKeys[r.user],
      r.rank,
      ds.itemKeys[r.item],
      ds.itemTitles[r.item] ?? '',
      r.score,
    ]),
  );
}
