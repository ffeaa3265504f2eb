/** Data shaping for the embedding map (pure, unit-tested): colour tokens and legend per field, extents. */
import type { LegendEntry } from './graphData';

export interface ValueColours {
  /** Per point: its value's colour token (0-based by frequency), -1 for "other" and empty values. */
  readonly tokens: Int32Array;
  /** The shown values, most frequent first, then "other" / "(none)" when there are any. */
  readonly legend: readonly LegendEntry[];
}

/**
 * Colour tokens for categorical values: the `max` most frequent values get tokens 0..max-1 (ties by
 * value), the rest share -1 ("N others"); empty values are "(none)" with -1 too.
 */
export function valueColours(values: readonly string[], max = 12, dataTokens?: Int32Array): ValueColours {
  const fromData =
    dataTokens && dataTokens.length === values.length ? dataColours(values, dataTokens, max) : null;
  if (fromData) return fromData;
  const counts = new Map<string, number>();
  for (const v of values) if (v !== '') counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = ranked.slice(0, max);
  const token = new Map(shown.map(([v], k) => [v, k]));
  const tokens = Int32Array.from(values, (v) => token.get(v) ?? -1);
  const legend: LegendEntry[] = shown.map(([label, count], k) => ({ token: k, label, count }));
  const rest = ranked.slice(max);
  if (rest.length > 0) {
    legend.push({ token: -1, label: `${rest.length} others`, count: rest.reduce((s, [, c]) => s + c, 0) });
  }
  const none = values.filter((v) => v === '').length;
  if (none > 0) legend.push({ token: -1, label: '(none)', count: none });
  return { tokens, legend };
}

/**
 * The dataset's own tokens as colour tokens (as the behaviour view and the graph colour categories), when
 * there are at most `max` distinct values; null otherwise (colours would repeat).
 */
function dataColours(values: readonly string[], tokens: Int32Array, max: number): ValueColours | null {
  const byToken = new Map<number, LegendEntry>();
  tokens.forEach((t, i) => {
    const e = byToken.get(t);
    byToken.set(t, { token: t, label: t < 0 ? '(none)' : values[i], count: (e?.count ?? 0) + 1 });
  });
  if ([...byToken.keys()].filter((t) => t >= 0).length > max) return null;
  const legend = [...byToken.values()].sort((a, b) =>
    a.token < 0 ? 1 : b.token < 0 ? -1 : b.count - a.count,
  );
  return { tokens, legend };
}

/** `[min, max]` of column `c` of `xy: [n, 2]`, padded by `pad` of the span (a unit span when flat). */
export function paddedExtent(xy: Float32Array, c: 0 | 1, pad = 0.05): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = c; i < xy.length; i += 2) {
    lo = Math.min(lo, xy[i]);
    hi = Math.max(hi, xy[i]);
  }
  if (!Number.isFinite(lo)) return [-1, 1];
  if (hi - lo < 1e-12) return [lo - 1, hi + 1];
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

/** The axis title: "PC1 (42.1 % variance)". */
export function axisTitle(k: number, share: number): string {
  return `PC${k} (${(100 * share).toFixed(1)} % variance)`;
}
