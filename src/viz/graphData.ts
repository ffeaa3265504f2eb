import type { ItemCatalogue, NeighbourLists } from '../contract/explain';
import { matchRank, searchText } from '../contract/search';
/**
 * Data shaping for the modality-graph view (pure, unit-tested): undirected edges from a graph's neighbour
 * lists, adjacency, an item's ego subgraph, item search, the category legend, the α stacked bar and item labels.
 */

/** Characters of a title shown on the canvas label, the tooltip and the ego panel's heading. */
export const TITLE_CHARS = 40;

/** `s` cut to `n` characters, an ellipsis marking the cut. */
export const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Item `i`'s title (its key when untitled), clipped to `chars`. */
export function itemLabel(items: ItemCatalogue, i: number, chars = TITLE_CHARS): string {
  return clip(items.titles[i] || items.keys[i], chars);
}

/** Undirected edges, `count` of them, each pair once with the larger of its two directed weights. */
export interface EdgeList {
  readonly count: number;
  readonly source: Int32Array;
  readonly target: Int32Array;
  readonly weight: Float32Array;
  /** Smallest and largest weight kept ([0, 0] when there are none). */
  readonly range: readonly [number, number];
}

/**
 * The undirected edges of `lists` over `n` items: padding (-1), self-loops, out-of-range ids and weights
 * below `minWeight` are dropped; i→j and j→i become one edge (source < target) with the larger weight.
 */
export function edgesFromNeighbours(lists: NeighbourLists, n: number, minWeight = 0): EdgeList {
  const { k, neighbours, weights } = lists;
  const rows = Math.min(n, Math.floor(neighbours.length / Math.max(1, k)));
  const at = new Map<number, number>();
  const src: number[] = [];
  const dst: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      const t = neighbours[i * k + j];
      const wt = weights[i * k + j];
      if (t < 0 || t >= n || t === i || !(wt >= minWeight) || !Number.isFinite(wt)) continue;
      const a = Math.min(i, t);
      const b = Math.max(i, t);
      const key = a * n + b;
      const e = at.get(key);
      if (e === undefined) {
        at.set(key, w.length);
        src.push(a);
        dst.push(b);
        w.push(wt);
      } else if (wt > w[e]) w[e] = wt;
    }
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of w) {
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return {
    count: w.length,
    source: Int32Array.from(src),
    target: Int32Array.from(dst),
    weight: Float32Array.from(w),
    range: w.length > 0 ? [lo, hi] : [0, 0],
  };
}

/** CSR adjacency of an edge list: node v's edges are `edge[start[v] .. start[v + 1])`. */
export interface Adjacency {
  readonly start: Int32Array;
  /** Edge indices. */
  readonly edge: Int32Array;
}

export function adjacency(edges: EdgeList, n: number): Adjacency {
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.count; e++) {
    start[edges.source[e] + 1]++;
    start[edges.target[e] + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const edge = new Int32Array(2 * edges.count);
  for (let e = 0; e < edges.count; e++) {
    edge[fill[edges.source[e]]++] = e;
    edge[fill[edges.target[e]]++] = e;
  }
  return { start, edge };
}

export interface EgoGraph {
  /** The centre first, then its neighbours by falling edge weight. */
  readonly nodes: readonly number[];
  /** Weight of each neighbour's edge to the centre (`nodes[k]` ↔ `weights[k]`; the centre's is 0). */
  readonly weights: readonly number[];
  /** Edges among the ego nodes, as positions in `nodes`. */
  readonly links: readonly { readonly a: number; readonly b: number; readonly weight: number }[];
}

/** The centre's neighbourhood (one hop) and the edges among it. */
export function egoGraph(edges: EdgeList, adj: Adjacency, centre: number): EgoGraph {
  const other = (e: number, v: number) => (edges.source[e] === v ? edges.target[e] : edges.source[e]);
  const around: { v: number; w: number }[] = [];
  for (let p = adj.start[centre]; p < adj.start[centre + 1]; p++) {
    const e = adj.edge[p];
    around.push({ v: other(e, centre), w: edges.weight[e] });
  }
  around.sort((x, y) => y.w - x.w || x.v - y.v);
  const nodes = [centre, ...around.map((a) => a.v)];
  const pos = new Map(nodes.map((v, k) => [v, k]));
  const links: { a: number; b: number; weight: number }[] = [];
  for (const v of nodes) {
    for (let p = adj.start[v]; p < adj.start[v + 1]; p++) {
      const e = adj.edge[p];
      const u = other(e, v);
      const pu = pos.get(u);
      const pv = pos.get(v)!;
      if (pu !== undefined && pv < pu) links.push({ a: pv, b: pu, weight: edges.weight[e] });
    }
  }
  return { nodes, weights: [0, ...around.map((a) => a.w)], links };
}

/**
 * Items whose key or title matches `text` (`matchRank`: the exact key or title, then prefixes, then
 * containment); popular items first within a rank, then index. Empty text matches nothing.
 */
export function searchItems(items: ItemCatalogue, text: string, limit = 8): number[] {
  const q = searchText(text);
  if (q === '') return [];
  const hits: { i: number; r: number }[] = [];
  for (let i = 0; i < items.count; i++) {
    const r = matchRank(q, items.keys[i], items.titles[i] ?? '');
    if (r >= 0) hits.push({ i, r });
  }
  hits.sort((a, b) => a.r - b.r || items.popularity[b.i] - items.popularity[a.i] || a.i - b.i);
  return hits.slice(0, limit).map((h) => h.i);
}

export interface LegendEntry {
  /** Category token (-1 for "other" / none). */
  readonly token: number;
  readonly label: string;
  readonly count: number;
}

/** The `max` most frequent categories, then one "other" entry for the rest (when any). */
export function categoryLegend(items: ItemCatalogue, max = 12): LegendEntry[] {
  const byToken = new Map<number, LegendEntry>();
  for (let i = 0; i < items.count; i++) {
    const t = items.categoryTokens[i];
    const e = byToken.get(t);
    byToken.set(t, { token: t, label: items.categories[i] || '(none)', count: (e?.count ?? 0) + 1 });
  }
  const all = [...byToken.values()].sort((a, b) => b.count - a.count || a.token - b.token);
  if (all.length <= max) return all;
  const rest = all.slice(max - 1).reduce((s, e) => s + e.count, 0);
  return [...all.slice(0, max - 1), { token: -1, label: `${all.length - max + 1} others`, count: rest }];
}

export interface AlphaSegment {
  readonly name: string;
  readonly value: number;
  /** Where the segment starts (sum of the values before it). */
  readonly start: number;
}

/** Item `i`'s row of the `[count, M]` attention as stacked-bar segments; empty when there is no attention. */
export function alphaSegments(
  attention: Float32Array | null,
  modalities: readonly string[],
  i: number,
): AlphaSegment[] {
  const M = modalities.length;
  if (!attention || M === 0 || (i + 1) * M > attention.length || i < 0) return [];
  let start = 0;
  return modalities.map((name, m) => {
    const value = attention[i * M + m];
    const seg = { name, value, start };
    start += value;
    return seg;
  });
}

/** Node radius in CSS pixels from training popularity (area ∝ popularity), between `min` and `max`. */
export function radiusScale(popularity: Int32Array, min = 1.8, max = 7): (count: number) => number {
  let top = 0;
  for (const p of popularity) top = Math.max(top, p);
  return (count) => (top > 0 ? min + (max - min) * Math.sqrt(Math.max(0, count) / top) : min);
}
