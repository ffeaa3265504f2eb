/**
 * Interaction-count distributions for the dataset summary (the long-tail plot): one pass over typed arrays,
 * one sort of a count array per distribution.
 */
import type { CountDistribution } from '../contract/explain';

/** Interactions per id, for ids `0..n-1`. */
export function countPerId(ids: Int32Array, n: number): Int32Array {
  const counts = new Int32Array(n);
  for (let k = 0; k < ids.length; k++) counts[ids[k]]++;
  return counts;
}

export function countDistribution(counts: Int32Array): CountDistribution {
  const n = counts.length;
  if (n === 0) return { min: 0, median: 0, max: 0, mean: 0, zeros: 0, binStarts: [], binCounts: [] };
  const sorted = counts.slice().sort();
  const max = sorted[n - 1];
  const median = n % 2 === 1 ? sorted[(n - 1) >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  let total = 0;
  let zeros = 0;
  const binStarts: number[] = [];
  for (let s = 1; s <= max; s *= 2) binStarts.push(s);
  const binCounts = new Array<number>(binStarts.length).fill(0);
  for (let k = 0; k < n; k++) {
    const c = counts[k];
    total += c;
    if (c === 0) zeros++;
    else binCounts[31 - Math.clz32(c)]++; // floor(log2 c)
  }
  return { min: sorted[0], median, max, mean: total / n, zeros, binStarts, binCounts };
}

/** How many distinct (user, item) pairs the rows hold. */
export function distinctPairs(user: Int32Array, item: Int32Array, numItems: number): number {
  const keys = new Float64Array(user.length);
  for (let r = 0; r < user.length; r++) keys[r] = user[r] * numItems + item[r]; // exact below 2^53
  keys.sort();
  let pairs = 0;
  for (let r = 0; r < keys.length; r++) if (r === 0 || keys[r] !== keys[r - 1]) pairs++;
  return pairs;
}
