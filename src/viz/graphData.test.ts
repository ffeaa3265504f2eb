import { describe, expect, it } from 'vitest';
import {
  adjacency,
  alphaSegments,
  categoryLegend,
  edgesFromNeighbours,
  egoGraph,
  itemLabel,
  radiusScale,
  searchItems,
} from './graphData';
import { syntheticGraphPayload } from './graphSynthetic.testkit';
import type { ItemCatalogue, NeighbourLists } from '../contract/explain';

// 4 items, k = 2: 0→{1 .9, 2 .2}, 1→{0 .7, -1}, 2→{2 self .5, 3 .6}, 3→{9 out of range, 0 NaN}.
const lists: NeighbourLists = {
  name: 'visual',
  k: 2,
  neighbours: Int32Array.of(1, 2, 0, -1, 2, 3, 9, 0),
  weights: Float32Array.of(0.9, 0.2, 0.7, 0, 0.5, 0.6, 0.4, NaN),
};

function catalogue(keys: string[], titles: string[], pop: number[], cats: string[]): ItemCatalogue {
  const vocab = [...new Set(cats)];
  return {
    count: keys.length,
    keys,
    titles,
    categories: cats,
    categoryTokens: Int32Array.from(cats, (c) => (c ? vocab.indexOf(c) + 1 : -1)),
    categoryField: 'topic',
    popularity: Int32Array.from(pop),
  };
}

describe('edgesFromNeighbours', () => {
  it('keeps each undirected pair once with its larger weight, dropping padding, self-loops and bad ids', () => {
    const e = edgesFromNeighbours(lists, 4);
    const pairs = Array.from({ length: e.count }, (_, i) => [e.source[i], e.target[i], e.weight[i]]);
    expect(pairs.map(([a, b]) => `${a}-${b}`)).toEqual(['0-1', '0-2', '2-3']);
    expect(pairs[0][2]).toBeCloseTo(0.9); // max(0.9, 0.7)
    expect(e.range[0]).toBeCloseTo(0.2);
    expect(e.range[1]).toBeCloseTo(0.9);
    expect(pairs.every(([a, b]) => a < b)).toBe(true);
  });

  it('drops edges under the weight threshold', () => {
    const e = edgesFromNeighbours(lists, 4, 0.55);
    expect(Array.from(e.source)).toEqual([0, 2]);
    expect(Array.from(e.target)).toEqual([1, 3]);
    const none = edgesFromNeighbours(lists, 4, 2);
    expect(none.count).toBe(0);
    expect(none.range).toEqual([0, 0]);
  });

  it('scales to 3,000 items × k = 10 with at most n·k edges', () => {
    const p = syntheticGraphPayload(3000, 10, 3);
    const e = edgesFromNeighbours(p.graphs[0], 3000);
    expect(e.count).toBeGreaterThan(3000 * 5);
    expect(e.count).toBeLessThanOrEqual(3000 * 10);
  });
});

describe('egoGraph', () => {
  it('puts the centre first, then its neighbours by weight, with the edges among them', () => {
    const e = edgesFromNeighbours(lists, 4);
    const adj = adjacency(e, 4);
    const ego = egoGraph(e, adj, 0);
    expect(ego.nodes).toEqual([0, 1, 2]);
    expect(ego.weights[1]).toBeCloseTo(0.9);
    expect(ego.weights[2]).toBeCloseTo(0.2);
    expect(ego.links.map((l) => [l.a, l.b])).toEqual([
      [0, 1],
      [0, 2],
    ]);
    // Node 2's neighbourhood holds 0 and 3; 0–3 has no edge, so only the spokes.
    const ego2 = egoGraph(e, adj, 2);
    expect(ego2.nodes).toEqual([2, 3, 0]);
    expect(ego2.links).toHaveLength(2);
    // An isolated item is an ego graph of one.
    const iso = egoGraph(
      edgesFromNeighbours(lists, 4, 0.95),
      adjacency(edgesFromNeighbours(lists, 4, 0.95), 4),
      3,
    );
    expect(iso.nodes).toEqual([3]);
    expect(iso.links).toEqual([]);
  });
});

describe('searchItems', () => {
  const items = catalogue(
    ['a1', 'a10', 'b2', 'x'],
    ['Dance night', 'Cooking a1 pasta', 'dance class', 'News'],
    [5, 50, 9, 1],
    ['dance', 'cooking', 'dance', ''],
  );
  it('ranks exact key, prefixes, then containment; popular first within a rank', () => {
    expect(searchItems(items, 'A1')).toEqual([0, 1]);
    expect(searchItems(items, 'dance')).toEqual([2, 0]);
    expect(searchItems(items, 'pasta')).toEqual([1]);
    expect(searchItems(items, '  ')).toEqual([]);
    expect(searchItems(items, 'a', 1)).toEqual([1]);
  });

  it('lists the exact title before a more popular title that goes on past the text', () => {
    const music = catalogue(
      ['v1', 'v2', 'v3', 'v4'],
      ['music #327 by @author_1', 'music #32 by @author_2', 'music #32', 'a music #32 remix'],
      [90, 5, 1, 50],
      ['music', 'music', 'music', 'music'],
    );
    // Exact title, whole-word prefix, prefix cutting "#327", then containment.
    expect(searchItems(music, 'Music #32')).toEqual([2, 1, 0, 3]);
    expect(searchItems(music, 'v3')).toEqual([2]);
  });

  it('builds a legend of the most frequent categories and an "other" entry', () => {
    expect(categoryLegend(items)).toEqual([
      { token: 1, label: 'dance', count: 2 },
      { token: -1, label: '(none)', count: 1 },
      { token: 2, label: 'cooking', count: 1 },
    ]);
    const two = categoryLegend(items, 2);
    expect(two[0].label).toBe('dance');
    expect(two[1]).toEqual({ token: -1, label: '2 others', count: 2 });
  });
});

describe('alphaSegments and radiusScale', () => {
  it('stacks an item’s attention row', () => {
    const att = Float32Array.of(0.2, 0.3, 0.5, 0.6, 0.3, 0.1);
    const segs = alphaSegments(att, ['visual', 'acoustic', 'text'], 1);
    expect(segs.map((s) => s.name)).toEqual(['visual', 'acoustic', 'text']);
    expect(segs[2].start).toBeCloseTo(0.9);
    expect(segs[2].value).toBeCloseTo(0.1);
    expect(alphaSegments(null, ['v'], 0)).toEqual([]);
    expect(alphaSegments(att, ['visual', 'acoustic', 'text'], 2)).toEqual([]);
  });

  it('sizes nodes by the square root of popularity', () => {
    const r = radiusScale(Int32Array.of(0, 25, 100), 2, 10);
    expect(r(0)).toBe(2);
    expect(r(100)).toBe(10);
    expect(r(25)).toBeCloseTo(6);
    expect(radiusScale(new Int32Array(3), 2, 10)(5)).toBe(2);
  });
});

describe('itemLabel', () => {
  it('shows the title, or the key when untitled, cut to the given length with an ellipsis', () => {
    const items = catalogue(['k0', 'k1'], ['A very long title indeed', ''], [1, 1], ['', '']);
    expect(itemLabel(items, 0)).toBe('A very long title indeed');
    expect(itemLabel(items, 0, 10)).toBe('A very lo…');
    expect(itemLabel(items, 0, 10)).toHaveLength(10);
    expect(itemLabel(items, 1)).toBe('k1');
  });
});
