/**
 * Level of detail for the modality graph (pure, unit-tested): which nodes and edges a frame draws, so a
 * 10,000-item graph reads as structure instead of a grey cloud. Items are ranked by degree (most connected
 * first, then popularity, then index); an edge enters the picture with the lower ranked of its two ends, so
 * the first edges in that order are the subgraph among the most connected items. A frame draws, in that
 * order, the edges whose two ends are both in view, up to an edge budget, and stops at the last whole rank
 * that fits: the overview shows the few hundred most connected items and the edges among them, and zooming
 * in (fewer items in view) reveals more of them, down to every edge.
 */
import type { EdgeList } from './graphData';

/** Edges a frame draws at most when every item is in view. */
export const EDGE_BUDGET = 1500;
/** The budget grows as fewer items are in view (1 / √share in view), to at most this many times. */
export const ZOOM_BUDGET_GROWTH = 4;
/** Extra CSS pixels around the canvas that still count as in view (a node's radius). */
export const VIEW_MARGIN_PX = 8;

/** The order in which items and edges enter the picture. */
export interface LodOrder {
  /** Per item: its rank, 0 for the most connected. */
  readonly rank: Int32Array;
  /** Edge indices by the larger rank of their two ends (the later to enter), then by falling weight. */
  readonly edges: Int32Array;
  /** `edgeRank[p]`: the larger rank of the two ends of `edges[p]`. */
  readonly edgeRank: Int32Array;
}

/** Each item's number of edges in `edges`. */
export function degrees(edges: EdgeList, n: number): Int32Array {
  const d = new Int32Array(n);
  for (let e = 0; e < edges.count; e++) {
    d[edges.source[e]]++;
    d[edges.target[e]]++;
  }
  return d;
}

/** Items ordered by falling degree, then falling popularity, then index; returns each item's rank. */
export function nodeRanks(degree: Int32Array, popularity: Int32Array): Int32Array {
  const order = Array.from({ length: degree.length }, (_, i) => i);
  order.sort((a, b) => degree[b] - degree[a] || (popularity[b] ?? 0) - (popularity[a] ?? 0) || a - b);
  const rank = new Int32Array(degree.length);
  order.forEach((i, r) => (rank[i] = r));
  return rank;
}

/** The level-of-detail order of `edges` over `n` items with training `popularity`. */
export function lodOrder(edges: EdgeList, n: number, popularity: Int32Array): LodOrder {
  const rank = nodeRanks(degrees(edges, n), popularity);
  const later = new Int32Array(edges.count);
  for (let e = 0; e < edges.count; e++) later[e] = Math.max(rank[edges.source[e]], rank[edges.target[e]]);
  // A counting sort by rank, then each rank's few edges by weight: 100,000 edges in a few milliseconds.
  const start = new Int32Array(n + 1);
  for (let e = 0; e < edges.count; e++) start[later[e] + 1]++;
  for (let r = 0; r < n; r++) start[r + 1] += start[r];
  const fill = start.slice(0, n);
  const order = new Int32Array(edges.count);
  for (let e = 0; e < edges.count; e++) order[fill[later[e]]++] = e;
  const { weight } = edges;
  for (let r = 0; r < n; r++) {
    if (start[r + 1] - start[r] > 1)
      order.subarray(start[r], start[r + 1]).sort((a, b) => weight[b] - weight[a] || a - b);
  }
  return { rank, edges: order, edgeRank: order.map((e) => later[e]) };
}

/** A rectangle of layout units. */
export interface ViewBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The layout units a `width`×`height` CSS-pixel canvas shows through `t`, widened by `margin` CSS pixels. */
export function viewBox(
  t: { readonly k: number; readonly x: number; readonly y: number },
  width: number,
  height: number,
  margin = VIEW_MARGIN_PX,
): ViewBox {
  return {
    x0: (-margin - t.x) / t.k,
    y0: (-margin - t.y) / t.k,
    x1: (width + margin - t.x) / t.k,
    y1: (height + margin - t.y) / t.k,
  };
}

