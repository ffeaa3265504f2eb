/**
 * Data shaping for the behaviour-attention timeline: one row per real behaviour (padding removed) with one
 * weight per head, and its orderings. Pure functions; no DOM.
 */

/** What the timeline needs of a behaviour payload: `[T, H]` weights, positions oldest first. */
export interface BehaviourInput {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  /** Item per position, -1 for padding. */
  readonly items: Int32Array;
  readonly titles: readonly string[];
  readonly categories: readonly string[];
  readonly categoryTokens: Int32Array;
  readonly times: Float64Array;
  readonly liked: Int8Array;
}

export interface TimelineRow {
  /** Position in the sequence (0 = oldest slot, padding included), for stable keys. */
  readonly position: number;
  /** 1 = the most recent behaviour before the candidate, 2 = the one before, … */
  readonly recency: number;
  readonly item: number;
  readonly title: string;
  readonly category: string;
  readonly categoryToken: number;
  /** Seconds since the epoch, NaN when unknown. */
  readonly time: number;
  /** 1 liked, 0 not, -1 unknown. */
  readonly liked: number;
  /** One weight per head. */
  readonly weights: readonly number[];
}

/** Real behaviours only (padding positions dropped), oldest first. */
export function timelineRows(b: BehaviourInput): TimelineRow[] {
  const [T, H] = b.shape;
  if (b.shape.length !== 2 || b.data.length !== T * H) {
    throw new Error(`expected [T, H] weights, got [${b.shape.join(', ')}] with ${b.data.length} values`);
  }
  const real: number[] = [];
  for (let t = 0; t < T; t++) if (b.items[t] >= 0) real.push(t);
  return real.map((t, k) => ({
    position: t,
    recency: real.length - k,
    item: b.items[t],
    title: b.titles[t] ?? '',
    category: b.categories[t] ?? '',
    categoryToken: b.categoryTokens[t] ?? -1,
    time: b.times[t] ?? NaN,
    liked: b.liked[t] ?? -1,
    weights: Array.from(b.data.subarray(t * H, t * H + H)),
  }));
}

export type TimelineSort =
  { readonly by: 'time' } | { readonly by: 'weight'; readonly head: number | 'mean' };

const mean = (w: readonly number[]) => (w.length === 0 ? 0 : w.reduce((a, b) => a + b, 0) / w.length);

/**
 * Rows in display order: by time (most recent first) or by a head's weight (or the heads' mean), heaviest
 * first; ties fall back to recency. Returns a new array.
 */
export function sortTimeline(rows: readonly TimelineRow[], sort: TimelineSort): TimelineRow[] {
  const out = [...rows];
  if (sort.by === 'time') return out.sort((a, b) => a.recency - b.recency);
  const key = (r: TimelineRow) => (sort.head === 'mean' ? mean(r.weights) : (r.weights[sort.head] ?? 0));
  return out.sort((a, b) => key(b) - key(a) || a.recency - b.recency);
}

/** The weight axis: `[min(0, lowest), max(0, highest)]`, so bars grow from 0 (DIN's weights can be < 0). */
export function weightDomain(rows: readonly TimelineRow[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows) {
    for (const w of r.weights) {
      if (!Number.isFinite(w)) continue;
      lo = Math.min(lo, w);
      hi = Math.max(hi, w);
    }
  }
  return hi === lo ? [0, 1] : [lo, hi];
}

/**
 * What one head does with a user's behaviours, against equal weighting. The baseline is the mean magnitude
 * of the head's weights, mean |w|: for weights that are all positive (a softmax's, or most of DIN's) it is
 * the mean, what each behaviour would get if the head weighed them alike (1/n for softmax); DIN's weights are
 * not normalised and can be negative (an item that counts against the candidate), and the mean magnitude
 * stays a fair scale for them where the mean could be near 0.
 */
