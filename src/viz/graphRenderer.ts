/**
 * Draws the modality graph on a 2-D canvas context from plain data (no React, no DOM beyond the context):
 * edges grouped by opacity level, nodes grouped by colour, then the focused item's neighbourhood, the
 * hovered item and the focused item's label on top. With a level of detail (graphLod) only the edges and
 * items it picks for the view are drawn in full, the other items in view as faint dots. ModalityGraph owns the canvas element and calls this
 * whenever the positions, the zoom or the focus change (STYLE §9).
 */
import type { ZoomTransform } from 'd3';
import { categoryColour } from './colour';
import { itemLabel, type Adjacency, type EdgeList, type EgoGraph } from './graphData';
import { EDGE_BUDGET, selectLod, viewBox, type LodOrder, type LodSelection } from './graphLod';
import type { ItemCatalogue } from '../contract/explain';

/** Opacity levels edges are grouped into, so a frame strokes a handful of paths, not one per edge. */
export const EDGE_LEVELS = 6;
/** Opacity levels left out while the layout runs. */
export const FAINT_WHILE_RUNNING = 2;
const EDGE_COLOUR = '#44546a';
const INK = '#1b1f24';

/** Per edge: its opacity level (weight rescaled to its range), 0 the faintest. */
export function edgeLevelOf(edges: EdgeList): Uint8Array {
  const [lo, hi] = edges.range;
  const level = new Uint8Array(edges.count);
  for (let e = 0; e < edges.count; e++) {
    const t = hi > lo ? (edges.weight[e] - lo) / (hi - lo) : 1;
    level[e] = Math.min(EDGE_LEVELS - 1, Math.floor(t * EDGE_LEVELS));
  }
  return level;
}

/** Edge indices grouped by opacity level (weight rescaled to its range), faintest first. */
export function edgeLevels(edges: EdgeList): Int32Array[] {
  return bucketByLevel(
    edgeLevelOf(edges),
    Int32Array.from({ length: edges.count }, (_, e) => e),
  );
}

function bucketByLevel(level: Uint8Array, edges: Int32Array): Int32Array[] {
  const buckets: number[][] = Array.from({ length: EDGE_LEVELS }, () => []);
  for (const e of edges) buckets[level[e]].push(e);
  return buckets.map((b) => Int32Array.from(b));
}

export interface ColourGroup {
  readonly colour: string;
  readonly nodes: Int32Array;
}

/** Nodes grouped by category colour, in order of first appearance: one fill per colour per frame. */
export function colourGroups(items: ItemCatalogue): ColourGroup[] {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < items.count; i++) {
    const c = categoryColour(items.categoryTokens[i]);
    const list = groups.get(c) ?? [];
    list.push(i);
    groups.set(c, list);
  }
  return [...groups.entries()].map(([colour, list]) => ({ colour, nodes: Int32Array.from(list) }));
}

/** What stays the same while the layout moves and the user zooms: the items and the current graph. */
export interface GraphScene {
  readonly items: ItemCatalogue;
  readonly edges: EdgeList;
  readonly adj: Adjacency | null;
  /** Edges by opacity level (edgeLevels), drawn without a level of detail. */
  readonly levels?: readonly Int32Array[];
  readonly groups: readonly ColourGroup[];
  /** Node radius in CSS pixels at zoom 1, from an item's popularity. */
  readonly radius: (popularity: number) => number;
  /**
   * Level of detail (graphLod): with it a frame draws at most `budget` edges, those among the most connected
   * items in view, and the other items as faint dots; without it, every edge and node.
   */
  readonly lod?: {
    readonly order: LodOrder;
    /** Per edge: its opacity level (edgeLevelOf). */
    readonly level: Uint8Array;
    readonly budget?: number;
  };
}

/** What changes from frame to frame. */
export interface GraphFrame {
  /** Node positions `[x0, y0, …]` in layout units. */
  readonly positions: Float32Array;
  /** False until the layout's first frame for the current nodes: the canvas is left blank. */
  readonly placed: boolean;
  /** While the layout moves, the faintest edge levels are left out. */
  readonly running: boolean;
  /** Layout units → CSS pixels (d3-zoom's). */
  readonly transform: Pick<ZoomTransform, 'k' | 'x' | 'y'>;
  /** Device pixels per CSS pixel. */
  readonly dpr: number;
  /** The focused item (its neighbourhood is drawn over the rest, with its label), or null. */
  readonly selected: number | null;
  readonly ego: EgoGraph | null;
  readonly hover: number | null;
}

/** Faint dots (items past the level of detail's cut): side in CSS pixels and opacity. */
const DOT_PX = 2;
const DOT_ALPHA = 0.45;

