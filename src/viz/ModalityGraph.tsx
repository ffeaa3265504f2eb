import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CategoryGraph, categorySentence } from './CategoryGraph';
import { EgoPanel } from './EgoPanel';
import { GraphControls } from './GraphControls';
import { GraphLegend } from './GraphLegend';
import { GraphSearch } from './GraphSearch';
import {
  adjacency,
  alphaSegments,
  categoryLegend,
  edgesFromNeighbours,
  egoGraph,
  itemLabel,
  radiusScale,
} from './graphData';
import { categoryGraph, coreBox, itemsOf } from './graphCategories';
import { lodOrder, lodSentence } from './graphLod';
import { colourGroups, drawGraph, edgeLevelOf } from './graphRenderer';
import { centreTransform, fitTransform } from './graphViewport';
import { useCanvasZoom } from './useCanvasZoom';
import { useGraphLayout } from './useGraphLayout';
import { useGraphWidth } from './useGraphWidth';
import { useHoverNode } from './useHoverNode';
import type { ModalityGraphPayload } from '../contract/explain';

export interface ModalityGraphProps {
  readonly payload: ModalityGraphPayload;
  /** The item in focus (shared with other views), or null. */
  readonly selected?: number | null;
  readonly onSelect?: (item: number | null) => void;
  readonly height?: number;
  /** Seed of the layout's random start (same seed, same picture). */
  readonly seed?: number;
}

/**
 * tmfun's item–item kNN graphs (one per modality, and the fused one) as a force-directed layout on canvas:
 * colour = category, size = training popularity, edge opacity = weight. The d3-force simulation runs in a
 * worker (useGraphLayout) that posts positions many times a second; the page only draws them
 * (graphRenderer), so frames stay short while the layout runs; zoom and pan with d3-zoom (useCanvasZoom).
 * Hover names an item; click (or search) focuses it: its neighbourhood is highlighted and shown as an ego
 * graph beside the canvas with its per-modality attention α as a stacked bar (EgoPanel). Every control is a
 * button or input (keyboard reachable); Escape clears the focus. A large graph is drawn at a level of detail
 * (graphLod): the overview shows the most connected items with the edges among them and the rest as faint
 * dots, zooming in shows more; a sentence under the canvas says what is drawn, "Whole graph" zooms back out.
 * "By category" shows the graph as a ring of categories and their bundles (CategoryGraph) over the canvas; a
 * click on a category goes back to the items, zoomed to that category's.
 */
