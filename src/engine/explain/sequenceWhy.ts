/**
 * Why a sequence model (sasrec) recommends what it does: every item is scored from the last position, which
 * reads the earlier items through attention; the last block's last row, averaged over heads, says which.
 */
import { REASON_MARGIN, type SequencePayload } from '../../contract/explain';

/** The last row of the last block's attention, averaged over heads: `[n]`, sums to 1. `shape` `[L, H, n, n]`. */
export function lastRowMean(data: Float32Array, shape: readonly number[]): Float32Array {
  const [L, H, n] = shape;
  const out = new Float32Array(n);
  for (let h = 0; h < H; h++) {
    const base = (((L - 1) * H + h) * n + (n - 1)) * n;
    for (let s = 0; s < n; s++) out[s] += data[base + s] / H;
  }
  return out;
}

/** Positions whose weight is at least `REASON_MARGIN` × uniform (1/n), strongest first. */
export function whyFromRow(row: Float32Array): SequencePayload['why'] {
  const n = row.length;
  return Array.from(row, (weight, position) => ({ position, weight, ratio: weight * n }))
    .filter((r) => r.ratio >= REASON_MARGIN)
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
}
