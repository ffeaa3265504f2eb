import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { categoryColour, headColour } from './colour';
import {
  adjacency,
  alphaSegments,
  categoryLegend,
  edgesFromNeighbours,
  egoGraph,
  radiusScale,
  searchItems,
  type EdgeList,
} from './graphData';
import { LayoutEngine, type LayoutFrame, type LayoutRequest } from './layoutSim';
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

/** Opacity levels edges are grouped into, so a frame strokes a handful of paths, not one per edge. */
const EDGE_LEVELS = 6;
/** Least time between two drawn layout frames while the layout runs (~10 pictures a second). */
const DRAW_EVERY_MS = 100;
/** Opacity levels left out while the layout runs. */
const FAINT_WHILE_RUNNING = 2;
const EGO_SIZE = 240;
const TITLE_CHARS = 40;

/** The layout's side of the page: a module worker, or the same engine on the page where none can start. */
interface Layout {
  send(msg: LayoutRequest): void;
  close(): void;
}

function startLayout(onFrame: (f: LayoutFrame) => void): Layout {
  try {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), {
      type: 'module',
      name: 'graph-layout',
    });
    worker.onmessage = (e: MessageEvent<LayoutFrame>) => onFrame(e.data);
    return {
      send: (msg) => worker.postMessage(msg),
      close: () => worker.terminate(),
    };
  } catch {
    // No worker (an old host or policy): tick on the page, one slice per animation frame.
    let closed = false;
    const engine = new LayoutEngine(
      (f) => !closed && onFrame(f),
      (run) => requestAnimationFrame(() => !closed && run()),
    );
    return {
      send: (msg) => engine.handle(msg),
      close: () => {
        closed = true;
      },
    };
  }
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Edge indices grouped by opacity level (weight rescaled to its range). */
function edgeLevels(edges: EdgeList): Int32Array[] {
  const [lo, hi] = edges.range;
  const buckets: number[][] = Array.from({ length: EDGE_LEVELS }, () => []);
  for (let e = 0; e < edges.count; e++) {
    const t = hi > lo ? (edges.weight[e] - lo) / (hi - lo) : 1;
    buckets[Math.min(EDGE_LEVELS - 1, Math.floor(t * EDGE_LEVELS))].push(e);
  }
  return buckets.map((b) => Int32Array.from(b));
}

/**
 * tmfun's item–item kNN graphs (one per modality, and the fused one) as a force-directed layout on canvas:
 * colour = category, size = training popularity, edge opacity = weight. The d3-force simulation runs in a
 * worker (layout.worker.ts) that posts positions many times a second; the page only draws them, so
 * frames stay short while the layout runs; zoom and pan with d3-zoom.
 * Hover names an item; click (or search) focuses it: its neighbourhood is highlighted and shown as an ego
 * graph beside the canvas with its per-modality attention α as a stacked bar. Every control is a button
 * or input (keyboard reachable); Escape clears the focus.
 */
