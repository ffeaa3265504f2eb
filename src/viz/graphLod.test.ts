import { describe, expect, it } from 'vitest';
import { edgesFromNeighbours, type EdgeList } from './graphData';
import {
  EDGE_BUDGET,
  ZOOM_BUDGET_GROWTH,
  degrees,
  lodOrder,
  lodSentence,
  nodeRanks,
  selectLod,
  viewBox,
  zoomBudget,
  type LodSelection,
  type ViewBox,
} from './graphLod';
import { syntheticGraphPayload } from './graphSynthetic.testkit';

/** An undirected edge list from `[a, b, weight]` triples. */
function edgeList(pairs: readonly [number, number, number][]): EdgeList {
  const w = pairs.map((p) => p[2]);
  return {
    count: pairs.length,
    source: Int32Array.from(pairs, (p) => Math.min(p[0], p[1])),
    target: Int32Array.from(pairs, (p) => Math.max(p[0], p[1])),
    weight: Float32Array.from(w),
    range: [Math.min(...w), Math.max(...w)],
  };
}

const everywhere: ViewBox = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };

// A synthetic 2,000-item catalogue with 10 neighbours each (~19,000 undirected edges), all at the origin.
const big = syntheticGraphPayload(2000, 10, 3);
const bigN = big.items.count;
const bigEdges = edgesFromNeighbours(big.graphs[3], bigN);
const bigOrder = lodOrder(bigEdges, bigN, big.items.popularity);
const origin = new Float32Array(2 * bigN);

describe('degrees and nodeRanks', () => {
  it('ranks items by falling degree, then popularity, then index', () => {
    // Item 2 has three edges; 0, 1 and 3 two each; 4 one; 5 none.
    const edges = edgeList([
      [0, 2, 0.5],
      [1, 2, 0.5],
      [2, 3, 0.5],
      [0, 1, 0.5],
      [3, 4, 0.5],
    ]);
    const d = degrees(edges, 6);
    expect(Array.from(d)).toEqual([2, 2, 3, 2, 1, 0]);
    const rank = nodeRanks(d, Int32Array.of(1, 5, 0, 5, 9, 9));
    // 2 first; then 1 and 3 (popularity 5, index breaks the tie), then 0; then 4, 5.
    expect(Array.from(rank)).toEqual([3, 1, 0, 2, 4, 5]);
  });
});

describe('lodOrder', () => {
  it('orders edges by the later rank of their two ends, then by falling weight', () => {
    const edges = edgeList([
      [0, 1, 0.2], // ranks 0, 2 → 2
      [0, 2, 0.9], // ranks 0, 1 → 1
      [1, 2, 0.4], // ranks 2, 1 → 2
      [2, 3, 0.3], // ranks 1, 3 → 3
      [0, 3, 0.8], // ranks 0, 3 → 3
    ]);
    // Degrees 3, 2, 3, 2: item 0, then 2, then 1, then 3.
    const order = lodOrder(edges, 4, Int32Array.of(0, 0, 0, 0));
    expect(Array.from(order.rank)).toEqual([0, 2, 1, 3]);
    expect(Array.from(order.edges)).toEqual([1, 2, 0, 4, 3]);
    expect(Array.from(order.edgeRank)).toEqual([1, 2, 2, 3, 3]);
  });
});