/**
 * Clears the canvas and draws one frame of the graph; returns what the level of detail chose (null without
 * one, or before the layout has placed the nodes).
 */
export function drawGraph(
  ctx: CanvasRenderingContext2D,
  scene: GraphScene,
  frame: GraphFrame,
): LodSelection | null {
  const { items, edges, adj, groups, radius } = scene;
  const { positions: pos, transform: t, dpr, selected, ego, hover } = frame;
  const n = items.count;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  if (pos.length !== 2 * n || !frame.placed) return null;
  const box = viewBox(t, ctx.canvas.width / dpr, ctx.canvas.height / dpr);
  const lod = scene.lod ? selectLod(scene.lod.order, edges, pos, box, scene.lod.budget ?? EDGE_BUDGET) : null;
  const levels =
    lod && scene.lod ? bucketByLevel(scene.lod.level, lod.edges) : (scene.levels ?? edgeLevels(edges));
  const rank = scene.lod?.order.rank;
  const cut = lod?.cut ?? n;
  ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
  const focus = ego ? new Set(ego.nodes) : null;
  const line = (e: number) => {
    const a = 2 * edges.source[e];
    const b = 2 * edges.target[e];
    ctx.moveTo(pos[a], pos[a + 1]);
    ctx.lineTo(pos[b], pos[b + 1]);
  };
  ctx.lineWidth = 0.6 / t.k;
  ctx.strokeStyle = EDGE_COLOUR;
  levels.forEach((bucket, l) => {
    // While the layout moves, the faintest edges are skipped: they cost most of a frame and show little.
    if (frame.running && l < FAINT_WHILE_RUNNING) return;
    ctx.globalAlpha = (0.05 + (0.4 * (l + 1)) / EDGE_LEVELS) * (focus ? 0.35 : 1);
    ctx.beginPath();
    for (const e of bucket) line(e);
    ctx.stroke();
  });
  if (ego && adj && selected !== null) {
    ctx.globalAlpha = 0.9;
    ctx.strokeStyle = INK;
    ctx.lineWidth = 1.4 / t.k;
    ctx.beginPath();
    for (let p = adj.start[selected]; p < adj.start[selected + 1]; p++) line(adj.edge[p]);
    ctx.stroke();
  }
  // Items past the cut: small faint squares in their category's colour (they still show where each
  // category lies), under the items drawn in full.
  const side = DOT_PX / t.k;
  if (rank && cut < n) {
    for (const group of groups) {
      ctx.fillStyle = group.colour;
      ctx.globalAlpha = DOT_ALPHA * (focus ? 0.5 : 1);
      ctx.beginPath();
      let any = false;
      for (const i of group.nodes) {
        if (rank[i] < cut) continue;
        const x = pos[2 * i];
        const y = pos[2 * i + 1];
        if (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1) continue;
        ctx.rect(x - side / 2, y - side / 2, side, side);
        any = true;
      }
      if (any) ctx.fill();
    }
  }
  // Nodes: screen size grows slower than the zoom so dense areas stay readable.
  const scale = 1 / Math.sqrt(t.k);
  for (const group of groups) {
    ctx.fillStyle = group.colour;
    ctx.globalAlpha = focus ? 0.25 : 0.9;
    ctx.beginPath();
    let any = false;
    for (const i of group.nodes) {
      if (rank && rank[i] >= cut) continue;
      const x = pos[2 * i];
      const y = pos[2 * i + 1];
      if (lod && (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1)) continue;
      const r = radius(items.popularity[i]) * scale;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      any = true;
    }
    if (any || !lod) ctx.fill();
  }
  const ring = (i: number, width: number) => {
    const r = radius(items.popularity[i]) * scale;
    ctx.globalAlpha = 1;
    ctx.fillStyle = categoryColour(items.categoryTokens[i]);
    ctx.beginPath();
    ctx.arc(pos[2 * i], pos[2 * i + 1], r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.lineWidth = width / t.k;
    ctx.strokeStyle = INK;
    ctx.stroke();
  };
  if (ego) ego.nodes.forEach((i, k) => ring(i, k === 0 ? 2.5 : 1));
  if (hover !== null && hover < n) ring(hover, 1.5);
  if (selected !== null && selected < n) {
    ctx.globalAlpha = 1;
    ctx.font = `${12 / t.k}px system-ui, sans-serif`;
    ctx.fillStyle = INK;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 3 / t.k;
    const label = itemLabel(items, selected);
    const x = pos[2 * selected] + 8 / t.k;
    const y = pos[2 * selected + 1] - 8 / t.k;
    ctx.strokeText(label, x, y);
    ctx.fillText(label, x, y);
  }
  ctx.globalAlpha = 1;
  return lod;
}
