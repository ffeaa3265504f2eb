/**
 * Attention against its baseline (issue 22): a weight means something only next to uniform, 1/n over the n
 * things attended. These helpers colour a weight by its ratio to uniform on a diverging scale centred on
 * uniform (log₂, so 2× and ½× sit at the same distance), with a floor on the range so that near-uniform
 * weights stay near the neutral colour instead of being stretched into contrast, and say in words how far a
 * head is from uniform (its effective number of attended items, exp of the entropy).
 */
import { interpolatePuOr, quantize } from 'd3';
import { REASON_MARGIN } from '../contract/explain';
import { COLOUR_STEPS, type ColourScale } from './colour';

/** d3's PuOr: purple below uniform, near-white at it, orange above. */
const PALETTE = quantize(interpolatePuOr, COLOUR_STEPS);

/** The scale spans at least ½× … 2× uniform: smaller deviations stay pale. */
export const MIN_LOG2_RANGE = 1;

/** A weight within this factor of uniform counts as "about uniform" in the sentences (and in the reasons). */
export const NEAR_UNIFORM = REASON_MARGIN;

/** log₂ of `weight` over uniform 1/n; −Infinity for 0. */
export function log2Ratio(weight: number, n: number): number {
  return Math.log2(weight * n);
}

/**
 * A colour scale over weights, by their ratio to uniform 1/`n`: neutral at uniform, orange above, purple below,
 * symmetric in log₂ over `[−D, D]` with D the largest log ratio of `weights` (at least {@link MIN_LOG2_RANGE},
 * at most log₂ n, the ratio of a weight of 1). Its `domain` is in log₂ units (for the legend); it takes weights.
 */
export function uniformScale(weights: ArrayLike<number>, n: number): ColourScale {
  let top = 0;
  for (let i = 0; i < weights.length; i++) {
    const r = log2Ratio(weights[i], n);
    if (Number.isFinite(r) && r > top) top = r;
  }
  const D = Math.max(MIN_LOG2_RANGE, Math.min(top, Math.log2(Math.max(2, n))));
  const f = (w: number) => {
    const r = log2Ratio(w, n);
    const t = Number.isNaN(r) ? 0.5 : (Math.max(-D, Math.min(D, r)) + D) / (2 * D);
    return PALETTE[Math.max(0, Math.min(COLOUR_STEPS - 1, Math.floor(t * COLOUR_STEPS)))];
  };
  return Object.assign(f, { domain: [-D, D] as const, palette: PALETTE, kind: 'diverging' as const });
}

/** A legend tick of a {@link uniformScale}: `2×`, `1×` (uniform), `½×`, `0.3×`. */
export function formatRatioTick(log2: number): string {
  const r = 2 ** log2;
  if (Math.abs(r - 0.5) < 1e-9) return '½×';
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? +r.toFixed(1) : +r.toFixed(2)}×`;
}

/** "2.3× uniform", "0.40× uniform": a weight's ratio to 1/n in words. */
export function ratioText(weight: number, n: number): string {
  const r = weight * n;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(r >= 1 ? 1 : 2)}× uniform`;
}

/** exp(entropy) of a distribution: n when uniform, 1 when all weight is on one item. */
export function effectiveCount(row: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < row.length; i++) total += row[i];
  if (!(total > 0)) return 0;
  let h = 0;
  for (let i = 0; i < row.length; i++) {
    const p = row[i] / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.exp(h);
}

export interface HeadSummary {
  /** Mean effective number of attended items over the rows. */
  readonly effective: number;
  readonly n: number;
  /** Largest weight's ratio to uniform, and where it is. */
  readonly maxRatio: number;
  readonly maxAt: { readonly row: number; readonly col: number };
  /** Every weight within {@link NEAR_UNIFORM} of uniform. */
  readonly nearUniform: boolean;
}

/** A `[rows, n]` matrix of attention rows (each a distribution over n items) against uniform. */
export function summarizeHead(data: ArrayLike<number>, rows: number, n: number): HeadSummary {
  let effective = 0;
  let maxRatio = 0;
  let minRatio = Infinity;
  let maxAt = { row: 0, col: 0 };
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: n }, (_, c) => data[r * n + c]);
    effective += effectiveCount(row);
    row.forEach((w, c) => {
      const ratio = w * n;
      if (ratio > maxRatio) {
        maxRatio = ratio;
        maxAt = { row: r, col: c };
      }
      minRatio = Math.min(minRatio, ratio);
    });
  }
  return {
    effective: rows > 0 ? effective / rows : 0,
    n,
    maxRatio,
    maxAt,
    nearUniform: rows > 0 && maxRatio <= NEAR_UNIFORM && minRatio >= 1 / NEAR_UNIFORM,
  };
}

/**
 * What a head does, in a sentence: about uniform ("carries little information") or how many of the n items it
 * effectively attends to, and its strongest weight against uniform. `label(row, col)` names a cell.
 */
export function headSentence(
  s: HeadSummary,
  what: string,
  label: (row: number, col: number) => string,
): string {
  if (s.n <= 1) return `There is only one ${what}: nothing to choose between.`;
  if (s.nearUniform) {
    return (
      `This head attends about equally to all ${s.n} ${what}s (every weight within ` +
      `${Math.round((NEAR_UNIFORM - 1) * 100)} % of uniform, 1/${s.n}): it carries little information.`
    );
  }
  if (s.maxRatio <= NEAR_UNIFORM) {
    return (
      `No ${what} stands out: the strongest weight, ${label(s.maxAt.row, s.maxAt.col)}, is only ` +
      `${s.maxRatio.toFixed(2)}× uniform (1/${s.n}); what the head does is push some ${what}s below it.`
    );
  }
  return (
    `On average a row spreads its attention over about ${s.effective.toFixed(1)} of ${s.n} ${what}s; ` +
    `the strongest weight, ${label(s.maxAt.row, s.maxAt.col)}, is ${s.maxRatio.toFixed(1)}× uniform.`
  );
}