describe('selectLod', () => {
  it('shows the whole graph when it fits the budget', () => {
    const sel = selectLod(bigOrder, bigEdges, origin, everywhere, bigEdges.count);
    expect(sel.complete).toBe(true);
    expect(sel.cut).toBe(bigN);
    expect(sel.edges.length).toBe(bigEdges.count);
    expect(sel.shown).toBe(bigN);
  });

  it('draws at the overview only the edges among the most connected items, within the budget', () => {
    const d = degrees(bigEdges, bigN);
    for (const budget of [50, 300, EDGE_BUDGET]) {
      const sel = selectLod(bigOrder, bigEdges, origin, everywhere, budget);
      expect(sel.complete).toBe(false);
      expect(sel.edges.length).toBeLessThanOrEqual(budget);
      expect(sel.edges.length).toBeGreaterThan(budget * 0.9); // whole ranks: a few short of it at most
      expect(sel.inView).toBe(bigN);
      expect(sel.shown).toBe(sel.cut);
      // The items in full are the most connected: none left out has more edges than one shown.
      const ins = Array.from(d).filter((_, i) => bigOrder.rank[i] < sel.cut);
      const outs = Array.from(d).filter((_, i) => bigOrder.rank[i] >= sel.cut);
      expect(Math.min(...ins)).toBeGreaterThanOrEqual(Math.max(...outs));
      // Exactly the edges among them: each drawn edge joins two of them, and every such edge is drawn.
      const among = new Set<number>();
      for (let e = 0; e < bigEdges.count; e++)
        if (bigOrder.rank[bigEdges.source[e]] < sel.cut && bigOrder.rank[bigEdges.target[e]] < sel.cut)
          among.add(e);
      expect(new Set(sel.edges)).toEqual(among);
    }
  });

  it('never draws an edge with an end out of view, and counts the items in view', () => {
    // Items on a line, x = index; the view holds x ∈ [500, 999].
    const line = new Float32Array(2 * bigN);
    for (let i = 0; i < bigN; i++) line[2 * i] = i;
    const box: ViewBox = { x0: 499.5, y0: -1, x1: 999.5, y1: 1 };
    const sel = selectLod(bigOrder, bigEdges, line, box, EDGE_BUDGET);
    expect(sel.inView).toBe(500);
    for (const e of sel.edges) {
      for (const v of [bigEdges.source[e], bigEdges.target[e]]) {
        expect(v).toBeGreaterThanOrEqual(500);
        expect(v).toBeLessThan(1000);
      }
    }
    // A narrow view: every edge among its items is drawn.
    const narrow = selectLod(bigOrder, bigEdges, line, { x0: 99.5, y0: -1, x1: 199.5, y1: 1 });
    const inside = (v: number) => v >= 100 && v < 200;
    let all = 0;
    for (let e = 0; e < bigEdges.count; e++)
      if (inside(bigEdges.source[e]) && inside(bigEdges.target[e])) all++;
    expect(narrow.complete).toBe(true);
    expect(narrow.edges.length).toBe(all);
    expect(narrow.shown).toBe(100);
  });

  it('shows more items in full as the view narrows', () => {
    const line = new Float32Array(2 * bigN);
    for (let i = 0; i < bigN; i++) line[2 * i] = bigOrder.rank[i] % 2 === 0 ? i : -i; // ranks on both sides
    const whole = selectLod(bigOrder, bigEdges, line, everywhere);
    const half = selectLod(bigOrder, bigEdges, line, { x0: 0, y0: -1, x1: Infinity, y1: 1 });
    expect(half.inView).toBeLessThan(whole.inView);
    expect(half.cut).toBeGreaterThan(whole.cut);
    expect(half.edges.length).toBeGreaterThan(whole.edges.length);
    expect(half.edges.length).toBeLessThanOrEqual(zoomBudget(half.inView, bigN));
  });

  it('stops at the last whole rank, unless the first rank in view alone overflows the budget', () => {
    // Degrees: 0 four, 1, 2 and 5 two, 3 and 4 one. Ranks 0, 1, 2, 4, 5, 3; item 5 (rank 3) brings two edges.
    const edges = edgeList([
      [0, 1, 0.9],
      [0, 2, 0.8],
      [0, 3, 0.7],
      [0, 4, 0.6],
      [1, 5, 0.5],
      [2, 5, 0.4],
    ]);
    const order = lodOrder(edges, 6, Int32Array.of(0, 0, 0, 0, 0, 0));
    expect(Array.from(order.edges)).toEqual([0, 1, 4, 5, 2, 3]);
    const three = selectLod(order, edges, new Float32Array(12), everywhere, 3);
    expect(Array.from(three.edges)).toEqual([0, 1]); // not item 5 with one of its two edges
    expect(three.cut).toBe(3);
    expect(three.shown).toBe(3);
    // Hubs 1, 2, 3 (three leaves each, out of view) all join item 0: in view, item 0's three edges are the
    // first rank with edges; a budget of two (1 grown by 4 of 13 items in view) keeps its two strongest,
    // and item 0 is shown in full.
    const hubs: [number, number, number][] = [
      [0, 1, 0.3],
      [0, 2, 0.9],
      [0, 3, 0.6],
    ];
    for (const h of [1, 2, 3]) for (let l = 0; l < 3; l++) hubs.push([h, 1 + 3 * h + l, 0.5]);
    const star = edgeList(hubs);
    const starOrder = lodOrder(star, 13, new Int32Array(13));
    const pos = new Float32Array(26);
    for (let leaf = 4; leaf < 13; leaf++) pos[2 * leaf] = 100;
    const two = selectLod(starOrder, star, pos, { x0: -1, y0: -1, x1: 1, y1: 1 }, 1);
    expect(zoomBudget(4, 13, 1)).toBe(2);
    expect(two.inView).toBe(4);
    expect(Array.from(two.edges)).toEqual([1, 2]);
    expect(two.cut).toBe(starOrder.rank[0] + 1);
    expect(two.shown).toBe(4);
  });

  it('selects nothing before the layout has placed the items', () => {
    const sel = selectLod(bigOrder, bigEdges, new Float32Array(0), everywhere);
    expect(sel.edges.length).toBe(0);
    expect(sel.inView).toBe(0);
  });
});

describe('zoomBudget', () => {
  it('is the base with every item in view and grows as 1 / √share, capped', () => {
    expect(zoomBudget(1000, 1000, 100)).toBe(100);
    expect(zoomBudget(250, 1000, 100)).toBe(200);
    expect(zoomBudget(1, 1000, 100)).toBe(ZOOM_BUDGET_GROWTH * 100);
    expect(zoomBudget(0, 0, 100)).toBe(100);
  });
});

describe('viewBox', () => {
  it('maps the canvas (widened by the margin) back to layout units', () => {
    expect(viewBox({ k: 2, x: 100, y: 50 }, 400, 300, 10)).toEqual({ x0: -55, y0: -30, x1: 155, y1: 130 });
  });
});

describe('lodSentence', () => {
  const sel = (edges: number, over: Partial<LodSelection>): LodSelection => ({
    edges: new Int32Array(edges),
    cut: 300,
    inView: 9742,
    shown: 300,
    complete: false,
    ...over,
  });
  it('says what is drawn, of how many, and how to see more', () => {
    expect(lodSentence(sel(1240, {}), 9742)).toBe(
      'Showing the 300 most connected of 9,742 items and their 1,240 edges (the others as faint dots); zoom in for more.',
    );
    expect(lodSentence(sel(2000, { inView: 1200, shown: 640 }), 9742)).toBe(
      'Showing the 640 most connected of 1,200 items in view and their 2,000 edges (the others as faint dots); zoom in for more.',
    );
    expect(lodSentence(sel(40, { complete: true, inView: 9742, shown: 9742 }), 9742)).toBe(
      'Showing all 9,742 items and 40 edges.',
    );
    expect(lodSentence(sel(1, { complete: true, inView: 12, shown: 12 }), 9742)).toBe(
      'Showing all 12 items in view and the 1 edge among them.',
    );
  });
});
