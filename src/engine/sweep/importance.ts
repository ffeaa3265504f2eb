/**
 * How much each setting of a sweep matters, from the trials alone (no model of the response):
 *
 * - `varianceShare`: a main-effect split in the spirit of fANOVA (Hutter et al., ICML 2014), without its
 *   random forest: the trials are grouped by the setting (a choice's options, a boolean's two values, a
 *   number's quantile bins on its scale) and the share of the metric's variance that lies between the groups'
 *   means is `Σ nᵍ (ȳᵍ − ȳ)² / Σ (yᵢ − ȳ)²`, in [0, 1]. With few trials this overstates every setting a little
 *   (each group mean is noisy); it ranks them.
 * - `spearman`: the rank correlation of a number or boolean setting with the metric (ties take their mean
 *   rank), in [−1, 1]; its sign says which way is better. Null for choices.
 *
 * Only ok trials count. Pure, plain arrays; no tfjs.
 */
import { ranks, spearman } from '../metrics/rankCorrelation';
import { dimId, unitOf, type Dimension, type SweepValue, type SweepValues } from './space';

export { ranks, spearman };

export interface Importance {
  readonly id: string;
  readonly varianceShare: number;
  readonly spearman: number | null;
  /** Trials it was computed from. */
  readonly n: number;
}

/** Between-group share of the variance of `y` for the group labels `g` (0 when `y` is constant). */
export function varianceShare(groups: readonly (string | number)[], y: readonly number[]): number {
  const n = y.length;
  if (n < 2) return 0;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const total = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  if (total === 0) return 0;
  const sums = new Map<string | number, { s: number; n: number }>();
  for (let i = 0; i < n; i++) {
    const e = sums.get(groups[i]) ?? { s: 0, n: 0 };
    e.s += y[i];
    e.n += 1;
    sums.set(groups[i], e);
  }
  let between = 0;
  for (const { s, n: k } of sums.values()) between += k * (s / k - mean) ** 2;
  return Math.min(1, between / total);
}

/** Quantile bins (by rank) of numbers: `bins` groups of near-equal size, equal values in one bin. */
export function quantileBins(xs: readonly number[], bins: number): number[] {
  const r = ranks(xs);
  return r.map((v) => Math.min(bins - 1, Math.floor(((v - 1) / xs.length) * bins)));
}

function numeric(d: Dimension, v: SweepValue): number {
  if (d.kind === 'number') return unitOf(d, Number(v));
  if (d.kind === 'boolean') return v ? 1 : 0;
  return 0;
}

/**
 * Importance of each dimension over the trials `(values, metric)` (ok ones only, finite metric), in the
 * space's order. Numbers are split into `⌈√n⌉` quantile bins (at most 5).
 */
export function importances(
  dims: readonly Dimension[],
  trials: readonly { readonly values: SweepValues; readonly metric: number }[],
): Importance[] {
  const ok = trials.filter((t) => Number.isFinite(t.metric));
  const y = ok.map((t) => t.metric);
  const bins = Math.max(2, Math.min(5, Math.ceil(Math.sqrt(ok.length))));
  return dims.map((d) => {
    const id = dimId(d);
    const raw = ok.map((t) => t.values[id]);
    if (d.kind === 'choice') {
      return { id, varianceShare: varianceShare(raw.map(String), y), spearman: null, n: ok.length };
    }
    const x = raw.map((v) => numeric(d, v));
    const groups = d.kind === 'boolean' ? x : quantileBins(x, bins);
    return { id, varianceShare: varianceShare(groups, y), spearman: spearman(x, y), n: ok.length };
  });
}