export function ModalityGraph(props: ModalityGraphProps) {
  const { payload, height = 520, seed = 42 } = props;
  const { items, graphs } = payload;
  const n = items.count;
  const [graphIdx, setGraphIdx] = useState(graphs.length - 1);
  const g = Math.min(graphIdx, graphs.length - 1);
  const [minWeight, setMinWeight] = useState(0);
  const [innerSelected, setInnerSelected] = useState<number | null>(null);
  const selected = props.selected !== undefined ? props.selected : innerSelected;
  const select_ = (i: number | null) => {
    setInnerSelected(i);
    props.onSelect?.(i);
  };
  const [hover, setHover] = useState<{ i: number; x: number; y: number } | null>(null);
  const [query, setQuery] = useState('');
  const [width, setWidth] = useState(720);
  const searchId = useId();

  const rawEdges = useMemo(() => (graphs[g] ? edgesFromNeighbours(graphs[g], n) : null), [graphs, g, n]);
  const edges = useMemo(
    () => (graphs[g] ? edgesFromNeighbours(graphs[g], n, minWeight) : null),
    [graphs, g, n, minWeight],
  );
  const adj = useMemo(() => (edges ? adjacency(edges, n) : null), [edges, n]);
  const levels = useMemo(() => (edges ? edgeLevels(edges) : []), [edges]);
  const ego = useMemo(
    () =>
      edges && adj && selected !== null && selected >= 0 && selected < n
        ? egoGraph(edges, adj, selected)
        : null,
    [edges, adj, selected, n],
  );
  const radius = useMemo(() => radiusScale(items.popularity), [items.popularity]);
  const legend = useMemo(() => categoryLegend(items), [items]);
  const hits = useMemo(() => searchItems(items, query, 8), [items, query]);
  // Nodes grouped by colour: one fill per colour per frame.
  const colourGroups = useMemo(() => {
    const groups = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const c = categoryColour(items.categoryTokens[i]);
      const list = groups.get(c) ?? [];
      list.push(i);
      groups.set(c, list);
    }
    return [...groups.entries()].map(([colour, list]) => ({ colour, nodes: Int32Array.from(list) }));
  }, [items, n]);

  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const layoutRef = useRef<Layout | null>(null);
  /** Positions drawn now `[x0, y0, …]`: the worker's latest frame. */
  const posRef = useRef<Float32Array>(new Float32Array(0));
  const genRef = useRef(0);
  const settledRef = useRef(true);
  /** False until the worker's first frame for the current nodes (nothing to draw before). */
  const placedRef = useRef(false);
  const onSettledRef = useRef<() => void>(() => {});
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const userZoomed = useRef(false);
  const runningRef = useRef(false);
  const selectedRef = useRef<number | null>(null);
  const drawRef = useRef<() => void>(() => {});

  // Width follows the container.
  useEffect(() => {
    const el = rootRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const w = el.querySelector('.graph-main')?.clientWidth ?? 720;
      setWidth(Math.max(320, Math.floor(w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // One layout worker per view. Its latest frame is drawn at most every DRAW_EVERY_MS while it runs (and at
  // once when it settles): on a machine without a GPU canvas each drawn frame is a costly canvas commit, and
  // gliding between frames was measured (e2e/graph-frames.mjs) to cost more frame time than it smooths.
  useEffect(() => {
    let raf = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastPaint = -Infinity;
    let drawMs = 0;
    let draws = 0;
    const paint = () => {
      raf = 0;
      const t0 = performance.now();
      lastPaint = t0;
      drawRef.current();
      drawMs += performance.now() - t0;
      draws++;
      const root = rootRef.current;
      if (root) root.dataset.drawMs = (drawMs / draws).toFixed(1);
      if (settledRef.current) onSettledRef.current();
    };
    const layout = startLayout((f) => {
      if (f.gen !== genRef.current || f.positions.length !== posRef.current.length) return;
      posRef.current = f.positions;
      settledRef.current = f.settled;
      placedRef.current = true;
      runningRef.current = !f.settled;
      const root = rootRef.current;
      if (root) {
        // Where the time goes (read by e2e/graph-frames.mjs); ticks run in the worker.
        root.dataset.tickMs = f.tickMs.toFixed(1);
        root.dataset.ticks = String(f.ticks);
      }
      if (raf || timer !== undefined) return; // a paint is due: it draws this latest frame
      const wait = f.settled ? 0 : Math.max(0, lastPaint + DRAW_EVERY_MS - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        raf = requestAnimationFrame(paint);
      }, wait);
    });
    layoutRef.current = layout;
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      layout.close();
      layoutRef.current = null;
    };
  }, []);

  // New nodes per payload; a refreshed payload of the same items keeps their places.
  useEffect(() => {
    const keep = posRef.current.length === 2 * n;
    if (!keep) {
      posRef.current = new Float32Array(2 * n);
      placedRef.current = false;
      userZoomed.current = false;
    }
    layoutRef.current?.send({ type: 'nodes', n, seed, keep });
  }, [payload, n, seed]);

  // Drawing reads the latest props and state through this ref (set after every render).
  useLayoutEffect(() => {
    selectedRef.current = selected !== null && selected >= 0 && selected < n ? selected : null;
    drawRef.current = () => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || !edges) return;
      const pos = posRef.current;
      if (pos.length !== 2 * n || !placedRef.current) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        return;
      }
      const dpr = globalThis.devicePixelRatio || 1;
      const t = transformRef.current;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
      const focus = ego ? new Set(ego.nodes) : null;
      const line = (e: number) => {
        const a = 2 * edges.source[e];
        const b = 2 * edges.target[e];
        ctx.moveTo(pos[a], pos[a + 1]);
        ctx.lineTo(pos[b], pos[b + 1]);
      };
      ctx.lineWidth = 0.6 / t.k;
      ctx.strokeStyle = '#44546a';
      levels.forEach((bucket, l) => {
        // While the layout moves, the faintest edges are skipped: they cost most of a frame and show little.
        if (runningRef.current && l < FAINT_WHILE_RUNNING) return;
        ctx.globalAlpha = (0.05 + (0.4 * (l + 1)) / EDGE_LEVELS) * (focus ? 0.35 : 1);
        ctx.beginPath();
        for (const e of bucket) line(e);
        ctx.stroke();
      });
      if (ego && adj && selected !== null) {
        ctx.globalAlpha = 0.9;
        ctx.strokeStyle = '#1b1f24';
        ctx.lineWidth = 1.4 / t.k;
        ctx.beginPath();
        for (let p = adj.start[selected]; p < adj.start[selected + 1]; p++) line(adj.edge[p]);
        ctx.stroke();
      }
      // Nodes: screen size grows slower than the zoom so dense areas stay readable.
      const scale = 1 / Math.sqrt(t.k);
      for (const group of colourGroups) {
        ctx.fillStyle = group.colour;
        ctx.globalAlpha = focus ? 0.25 : 0.9;
        ctx.beginPath();
        for (const i of group.nodes) {
          const x = pos[2 * i];
          const y = pos[2 * i + 1];
          const r = radius(items.popularity[i]) * scale;
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      const ring = (i: number, width: number) => {
        const r = radius(items.popularity[i]) * scale;
        ctx.globalAlpha = 1;
        ctx.fillStyle = categoryColour(items.categoryTokens[i]);
        ctx.beginPath();
        ctx.arc(pos[2 * i], pos[2 * i + 1], r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.lineWidth = width / t.k;
        ctx.strokeStyle = '#1b1f24';
        ctx.stroke();
      };
      if (ego) ego.nodes.forEach((i, k) => ring(i, k === 0 ? 2.5 : 1));
      if (hover && hover.i < n) ring(hover.i, 1.5);
      if (selected !== null && selected < n) {
        ctx.globalAlpha = 1;
        ctx.font = `${12 / t.k}px system-ui, sans-serif`;
        ctx.fillStyle = '#1b1f24';
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 3 / t.k;
        const label = clip(items.titles[selected] || items.keys[selected], TITLE_CHARS);
        const x = pos[2 * selected] + 8 / t.k;
        const y = pos[2 * selected + 1] - 8 / t.k;
        ctx.strokeText(label, x, y);
        ctx.fillText(label, x, y);
      }
      ctx.globalAlpha = 1;
    };
  });

  // Canvas size at the device's pixel ratio; redraw.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    if (!userZoomed.current) transformRef.current = zoomIdentity.translate(width / 2, height / 2);
    drawRef.current();
  }, [width, height]);

  // Zoom and pan.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.1, 12])
      .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
        transformRef.current = event.transform;
        if (event.sourceEvent) userZoomed.current = true;
        drawRef.current();
      });
    zoomRef.current = z;
    select(canvas).call(z).call(z.transform, transformRef.current).on('dblclick.zoom', null);
    return () => {
      select(canvas).on('.zoom', null);
    };
  }, []);

  // Lay out the current edges (in the worker); when cool, fit to view once or centre the focused item.
  useEffect(() => {
    const layout = layoutRef.current;
    const root = rootRef.current;
    if (!layout || !edges) return;
    // After a graph switch the focused item has moved: bring it back to the middle, at the current zoom.
    const centreOn = (i: number) => {
      const canvas = canvasRef.current;
      const z = zoomRef.current;
      const pos = posRef.current;
      if (!canvas || !z || 2 * i + 1 >= pos.length) return;
      const k = transformRef.current.k;
      const w = canvas.clientWidth || width;
      const h = canvas.clientHeight || height;
      select(canvas).call(
        z.transform,
        zoomIdentity.translate(w / 2 - k * pos[2 * i], h / 2 - k * pos[2 * i + 1]).scale(k),
      );
    };
    const fit = () => {
      const canvas = canvasRef.current;
      const z = zoomRef.current;
      const pos = posRef.current;
      if (!canvas || !z || pos.length === 0) return;
      let x0 = Infinity;
      let x1 = -Infinity;
      let y0 = Infinity;
      let y1 = -Infinity;
      for (let p = 0; p < pos.length; p += 2) {
        x0 = Math.min(x0, pos[p]);
        x1 = Math.max(x1, pos[p]);
        y0 = Math.min(y0, pos[p + 1]);
        y1 = Math.max(y1, pos[p + 1]);
      }
      const w = canvas.clientWidth || width;
      const h = canvas.clientHeight || height;
      const k = Math.min(4, 0.92 * Math.min(w / Math.max(1, x1 - x0), h / Math.max(1, y1 - y0)));
      const tr = zoomIdentity.translate(w / 2 - (k * (x0 + x1)) / 2, h / 2 - (k * (y0 + y1)) / 2).scale(k);
      select(canvas).call(z.transform, tr);
    };
    onSettledRef.current = () => {
      onSettledRef.current = () => {};
      runningRef.current = false;
      if (selectedRef.current !== null) centreOn(selectedRef.current);
      else if (!userZoomed.current) fit();
      else drawRef.current();
      if (root) root.dataset.layout = 'settled';
    };
    const gen = ++genRef.current;
    settledRef.current = false;
    runningRef.current = true;
    if (root) root.dataset.layout = 'running';
    // Copies: the worker gets its own, the view keeps the edge list for drawing.
    layout.send({
      type: 'edges',
      gen,
      source: edges.source.slice(),
      target: edges.target.slice(),
      weight: edges.weight.slice(),
    });
    return () => {
      runningRef.current = false;
    };
    // `width`/`height` only matter for the final fit; a resize must not restart the layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edges]);

  // Focus, hover or graph changes redraw a settled layout.
  useEffect(() => drawRef.current(), [selected, hover, levels, ego]);

  const nodeAt = (clientX: number, clientY: number): number | null => {
    const canvas = canvasRef.current;
    const pos = posRef.current;
    if (!canvas || pos.length !== 2 * n) return null;
    const rect = canvas.getBoundingClientRect();
    const [x, y] = transformRef.current.invert([clientX - rect.left, clientY - rect.top]);
    // The nearest node within 10 screen pixels (a linear scan: 3,000 nodes cost well under a millisecond).
    let best: number | null = null;
    let bestD = (10 / transformRef.current.k) ** 2;
    for (let i = 0; i < n; i++) {
      const d = (pos[2 * i] - x) ** 2 + (pos[2 * i + 1] - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  };

  const focusItem = (i: number) => {
    select_(i);
    const canvas = canvasRef.current;
    const z = zoomRef.current;
    const pos = posRef.current;
    if (!canvas || !z || 2 * i + 1 >= pos.length) return;
    const k = Math.max(transformRef.current.k, 2);
    const tr = zoomIdentity.translate(width / 2 - k * pos[2 * i], height / 2 - k * pos[2 * i + 1]).scale(k);
    userZoomed.current = true;
    select(canvas).call(z.transform, tr);
  };

  if (graphs.length === 0 || n === 0) {
    return <p className="hint">This model has no item graphs to show.</p>;
  }
  const alpha = selected !== null ? alphaSegments(payload.attention, payload.modalities, selected) : [];
  const weightOf = (name: string) => {
    const m = payload.modalities.indexOf(name);
    return m >= 0 && payload.modalityWeights ? payload.modalityWeights[m] : null;
  };
  const range = rawEdges?.range ?? [0, 0];

  return (
    <div
      className="modality-graph"
      ref={rootRef}
      data-testid="modality-graph"
      data-nodes={n}
      data-edges={edges?.count ?? 0}
      onKeyDown={(e) => {
        if (e.key === 'Escape') select_(null);
      }}
    >
      <div className="view-controls">
        <div role="group" aria-label="Graph" className="graph-toggle">
          {graphs.map((gr, k) => {
            const w = weightOf(gr.name);
            return (
              <button
                key={gr.name}
                type="button"
                aria-pressed={k === g}
                className={k === g ? 'tab on' : 'tab'}
                data-testid="graph-toggle"
                onClick={() => setGraphIdx(k)}
                title={w !== null ? `mean attention ᾱ = ${w.toFixed(2)}` : undefined}
              >
                {gr.name}
                {w !== null && <span className="weight"> ᾱ {w.toFixed(2)}</span>}
              </button>
            );
          })}
        </div>
        <label className="inline-field">
          <span>Min weight</span>
          <input
            type="range"
            min={range[0]}
            max={range[1]}
            step={(range[1] - range[0]) / 50 || 0.01}
            value={Math.max(range[0], minWeight)}
            onChange={(e) => setMinWeight(Number(e.target.value))}
            data-testid="graph-threshold"
            aria-valuetext={minWeight.toFixed(2)}
          />
          <span className="hint">{(edges?.count ?? 0).toLocaleString('en')} edges</span>
        </label>
        <div className="search-box">
          <label htmlFor={searchId}>Find item</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="id or title"
            autoComplete="off"
            data-testid="graph-search"
            onChange={(e) => setQuery(e.target.value)}
          />
          {hits.length > 0 && (
            <div className="search-results">
              <ul>
                {hits.map((i) => (
                  <li key={i}>
                    <button
                      type="button"
                      className="hit"
                      data-testid="graph-hit"
                      onClick={() => {
                        focusItem(i);
                        setQuery('');
                      }}
                    >
                      {items.keys[i]} · {items.titles[i]}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </div>
      <div className="graph-layout">
        <div className="graph-main">
          <canvas
            ref={canvasRef}
            style={{ width, height }}
            className="graph-canvas"
            data-testid="graph-canvas"
            tabIndex={0}
            aria-label={`Item graph "${graphs[g].name}": ${n} items, ${edges?.count ?? 0} edges. Drag to pan, scroll to zoom; find an item with the search box.`}
            onMouseMove={(e) => {
              const i = nodeAt(e.clientX, e.clientY);
              const rect = e.currentTarget.getBoundingClientRect();
              setHover(i === null ? null : { i, x: e.clientX - rect.left, y: e.clientY - rect.top });
            }}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const i = nodeAt(e.clientX, e.clientY);
              select_(i);
            }}
          />
          {hover && (
            <div
              className="graph-tooltip"
              data-testid="graph-tooltip"
              style={{ left: Math.min(hover.x + 12, width - 220), top: hover.y + 12 }}
            >
              <strong>{clip(items.titles[hover.i] || items.keys[hover.i], TITLE_CHARS)}</strong>
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
              payload={payload}
              ego={ego}
              graphName={graphs[g].name}
              alpha={alpha}
              onPick={focusItem}
              onClear={() => select_(null)}
            />
          ) : (
            <p className="hint">
              Click an item or find it by name to see its neighbourhood and modality attention.
            </p>
          )}
          <div className="graph-legend" data-testid="graph-legend">
            <h4>{items.categoryField ?? 'Category'}</h4>
            <ul>
              {legend.map((e) => (
                <li key={`${e.token}:${e.label}`}>
                  <span className="swatch" style={{ background: categoryColour(e.token) }} /> {e.label}{' '}
                  <span className="hint">{e.count}</span>
                </li>
              ))}
            </ul>
            <p className="hint">
              Size: training interactions. Edge opacity: weight ({range[0].toFixed(2)}–{range[1].toFixed(2)}).
            </p>
          </div>
        </aside>
      </div>
    </div>
  );
}

function EgoPanel(props: {
  payload: ModalityGraphPayload;
  ego: ReturnType<typeof egoGraph>;
  graphName: string;
  alpha: ReturnType<typeof alphaSegments>;
  onPick: (i: number) => void;
  onClear: () => void;
}) {
  const { payload, ego, graphName, alpha, onPick, onClear } = props;
  const { items } = payload;
  const centre = ego.nodes[0];
  const c = EGO_SIZE / 2;
  const R = EGO_SIZE / 2 - 16;
  const m = ego.nodes.length - 1;
  const pos = ego.nodes.map((_, k) =>
    k === 0
      ? [c, c]
      : [
          c + R * Math.cos((2 * Math.PI * (k - 1)) / m - Math.PI / 2),
          c + R * Math.sin((2 * Math.PI * (k - 1)) / m - Math.PI / 2),
        ],
  );
  const wMax = Math.max(1e-9, ...ego.links.map((l) => l.weight));
  return (
    <div className="ego" data-testid="graph-ego">
      <h4>
        {clip(items.titles[centre] || items.keys[centre], TITLE_CHARS)}{' '}
        <button type="button" className="link" onClick={onClear} data-testid="graph-clear">
          clear
        </button>
      </h4>
      <p className="hint">
        {items.keys[centre]}
        {items.categories[centre] && ` · ${items.categories[centre]}`} · {items.popularity[centre]}{' '}
        interactions · {m} neighbours in {graphName}
      </p>
      {alpha.length > 0 && (
        <figure className="alpha-bar" data-testid="alpha-bar">
          <svg
            width={EGO_SIZE}
            height={16}
            role="img"
            aria-label={alpha.map((s) => `${s.name} ${(100 * s.value).toFixed(0)} %`).join(', ')}
          >
            {alpha.map((s, k) => (
              <rect
                key={s.name}
                x={s.start * EGO_SIZE}
                width={Math.max(0, s.value * EGO_SIZE)}
                height={16}
                fill={headColour(k)}
                data-testid="alpha-segment"
              >
                <title>{`${s.name}: ${s.value.toFixed(3)}`}</title>
              </rect>
            ))}
          </svg>
          <figcaption>
            Modality attention α:{' '}
            {alpha.map((s, k) => (
              <span key={s.name} className="alpha-key">
                <span className="swatch" style={{ background: headColour(k) }} /> {s.name}{' '}
                {(100 * s.value).toFixed(0)} %
              </span>
            ))}
          </figcaption>
        </figure>
      )}
      <svg
        width={EGO_SIZE}
        height={EGO_SIZE}
        className="ego-graph"
        role="img"
        aria-label={`Neighbourhood of ${items.keys[centre]}`}
      >
        {ego.links.map((l) => (
          <line
            key={`${l.a}-${l.b}`}
            x1={pos[l.a][0]}
            y1={pos[l.a][1]}
            x2={pos[l.b][0]}
            y2={pos[l.b][1]}
            stroke="#44546a"
            strokeOpacity={0.15 + 0.75 * (l.weight / wMax)}
            strokeWidth={l.a === 0 ? 0.5 + 2.5 * (l.weight / wMax) : 0.8}
          />
        ))}
        {ego.nodes.map((i, k) => (
          <circle
            key={i}
            cx={pos[k][0]}
            cy={pos[k][1]}
            r={k === 0 ? 9 : 6}
            fill={categoryColour(items.categoryTokens[i])}
            stroke="#1b1f24"
            strokeWidth={k === 0 ? 2 : 0.8}
            onClick={() => k > 0 && onPick(i)}
            className={k > 0 ? 'pickable' : undefined}
          >
            <title>{`${items.titles[i] || items.keys[i]}${k > 0 ? ` (weight ${ego.weights[k].toFixed(3)})` : ''}`}</title>
          </circle>
        ))}
      </svg>
      <ol className="ego-list" data-testid="ego-list">
        {ego.nodes.slice(1, 13).map((i, k) => (
          <li key={i}>
            <button type="button" className="hit" onClick={() => onPick(i)} data-testid="ego-neighbour">
              <span className="swatch" style={{ background: categoryColour(items.categoryTokens[i]) }} />{' '}
              {clip(items.titles[i] || items.keys[i], 30)}{' '}
              <span className="hint">{ego.weights[k + 1].toFixed(3)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
