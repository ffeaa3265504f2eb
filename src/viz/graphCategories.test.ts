import { describe, expect, it } from 'vitest';
import { categoryGraph, coreBox, itemsOf, strongBundles } from './graphCategories';
import { categoryLegend, edgesFromNeighbours, type EdgeList } from './graphData';
import { syntheticGraphPayload } from './graphSynthetic.testkit';
import type { ItemCatalogue } from '../contract/explain';

// Seven items in categories x (0, 1, 2), y (3, 4), z (5) and none (6).
const items: ItemCatalogue = {
  count: 7,
  keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  titles: ['', '', '', '', '', '', ''],
  categories: ['x', 'x', 'x', 'y', 'y', 'z', ''],
  categoryTokens: Int32Array.of(1, 1, 1, 2, 2, 3, -1),
  categoryField: 'kind',
  popularity: new Int32Array(7),
};

function edgeList(pairs: readonly [number, number][]): EdgeList {
  return {
    count: pairs.length,
    source: Int32Array.from(pairs, (p) => p[0]),
    target: Int32Array.from(pairs, (p) => p[1]),
    weight: new Float32Array(pairs.length).fill(0.5),
    range: [0.5, 0.5],
  };
}

describe('categoryGraph', () => {
  const edges = edgeList([
    [0, 1], // x–x
    [1, 2], // x–x
    [0, 3], // x–y
    [2, 4], // x–y
    [3, 4], // y–y
    [4, 5], // y–z
    [5, 6], // z–(none)
  ]);

  it('counts the edges inside each category and bundles those between two, the most first', () => {
    const g = categoryGraph(items, edges, categoryLegend(items));
    expect(g.nodes.map((e) => e.label)).toEqual(['x', 'y', '(none)', 'z']);
    expect(Array.from(g.inside)).toEqual([2, 1, 0, 0]);
    expect(g.bundles).toEqual([
      { a: 0, b: 1, count: 2 },
      { a: 1, b: 3, count: 1 },
      { a: 2, b: 3, count: 1 },
    ]);
    expect(g.across).toBe(4);
    expect(Array.from(g.nodeOf)).toEqual([0, 0, 0, 1, 1, 3, 2]);
    expect(itemsOf(g, 1)).toEqual([3, 4]);
  });

  it('puts the categories past the legend into its "others" entry', () => {
    const legend = categoryLegend(items, 2); // x, then "3 others"
    const g = categoryGraph(items, edges, legend);
    expect(g.nodes.map((e) => e.label)).toEqual(['x', '3 others']);
    expect(Array.from(g.inside)).toEqual([2, 3]);
    expect(g.bundles).toEqual([{ a: 0, b: 1, count: 2 }]);
    expect(Array.from(g.nodeOf)).toEqual([0, 0, 0, 1, 1, 1, 1]);
  });

  it('on a clustered graph, keeps most edges inside the categories and draws only the strong bundles', () => {
    const p = syntheticGraphPayload(3000, 10, 2);
    const fused = edgesFromNeighbours(p.graphs[3], 3000);
    const g = categoryGraph(p.items, fused, categoryLegend(p.items));
    const inside = g.inside.reduce((s, x) => s + x, 0);
    expect(inside + g.across).toBe(fused.count);
    expect(inside).toBeGreaterThan(0.8 * fused.count); // 95 % of neighbours share the topic
    const strong = strongBundles(g, 30, 0.05);
    expect(strong.length).toBeLessThanOrEqual(30);
    for (const b of strong) expect(b.count).toBeGreaterThanOrEqual(0.05 * g.bundles[0].count);
    expect(strongBundles(g, 5)).toEqual(g.bundles.slice(0, 5));
  });
});

describe('coreBox', () => {
  it('boxes the middle of the members, leaving out strays', () => {
    // Items 0–19 at x = y = index; item 19 far away.
    const pos = new Float32Array(40);
    for (let i = 0; i < 20; i++) pos[2 * i] = pos[2 * i + 1] = i;
    pos[38] = pos[39] = 1000;
    const members = Array.from({ length: 20 }, (_, i) => i);
    expect(Array.from(coreBox(pos, members, 0.1))).toEqual([1, 1, 18, 18]);
    expect(Array.from(coreBox(pos, members, 0))).toEqual([0, 0, 1000, 1000]);
    expect(Array.from(coreBox(pos, [], 0.1))).toEqual([]);
  });
});
