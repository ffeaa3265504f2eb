/**
 * The modality graph by category (pure, unit-tested): one node per legend entry (the most frequent
 * categories, then "others"), sized by its items, and one bundle per pair of categories whose items share
 * edges, weighted by how many; CategoryGraph draws it as a ring, and a click drills down into a category's items.
 */
import type { EdgeList, LegendEntry } from './graphData';
import type { ItemCatalogue } from '../contract/explain';

export interface CategoryBundle {
  /** Positions in `CategoryGraphData.nodes`, a < b. */
  readonly a: number;
  readonly b: number;
  /** Item edges between the two categories. */
  readonly count: number;
}

export interface CategoryGraphData {
  /** The legend's entries (token -1: the rest together). */
  readonly nodes: readonly LegendEntry[];
  /** Per node: item edges with both ends inside it. */
  readonly inside: Int32Array;
  /** Every pair with edges between them, the most first. */
  readonly bundles: readonly CategoryBundle[];
  /** Item edges between two different nodes, all together. */
  readonly across: number;
  /** Per item: its node's position in `nodes`. */
  readonly nodeOf: Int32Array;
}

/** The category graph of `edges` over `items`, one node per entry of `legend` (categoryLegend). */
export function categoryGraph(
  items: ItemCatalogue,
  edges: EdgeList,
  legend: readonly LegendEntry[],
): CategoryGraphData {
  const at = new Map(legend.map((e, k) => [e.token, k]));
  const rest = at.get(-1) ?? legend.length - 1;
  const nodeOf = Int32Array.from(items.categoryTokens, (t) => at.get(t) ?? rest);
  const m = legend.length;
  const inside = new Int32Array(m);
  const pairs = new Int32Array(m * m);
  let across = 0;
  for (let e = 0; e < edges.count; e++) {
    const a = nodeOf[edges.source[e]];
    const b = nodeOf[edges.target[e]];
    if (a === b) inside[a]++;
    else {
      pairs[Math.min(a, b) * m + Math.max(a, b)]++;
      across++;
    }
  }
  const bundles: CategoryBundle[] = [];
  for (let a = 0; a < m; a++)
    for (let b = a + 1; b < m; b++) if (pairs[a * m + b] > 0) bundles.push({ a, b, count: pairs[a * m + b] });
  bundles.sort((x, y) => y.count - x.count || x.a - y.a || x.b - y.b);
  return { nodes: legend, inside, bundles, across, nodeOf };
}

/**
 * The bundles worth drawing: at most `max`, none under `share` of the strongest (a faint line per pair of
 * categories would bring the grey cloud back).
 */
export function strongBundles(graph: CategoryGraphData, max = 30, share = 0.05): readonly CategoryBundle[] {
  const top = graph.bundles[0]?.count ?? 0;
  return graph.bundles.filter((b) => b.count >= share * top).slice(0, max);
}

/** The items of node `k`, by index. */
export function itemsOf(graph: CategoryGraphData, k: number): number[] {
  const out: number[] = [];
  graph.nodeOf.forEach((c, i) => c === k && out.push(i));
  return out;
}

/**
 * The box `[x0, y0, x1, y1]` (layout units) around the middle of `members`' positions: from the `trim`
 * quantile to the `1 − trim` one on each axis, so a few strays do not widen it to the whole graph.
 */
export function coreBox(positions: Float32Array, members: readonly number[], trim = 0.1): Float32Array {
  const xs = members.map((i) => positions[2 * i]).sort((a, b) => a - b);
  const ys = members.map((i) => positions[2 * i + 1]).sort((a, b) => a - b);
  if (xs.length === 0) return new Float32Array(0);
  const lo = Math.floor(trim * (xs.length - 1));
  const hi = Math.ceil((1 - trim) * (xs.length - 1));
  return Float32Array.of(xs[lo], ys[lo], xs[hi], ys[hi]);
}
