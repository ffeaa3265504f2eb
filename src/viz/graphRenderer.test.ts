import { describe, expect, it } from 'vitest';
import { categoryColour } from './colour';
import { adjacency, edgesFromNeighbours, egoGraph, itemLabel, type EdgeList } from './graphData';
import { lodOrder } from './graphLod';
import {
  EDGE_LEVELS,
  FAINT_WHILE_RUNNING,
  colourGroups,
  drawGraph,
  edgeLevelOf,
  edgeLevels,
  type GraphFrame,
  type GraphScene,
} from './graphRenderer';
import type { ItemCatalogue } from '../contract/explain';

interface Call {
  readonly op: string;
  readonly args: unknown[];
  readonly lineWidth: number;
  readonly globalAlpha: number;
}

/** A 2-D context that records its drawing calls, with the line width and alpha each was made at. */
function recordingContext(width = 200, height = 100) {
  const calls: Call[] = [];
  const state: Record<string | symbol, unknown> = { lineWidth: 1, globalAlpha: 1, canvas: { width, height } };
  const ctx = new Proxy(state, {
    get: (s, op) =>
      op in s
        ? s[op]
        : (...args: unknown[]) =>
            calls.push({
              op: String(op),
              args,
              lineWidth: s.lineWidth as number,
              globalAlpha: s.globalAlpha as number,
            }),
    set: (s, op, v) => {
      s[op] = v;
      return true;
    },
  });
  // A Proxy standing in for the DOM's context: drawGraph only calls methods and sets properties.
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const count = (calls: Call[], op: string) => calls.filter((c) => c.op === op).length;

// Six items on a line, 10 apart; item 5 has a long title.
const items: ItemCatalogue = {
  count: 6,
  keys: ['a', 'b', 'c', 'd', 'e', 'f'],
  titles: ['Alpha', 'Beta', '', 'Delta', 'Epsilon', 'A title much longer than the forty characters shown'],
  categories: ['x', 'y', 'x', 'z', 'y', 'x'],
  categoryTokens: Int32Array.of(1, 2, 1, 3, 2, 1),
  categoryField: 'topic',
  popularity: Int32Array.of(4, 1, 9, 0, 2, 3),
};
const positions = Float32Array.of(0, 0, 10, 0, 20, 0, 30, 0, 40, 0, 50, 0);
// Eight edges, weights 0.1 … 0.6, in every opacity level (level = ⌊6 (w − 0.1) / 0.5⌋, the top one capped);
// each level lists its edges in edge order (pairs in row order: 0-1, 0-2, 1-3, 2-3, 2-4, 3-4, 4-5, 0-5).
const edges = edgesFromNeighbours(
  {
    name: 'fused',
    k: 2,
    neighbours: Int32Array.of(1, 2, 3, -1, 3, 4, 4, -1, 5, -1, 0, -1),
    weights: Float32Array.of(0.6, 0.5, 0.3, 0, 0.4, 0.2, 0.37, 0, 0.25, 0, 0.1, 0),
  },
  6,
);
const adj = adjacency(edges, 6);
const scene: GraphScene = {
  items,
  edges,
  adj,
  levels: edgeLevels(edges),
  groups: colourGroups(items),
  radius: () => 3,
};
const frame: GraphFrame = {
  positions,
  placed: true,
  running: false,
  transform: { k: 2, x: 5, y: 7 },
  dpr: 1.5,
  selected: null,
  ego: null,
  hover: null,
};

describe('edgeLevels', () => {
  it('buckets edges by weight rescaled to their range, the strongest in the last level', () => {
    const levels = edgeLevels(edges);
    expect(levels).toHaveLength(EDGE_LEVELS);
    const weightsByLevel = levels.map((l) => Array.from(l, (e) => Number(edges.weight[e].toFixed(2))));
    expect(weightsByLevel).toEqual([[0.1], [0.2, 0.25], [0.3], [0.4, 0.37], [0.5], [0.6]]);
  });

  it('puts every edge at full opacity when all weights are equal', () => {
    const flat: EdgeList = { ...edges, range: [0.5, 0.5] };
    expect(edgeLevels(flat)[EDGE_LEVELS - 1]).toHaveLength(edges.count);
  });
});

describe('colourGroups', () => {
  it('groups nodes by category colour in order of first appearance', () => {
    expect(colourGroups(items).map((g) => [g.colour, Array.from(g.nodes)])).toEqual([
      [categoryColour(1), [0, 2, 5]],
      [categoryColour(2), [1, 4]],
      [categoryColour(3), [3]],
    ]);
  });
});

describe('drawGraph', () => {
  it('only clears the canvas until the layout has placed the nodes', () => {
    const { ctx, calls } = recordingContext(200, 100);
    drawGraph(ctx, scene, { ...frame, placed: false });
    expect(calls.map((c) => [c.op, ...c.args])).toEqual([
      ['setTransform', 1, 0, 0, 1, 0, 0],
      ['clearRect', 0, 0, 200, 100],
    ]);
  });

  it('draws in layout units through the zoom transform at the device pixel ratio', () => {
    const { ctx, calls } = recordingContext();
    drawGraph(ctx, scene, frame);
    expect(calls.filter((c) => c.op === 'setTransform')[1].args).toEqual([3, 0, 0, 3, 7.5, 10.5]);
    // Every edge once, each level in one path; every node once, each colour in one path.
    expect(count(calls, 'lineTo')).toBe(edges.count);
    expect(count(calls, 'stroke')).toBe(EDGE_LEVELS);
    expect(count(calls, 'arc')).toBe(items.count);
    expect(count(calls, 'fill')).toBe(3);
    expect(count(calls, 'fillText')).toBe(0);
  });

  it('leaves out the faintest edge levels while the layout runs', () => {
    const { ctx, calls } = recordingContext();
    drawGraph(ctx, scene, { ...frame, running: true });
    const faint = edgeLevels(edges)
      .slice(0, FAINT_WHILE_RUNNING)
      .reduce((s, l) => s + l.length, 0);
    expect(faint).toBe(3); // 0.1, 0.2, 0.25
    expect(count(calls, 'lineTo')).toBe(edges.count - faint);
    expect(count(calls, 'stroke')).toBe(EDGE_LEVELS - FAINT_WHILE_RUNNING);
  });

  it("rings the focused item's neighbourhood, strokes its edges and labels it", () => {
    const { ctx, calls } = recordingContext();
    const ego = egoGraph(edges, adj, 5);
    drawGraph(ctx, scene, { ...frame, selected: 5, ego });
    // The selection's own edges (to 0 and 4) in one dark path, 1.4 px wide on screen.
    const strokes = calls.filter((c) => c.op === 'stroke');
    expect(strokes.map((s) => s.lineWidth).slice(EDGE_LEVELS)).toEqual([0.7, 1.25, 0.5, 0.5]);
    expect(ego.nodes).toEqual([5, 4, 0]);
    // The label: the title clipped to 40 characters, 8 screen px up and right of the node.
    const label = calls.find((c) => c.op === 'fillText')!;
    expect(label.args).toEqual([itemLabel(items, 5), 50 + 4, -4]);
    expect(label.args[0]).toBe('A title much longer than the forty char…');
  });

  it('rings the hovered item', () => {
    const { ctx, calls } = recordingContext();
    drawGraph(ctx, scene, { ...frame, hover: 3 });
    const ring = calls.filter((c) => c.op === 'arc').at(-1)!;
    expect(ring.args.slice(0, 2)).toEqual([30, 0]);
    expect(calls.at(-1)).toMatchObject({ op: 'stroke', lineWidth: 0.75, globalAlpha: 1 });
  });
});

describe('drawGraph with a level of detail', () => {
  // The six items' order: by degree 0, 2, 3, 4 (three edges each), then 1 and 5 (two each).
  const lod = { order: lodOrder(edges, 6, items.popularity), level: edgeLevelOf(edges) };

  it('draws every edge and node when the graph fits the budget, and says so', () => {
    const { ctx, calls } = recordingContext();
    const sel = drawGraph(ctx, { ...scene, lod }, frame)!;
    expect(sel.complete).toBe(true);
    expect(sel.edges).toHaveLength(edges.count);
    expect(count(calls, 'lineTo')).toBe(edges.count);
    expect(count(calls, 'arc')).toBe(items.count);
    expect(count(calls, 'rect')).toBe(0);
  });

  it('draws only the budgeted edges, the items past the cut as faint squares', () => {
    const { ctx, calls } = recordingContext();
    const sel = drawGraph(ctx, { ...scene, lod: { ...lod, budget: 3 } }, frame)!;
    expect(sel.complete).toBe(false);
    expect(sel.edges.length).toBeLessThanOrEqual(3);
    expect(count(calls, 'lineTo')).toBe(sel.edges.length);
    // Each drawn edge joins two items drawn in full.
    for (const e of sel.edges) {
      expect(lod.order.rank[edges.source[e]]).toBeLessThan(sel.cut);
      expect(lod.order.rank[edges.target[e]]).toBeLessThan(sel.cut);
    }
    expect(count(calls, 'arc')).toBe(sel.cut);
    expect(count(calls, 'rect')).toBe(items.count - sel.cut);
    const square = calls.find((c) => c.op === 'rect')!;
    expect(square.args[2]).toBe(1); // 2 CSS px at zoom 2
  });

  it('leaves out the items and edges outside the canvas', () => {
    // A 40×40 CSS-pixel canvas at zoom 1 with no offset shows x ∈ [−8, 48] (with the margin): items 0–4.
    const { ctx, calls } = recordingContext(40, 40);
    const sel = drawGraph(ctx, { ...scene, lod }, { ...frame, dpr: 1, transform: { k: 1, x: 0, y: 0 } })!;
    expect(sel.inView).toBe(5);
    expect(count(calls, 'arc')).toBe(5);
    expect(calls.filter((c) => c.op === 'arc').map((c) => c.args[0])).not.toContain(50);
    // Edges 4-5 and 0-5 have an end outside.
    expect(count(calls, 'lineTo')).toBe(edges.count - 2);
  });
});
