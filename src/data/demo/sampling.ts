/** Weighted draws over prefix sums, shared by the demo's stages. */
import type { Rng } from '../random';

/** Cumulative sums of `w`. */
export function cumulative(w: ArrayLike<number>): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i];
  return c;
}

/** Smallest index i in [lo, hi) with cum[i] > x (hi - 1 if none, guarding float round-off). */
export function searchCum(cum: Float64Array, lo: number, hi: number, x: number): number {
  const last = hi - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo > last ? last : lo;
}

/** Number of entries in sorted `t[lo, hi)` that are <= x, i.e. the first index past them, minus lo. */
export function countAtMost(t: Float64Array, lo: number, hi: number, x: number): number {
  const start = lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

/** An index drawn with probability proportional to its weight, given the weights' cumulative sums. */
export function pick(cum: Float64Array, rng: Rng): number {
  return searchCum(cum, 0, cum.length, rng.next() * cum[cum.length - 1]);
}

/** `n` independent normals with standard deviation `scale`. */
export function gauss(n: number, scale: number, rng: Rng): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}
