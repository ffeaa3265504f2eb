/**
 * Behaviour sequences for DIN-style models: for every interaction row, the items its user interacted with
 * *before* it. "Before" is the order `chronologicalOrder` defines (user, timestamp, item id; PROTOCOLS.md),
 * the same order the split uses, so a row's history never holds the row itself or anything after it.
 */
import { chronologicalOrder } from './split';
import type { Interactions } from './types';

export interface SequenceOptions {
  /** T: at most this many previous behaviours per row (PROTOCOLS P1: 20). */
  readonly maxLength: number;
  /**
   * Which earlier rows count as behaviours. `false` (default, PROTOCOLS P1 "previous ≤ 20 rated items"):
   * every earlier row, liked or not. `true`: only liked rows (label 1), as DIN's click histories.
   * Either way earlier rows of the validation / test split count for later rows: they are the user's past.
   */
  readonly positiveOnly: boolean;
}

export const DEFAULT_SEQUENCE_OPTIONS: SequenceOptions = { maxLength: 20, positiveOnly: false };

/**
 * @returns row-major `[numRows, T]` item tokens, one row per interaction in the interactions' own row
 * order: the user's previous ≤ T behaviours, oldest first, left-padded with 0; a behaviour is
 * `item index + 1`. Rows with identical (user, timestamp, item) keep their input order.
 */
export function behaviourSequences(
  inter: Interactions,
  options: SequenceOptions = DEFAULT_SEQUENCE_OPTIONS,
): Int32Array {
  const T = options.maxLength;
  if (!Number.isInteger(T) || T < 1) throw new Error(`maxLength must be a positive integer, got ${T}`);
  const { user, item, label } = inter;
  const order = chronologicalOrder(inter);
  const out = new Int32Array(user.length * T);
  // Ring buffer of the current user's last T behaviours; `pushed` counts all of them so far.
  const ring = new Int32Array(T);
  let pushed = 0;
  for (let k = 0; k < order.length; k++) {
    const row = order[k];
    if (k === 0 || user[order[k - 1]] !== user[row]) pushed = 0;
    const c = Math.min(pushed, T);
    const base = row * T + (T - c);
    for (let j = 0; j < c; j++) out[base + j] = ring[(pushed - c + j) % T];
    if (!options.positiveOnly || label[row] > 0) {
      ring[pushed % T] = item[row] + 1;
      pushed++;
    }
  }
  return out;
}

/**
 * Each user's items in chronological order, CSR: user u's sequence is `items[indptr[u] .. indptr[u + 1])`,
 * oldest first (repeats kept: a sequence is what happened, in order).
 */
export interface UserSequences {
  readonly indptr: Int32Array;
  readonly items: Int32Array;
}

/**
 * The sequences of the given interaction rows (e.g. a split's `train`), ordered as `chronologicalOrder`
 * orders rows (timestamp, then item id), whatever the order of `rows`.
 */
export function userSequencesFromRows(
  numUsers: number,
  inter: Interactions,
  rows: Int32Array,
): UserSequences {
  const { user, item, timestamp } = inter;
  const sorted = Int32Array.from(rows).sort(
    (a, b) => user[a] - user[b] || timestamp[a] - timestamp[b] || item[a] - item[b],
  );
  const indptr = new Int32Array(numUsers + 1);
  for (const r of sorted) indptr[user[r] + 1]++;
  for (let u = 0; u < numUsers; u++) indptr[u + 1] += indptr[u];
  const items = new Int32Array(sorted.length);
  sorted.forEach((r, k) => (items[k] = item[r]));
  return { indptr, items };
}

/** Per user: `a`'s sequence, then `b`'s (training then validation items). */
export function concatSequences(a: UserSequences, b: UserSequences): UserSequences {
  const U = a.indptr.length - 1;
  const indptr = new Int32Array(U + 1);
  const items = new Int32Array(a.items.length + b.items.length);
  let k = 0;
  for (let u = 0; u < U; u++) {
    items.set(a.items.subarray(a.indptr[u], a.indptr[u + 1]), k);
    k += a.indptr[u + 1] - a.indptr[u];
    items.set(b.items.subarray(b.indptr[u], b.indptr[u + 1]), k);
    k += b.indptr[u + 1] - b.indptr[u];
    indptr[u + 1] = k;
  }
  return { indptr, items };
}

/**
 * Writes the last ≤ T items of `items[lo, hi)` into `out[offset, offset + T)` as tokens (item + 1), oldest
 * first, left-padded with 0 (the layout of `behaviourSequences`); returns how many are real.
 */
export function leftPaddedWindow(
  items: Int32Array,
  lo: number,
  hi: number,
  T: number,
  out: Int32Array,
  offset: number,
): number {
  const n = Math.min(T, Math.max(0, hi - lo));
  out.fill(0, offset, offset + T - n);
  for (let j = 0; j < n; j++) out[offset + T - n + j] = items[hi - n + j] + 1;
  return n;
}
