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