export function ModalityGraph(props: ModalityGraphProps) {
  const { payload, height = 520, seed = 42 } = props;
  const { items, graphs } = payload;
  const n = items.count;
  const [graphIdx, setGraphIdx] = useState(graphs.length - 1);
  const g = Math.min(graphIdx, graphs.length - 1);
  const [minWeight, setMinWeight] = useState(0);
  /** Items on the canvas, or the graph by category (drawn over it; a click drills down into a category). */
  const [byCategory, setByCategory] = useState(false);
  const [innerSelected, setInnerSelected] = useState<number | null>(null);
  const selected = props.selected !== undefined ? props.selected : innerSelected;
  const focused = selected !== null && selected >= 0 && selected < n ? selected : null;
  const select = (i: number | null) => {
    setInnerSelected(i);
    props.onSelect?.(i);
  };

  const rawEdges = useMemo(() => (graphs[g] ? edgesFromNeighbours(graphs[g], n) : null), [graphs, g, n]);
  // Above the smallest weight a floor drops edges; at or below it the edges are the unfloored ones.
  const edges = useMemo(
    () =>
      graphs[g] && rawEdges && minWeight > rawEdges.range[0]
        ? edgesFromNeighbours(graphs[g], n, minWeight)
        : rawEdges,
    [graphs, g, n, minWeight, rawEdges],
  );
  const adj = useMemo(() => (edges ? adjacency(edges, n) : null), [edges, n]);
  const lod = useMemo(
    () => (edges ? { order: lodOrder(edges, n, items.popularity), level: edgeLevelOf(edges) } : undefined),
    [edges, n, items.popularity],
  );
  const ego = useMemo(
    () => (edges && adj && focused !== null ? egoGraph(edges, adj, focused) : null),
    [edges, adj, focused],
  );
  const radius = useMemo(() => radiusScale(items.popularity), [items.popularity]);
  const legend = useMemo(() => categoryLegend(items), [items]);
  const categories = useMemo(
    () => (byCategory && edges ? categoryGraph(items, edges, legend) : null),
    [byCategory, items, edges, legend],
  );
  const groups = useMemo(() => colourGroups(items), [items]);

  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const lodRef = useRef<HTMLParagraphElement>(null);
  const width = useGraphWidth(rootRef);
  // Drawing reads the latest props and state through this ref (set after every render).
  const drawRef = useRef<() => void>(() => {});
  const draw = useCallback(() => drawRef.current(), []);
  const zoom = useCanvasZoom(canvasRef, width, height, draw);
  const layout = useGraphLayout({
    root: rootRef,
    payload,
    n,
    seed,
    edges,
    paint: draw,
    onNewNodes: zoom.forgetUserZoom,
    // Once cool: bring the focused item (moved by a graph switch) to the middle, or fit the view once.
    onSettled: (pos) => {
      const size = zoom.size();
      if (focused !== null) {
        const t = centreTransform(pos, focused, zoom.transform.current.k, size.width, size.height);
        if (t) zoom.zoomTo(t);
      } else if (!zoom.isUserZoomed()) {
        const t = fitTransform(pos, size.width, size.height);
        if (t) zoom.zoomTo(t);
      } else draw();
    },
  });
  const pointer = useHoverNode(layout.positions, zoom.transform, n);
  const hover = pointer.hover;

  useLayoutEffect(() => {
    drawRef.current = () => {
      const ctx = canvasRef.current?.getContext('2d');
      if (!ctx || !edges) return;
      const shown = drawGraph(
        ctx,
        { items, edges, adj, groups, radius, lod },
        {
          positions: layout.positions.current,
          placed: layout.placed.current,
          running: layout.running.current,
          transform: zoom.transform.current,
          dpr: globalThis.devicePixelRatio || 1,
          selected,
          ego,
          hover: hover?.i ?? null,
        },
      );
      // What this frame shows, in words (written here: zooming must not re-render the view).
      const p = lodRef.current;
      const text = shown ? lodSentence(shown, n) : '';
      if (p && p.textContent !== text) p.textContent = text;
      if (rootRef.current && shown) rootRef.current.dataset.drawnEdges = String(shown.edges.length);
    };
  });
  // Focus, hover or graph changes redraw a settled layout.
  useEffect(() => drawRef.current(), [selected, hover, lod, ego]);

  const focusItem = (i: number) => {
    setByCategory(false);
    select(i);
    const k = Math.max(zoom.transform.current.k, 2);
    const t = centreTransform(layout.positions.current, i, k, width, height);
    if (t) zoom.zoomTo(t, true);
  };

  // Drill down: back to the items, zoomed to the middle of the category's.
  const showCategory = (k: number) => {
    setByCategory(false);
    if (!categories) return;
    const box = coreBox(layout.positions.current, itemsOf(categories, k));
    const size = zoom.size();
    const t = fitTransform(box, size.width, size.height);
    if (t) zoom.zoomTo(t, true);
  };

  if (graphs.length === 0 || n === 0) {
    return <p className="hint">This model has no item graphs to show.</p>;
  }
  const range = rawEdges?.range ?? [0, 0];
  const edgeCount = edges?.count ?? 0;
  return (
    <div
      className="modality-graph"
      ref={rootRef}
      data-testid="modality-graph"
      data-nodes={n}
      data-edges={edgeCount}
      onKeyDown={(e) => {
        if (e.key === 'Escape') select(null);
      }}
    >
      <div className="view-controls">
        <GraphControls
          payload={payload}
          graph={g}
          onGraph={setGraphIdx}
          range={range}
          minWeight={minWeight}
          onMinWeight={setMinWeight}
          edgeCount={edgeCount}
        />
        <GraphSearch items={items} onPick={focusItem} />
        <div role="group" aria-label="Draw" className="graph-toggle">
          <button
            type="button"
            aria-pressed={!byCategory}
            className={byCategory ? 'tab' : 'tab on'}
            data-testid="graph-mode-items"
            onClick={() => setByCategory(false)}
          >
            Items
          </button>
          <button
            type="button"
            aria-pressed={byCategory}
            className={byCategory ? 'tab on' : 'tab'}
            data-testid="graph-mode-categories"
            disabled={legend.length < 2}
            onClick={() => setByCategory(true)}
          >
            By category
          </button>
        </div>
        <button
          type="button"
          className="tab"
          data-testid="graph-fit"
          title="Zoom out to the overview of the whole graph"
          onClick={() => {
            setByCategory(false);
            const size = zoom.size();
            const t = fitTransform(layout.positions.current, size.width, size.height);
            zoom.forgetUserZoom();
            if (t) zoom.zoomTo(t);
          }}
        >
          Whole graph
        </button>
      </div>
      <div className="graph-layout">
        <div className="graph-main">
          <canvas
            ref={canvasRef}
            style={{ width, height }}
            className="graph-canvas"
            data-testid="graph-canvas"
            tabIndex={0}
            role="img"
            aria-label={`Item graph "${graphs[g].name}": ${n} items, ${edgeCount} edges. Drag to pan, scroll to zoom; find an item with the search box.`}
            onMouseMove={pointer.onMouseMove}
            onMouseLeave={pointer.onMouseLeave}
            onClick={(e) => select(pointer.nodeUnder(e))}
          />
          {categories && (
            <div className="graph-categories">
              <CategoryGraph data={categories} width={width} height={height} onPick={showCategory} />
            </div>
          )}
          <p className="hint graph-lod" data-testid="graph-lod" ref={lodRef} hidden={categories !== null} />
          {categories && (
            <p className="hint graph-lod" data-testid="category-sentence">
              {categorySentence(categories, n)}
            </p>
          )}
          {hover && (
            <div
              className="graph-tooltip"
              data-testid="graph-tooltip"
              style={{ left: Math.min(hover.x + 12, width - 220), top: hover.y + 12 }}
            >
              <strong>{itemLabel(items, hover.i)}</strong>
              <br />
              {items.keys[hover.i]}
              {items.categories[hover.i] && ` · ${items.categories[hover.i]}`} · {items.popularity[hover.i]}{' '}
              interactions
            </div>
          )}
        </div>
        <aside className="graph-side">
          {ego && selected !== null ? (
            <EgoPanel
              items={items}
              ego={ego}
              graphName={graphs[g].name}
              alpha={alphaSegments(payload.attention, payload.modalities, selected)}
              onPick={focusItem}
              onClear={() => select(null)}
            />
          ) : (
            <p className="hint">
              Click an item or find it by name to see its neighbourhood and modality attention.
            </p>
          )}
          <GraphLegend field={items.categoryField} entries={legend} range={range} />
        </aside>
      </div>
    </div>
  );
}
