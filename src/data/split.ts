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