/** Whether item `i` at `positions` (`[x0, y0, …]`) lies in `box`. */
export function inView(positions: Float32Array, i: number, box: ViewBox): boolean {
  const x = positions[2 * i];
  const y = positions[2 * i + 1];
  return x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
}

/**
 * The edge budget with `inView` of `n` items in view: `base` for all of them, more as the view narrows
 * (base / √share, at most ZOOM_BUDGET_GROWTH × base), so zooming in shows more, not fewer, items in full.
 */
export function zoomBudget(inView: number, n: number, base = EDGE_BUDGET): number {
  if (n <= 0 || inView >= n) return base;
  return Math.round(Math.min(ZOOM_BUDGET_GROWTH * base, base / Math.sqrt(Math.max(1, inView) / n)));
}

/** What one frame draws. */
export interface LodSelection {
  /** Edge indices to draw (both ends in view), at most the (zoom) budget. */
  readonly edges: Int32Array;
  /** Items ranked below `cut` are drawn in full; the others as faint dots (`n` when all are). */
  readonly cut: number;
  /** Items in view, and those of them drawn in full. */
  readonly inView: number;
  readonly shown: number;
  /** Whether every edge with both ends in view is drawn. */
  readonly complete: boolean;
}

/**
 * The edges with both ends in `box`, in `order`, at most `zoomBudget(items in view, n, budget)` of them: when the budget runs out inside
 * one rank, that rank's edges are left out (it would show an item with only some of its edges among the
 * items before it), unless it is the first rank with edges in view. `cut` is the first rank not drawn in full.
 */
export function selectLod(
  order: LodOrder,
  edges: EdgeList,
  positions: Float32Array,
  box: ViewBox,
  budget = EDGE_BUDGET,
): LodSelection {
  const n = order.rank.length;
  const placed = positions.length >= 2 * n;
  const visible = new Uint8Array(n);
  let count = 0;
  for (let i = 0; placed && i < n; i++) {
    if (inView(positions, i, box)) {
      visible[i] = 1;
      count++;
    }
  }
  const cap = zoomBudget(count, n, budget);
  const picked: number[] = [];
  let cut = n;
  let complete = true;
  let rankStart = 0;
  let lastRank = -1;
  if (placed) {
    for (let p = 0; p < order.edges.length; p++) {
      const e = order.edges[p];
      if (!visible[edges.source[e]] || !visible[edges.target[e]]) continue;
      const r = order.edgeRank[p];
      if (r !== lastRank) {
        rankStart = picked.length;
        lastRank = r;
      }
      if (picked.length >= cap) {
        complete = false;
        if (rankStart > 0) {
          picked.length = rankStart;
          cut = r;
        } else cut = r + 1;
        break;
      }
      picked.push(e);
    }
  }
  let shown = 0;
  for (let i = 0; i < n; i++) if (visible[i] && order.rank[i] < cut) shown++;
  return { edges: Int32Array.from(picked), cut, inView: count, shown, complete };
}

const fmt = (x: number) => x.toLocaleString('en');

/** One sentence saying what a frame shows, of `n` items. */
export function lodSentence(sel: LodSelection, n: number): string {
  const edges = `${fmt(sel.edges.length)} edge${sel.edges.length === 1 ? '' : 's'}`;
  if (sel.complete) {
    return sel.inView === n
      ? `Showing all ${fmt(n)} items and ${edges}.`
      : `Showing all ${fmt(sel.inView)} items in view and the ${edges} among them.`;
  }
  const of = sel.inView === n ? `${fmt(n)} items` : `${fmt(sel.inView)} items in view`;
  return `Showing the ${fmt(sel.shown)} most connected of ${of} and their ${edges} (the others as faint dots); zoom in for more.`;
}
