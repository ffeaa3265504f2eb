import { makeRng, shuffleInPlace } from './random';
import type { Interactions } from './types';

/** Row indices into the dataset's interactions. */
export interface Split {
  readonly train: Int32Array;
  readonly valid: Int32Array;
  readonly test: Int32Array;
}

export interface SplitOptions {
  /** Share of each user's rows, counted from the end, that go to test (floor(n · testFrac)). */
  readonly testFrac: number;
  readonly validFrac: number;
}

export const DEFAULT_SPLIT: SplitOptions = { testFrac: 0.1, validFrac: 0.1 };

/** Row indices ordered by (user, timestamp, item id): the order that defines "before" everywhere. */
export function chronologicalOrder(inter: Interactions): Int32Array {
  const { user, item, timestamp } = inter;
  const order = new Int32Array(user.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => user[a] - user[b] || timestamp[a] - timestamp[b] || item[a] - item[b]);
  return order;
}

/**
 * Per-user chronological split (PROTOCOLS.md): each user's rows sorted by (timestamp, item id); the last
 * floor(n · testFrac) go to test, the floor(n · validFrac) before them to validation, the rest to train.
 * No row of a user's validation or test set is earlier than any of that user's training rows.
 */
export function chronologicalSplit(inter: Interactions, options: SplitOptions = DEFAULT_SPLIT): Split {
  const order = chronologicalOrder(inter);
  const { user } = inter;
  const train: number[] = [];
  const valid: number[] = [];
  const test: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end < order.length && user[order[end]] === user[order[start]]) end++;
    const n = end - start;
    const nTest = Math.floor(n * options.testFrac);
    const nValid = Math.floor(n * options.validFrac);
    const nTrain = n - nTest - nValid;
    for (let k = 0; k < n; k++) {
      const row = order[start + k];
      if (k < nTrain) train.push(row);
      else if (k < nTrain + nValid) valid.push(row);
      else test.push(row);
    }
    start = end;
  }
  return { train: Int32Array.from(train), valid: Int32Array.from(valid), test: Int32Array.from(test) };
}

export type SplitMethod = 'chronological' | 'leaveLastOut' | 'random';

export interface SplitConfig {
  /**
   * - `chronological`: each user's last rows (by time, ties by item id) are test, the ones before them
   *   validation, in `ratios` (floor of the share, as `chronologicalSplit`);
   * - `leaveLastOut`: each user's last row is test and the one before it validation;
   * - `random`: like chronological but each user's rows are shuffled first (seeded).
   */
  readonly method: SplitMethod;
  /** Shares [train, valid, test] of each user's rows; default 8:1:1. Not used by leaveLastOut. */
  readonly ratios?: readonly [number, number, number];
  /** Seed of the random split; default 42. */
  readonly seed?: number;
  /** Users with fewer rows get `fewInteractions` (leaveLastOut needs at least 3 in any case). Default 0. */
  readonly minInteractions?: number;
  /** What happens to those users: left out entirely, or all their rows in train. Default 'trainOnly'. */
  readonly fewInteractions?: 'drop' | 'trainOnly';
}

export interface SplitResult extends Split {
  /** Users left out by `fewInteractions: 'drop'`, and their rows. */
  readonly droppedUsers: number;
  readonly droppedRows: number;
  /** Distinct test items that no training row has (no learned embedding), and the test rows with them. */
  readonly coldTestItems: number;
  readonly coldTestRows: number;
}

function checkRatios(ratios: readonly number[]): number {
  const sum = ratios.reduce((a, b) => a + b, 0);
  if (ratios.length !== 3 || !ratios.every((r) => Number.isFinite(r) && r >= 0) || !(sum > 0)) {
    throw new Error(
      `split ratios must be three non-negative numbers with a positive sum: ${ratios.join(':')}`,
    );
  }
  return sum;
}

/** Per-user split by any of the methods, with the users left out and the test items training never saw. */
export function splitDataset(inter: Interactions, config: SplitConfig): SplitResult {
  const ratios = config.ratios ?? [8, 1, 1];
  const sum = checkRatios(ratios);
  const minRows = Math.max(config.minInteractions ?? 0, config.method === 'leaveLastOut' ? 3 : 0);
  const drop = (config.fewInteractions ?? 'trainOnly') === 'drop';
  const rng = makeRng(config.seed ?? 42);
  const order = chronologicalOrder(inter);
  const { user } = inter;
  const train: number[] = [];
  const valid: number[] = [];
  const test: number[] = [];
  let droppedUsers = 0;
  let droppedRows = 0;
  for (let start = 0, end = 0; start < order.length; start = end) {
    while (end < order.length && user[order[end]] === user[order[start]]) end++;
    const rows = order.subarray(start, end);
    const n = rows.length;
    if (n < minRows) {
      if (drop) {
        droppedUsers++;
        droppedRows += n;
      } else for (const r of rows) train.push(r);
      continue;
    }
    let nTest: number;
    let nValid: number;
    if (config.method === 'leaveLastOut') {
      nTest = 1;
      nValid = 1;
    } else {
      // Integer ratios make n · share exact, so 8:1:1 gives floor(n / 10) like chronologicalSplit.
      nTest = Math.floor((n * ratios[2]) / sum);
      nValid = Math.floor((n * ratios[1]) / sum);
    }
    const userRows = config.method === 'random' ? shuffleInPlace(Int32Array.from(rows), rng) : rows;
    const nTrain = n - nTest - nValid;
    for (let k = 0; k < n; k++) (k < nTrain ? train : k < nTrain + nValid ? valid : test).push(userRows[k]);
  }
  const split = { train: Int32Array.from(train), valid: Int32Array.from(valid), test: Int32Array.from(test) };
  return { ...split, droppedUsers, droppedRows, ...coldTest(inter.item, split) };
}

function coldTest(item: Int32Array, split: Split): { coldTestItems: number; coldTestRows: number } {
  let numItems = 0;
  for (const i of item) if (i >= numItems) numItems = i + 1;
  const seen = new Uint8Array(numItems);
  for (const r of split.train) seen[item[r]] = 1;
  const counted = new Uint8Array(numItems);
  let coldTestItems = 0;
  let coldTestRows = 0;
  for (const r of split.test) {
    const i = item[r];
    if (seen[i]) continue;
    coldTestRows++;
    if (!counted[i]) {
      counted[i] = 1;
      coldTestItems++;
    }
  }
  return { coldTestItems, coldTestRows };
}