export interface BehaviourHeadSummary {
  readonly head: number;
  /** Real behaviours. */
  readonly n: number;
  /** mean |w| over the behaviours (0 when every weight is 0). */
  readonly base: number;
  /** The behaviour with the largest weight, and that weight over `base`. */
  readonly top: TimelineRow | null;
  readonly maxRatio: number;
  /** Behaviours whose weight is `margin` × `base` or more. */
  readonly standOut: number;
  /** Behaviours with a negative weight. */
  readonly negative: number;
  /** Every weight positive and within `margin` of `base` (above and below). */
  readonly nearEqual: boolean;
  /** Share of the head's total |w| on the `recent` most recent behaviours. */
  readonly recentShare: number;
  readonly recent: number;
}

/** Where a head's equal-weighting line goes: at +base, or at −base when every weight is negative. */
export const equalLine = (s: BehaviourHeadSummary) => (s.negative === s.n ? -s.base : s.base);

/** One summary per head; `margin` is the factor that counts as "about equal" (the views' NEAR_UNIFORM). */
export function behaviourHeads(
  rows: readonly TimelineRow[],
  heads: number,
  margin: number,
  recent = 5,
): BehaviourHeadSummary[] {
  const n = rows.length;
  const k = Math.min(recent, n);
  return Array.from({ length: heads }, (_, h) => {
    const w = rows.map((r) => r.weights[h] ?? 0);
    const total = w.reduce((a, v) => a + Math.abs(v), 0);
    const base = n > 0 ? total / n : 0;
    let at = -1;
    w.forEach((v, i) => {
      if (at < 0 || v > w[at]) at = i;
    });
    let recentTotal = 0;
    rows.forEach((r, i) => {
      if (r.recency <= k) recentTotal += Math.abs(w[i]);
    });
    return {
      head: h,
      n,
      base,
      top: at < 0 ? null : rows[at],
      maxRatio: at < 0 || !(base > 0) ? NaN : w[at] / base,
      standOut: base > 0 ? w.filter((v) => v >= margin * base).length : 0,
      negative: w.filter((v) => v < 0).length,
      nearEqual: base > 0 && w.every((v) => v <= margin * base && v >= base / margin),
      recentShare: total > 0 ? recentTotal / total : NaN,
      recent: k,
    };
  });
}

const pct = (v: number) => `${Math.round(v * 100)} %`;
const times = (r: number) => `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;

/** A head's summary in a sentence a person can check against the bars and the dashed line. */
export function behaviourHeadSentence(s: BehaviourHeadSummary, margin: number): string {
  const head = `Head ${s.head + 1}`;
  if (s.n <= 1) return `${head}: only one past item, nothing to choose between.`;
  if (!(s.base > 0)) return `${head}: every weight is 0; it attends to nothing.`;
  const scale = s.negative > 0 ? 'the mean magnitude' : 'the mean';
  if (s.nearEqual) {
    return (
      `${head} weighs the ${s.n} past items about equally (each within ${pct(margin - 1)} of the mean, ` +
      `${s.base.toFixed(3)}): for this candidate it pools the history rather than picking from it.`
    );
  }
  const recentShare =
    s.n > s.recent
      ? ` The ${s.recent} most recent carry ${pct(s.recentShare)} of its weight (equal weighting: ` +
        `${pct(s.recent / s.n)}).`
      : '';
  if (s.negative === s.n) {
    return (
      `${head}: all ${s.n} weights are negative (mean magnitude ${s.base.toFixed(3)}): it counts the ` +
      `history against the candidate.${recentShare}`
    );
  }
  const top = s.top!;
  const negative =
    s.negative > 0
      ? ` ${s.negative} of ${s.n} weights are negative: those past items count against the candidate.`
      : '';
  return (
    `${head}: ${s.standOut} of ${s.n} past items ${s.standOut === 1 ? 'weighs' : 'weigh'} ${margin}× ` +
    `${scale} (${s.base.toFixed(3)}) or more; the heaviest, “${top.title}” (−${top.recency}), is ` +
    `${times(s.maxRatio)} ${scale}.${negative}${recentShare}`
  );
}
