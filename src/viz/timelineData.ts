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
