/**
 * The modality graph's layout lifecycle on the page: one layout worker per view (layout.worker.ts, or the
 * same engine on the page where no worker can start), fed new nodes per payload and the current graph's
 * edges; its frames are kept for drawing and painted at a bounded rate.
 */
import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';
import type { EdgeList } from './graphData';
import { LayoutEngine, type LayoutFrame, type LayoutRequest } from './layoutSim';

/** Least time between two drawn layout frames while the layout runs (~10 pictures a second). */
const DRAW_EVERY_MS = 100;

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

export interface GraphLayoutInput {
  /** The view's root element: the layout's progress is written to its data attributes (read by e2e). */
  readonly root: RefObject<HTMLElement | null>;
  /** A new payload object means new nodes; one of the same node count keeps their places. */
  readonly payload: object;
  readonly n: number;
  /** Seed of the layout's random start (same seed, same picture). */
  readonly seed: number;
  /** The graph to lay out; a new edge list restarts the layout. */
  readonly edges: EdgeList | null;
  /** Draws the latest positions. */
  readonly paint: () => void;
  /** New nodes (not a refresh of the same ones) were sent. */
  readonly onNewNodes: () => void;
  /** The layout of the current edges has cooled at `positions`; called once per edge list, after its last frame is drawn. */
  readonly onSettled: (positions: Float32Array) => void;
}

export interface GraphLayout {
  /** Positions drawn now `[x0, y0, …]`: the worker's latest frame. */
  readonly positions: RefObject<Float32Array>;
  /** False until the worker's first frame for the current nodes (nothing to draw before). */
  readonly placed: RefObject<boolean>;
  /** True while the layout moves. */
  readonly running: RefObject<boolean>;
}

export function useGraphLayout(input: GraphLayoutInput): GraphLayout {
  const { root, payload, n, seed, edges } = input;
  const layoutRef = useRef<Layout | null>(null);
  const positions = useRef<Float32Array>(new Float32Array(0));
  const genRef = useRef(0);
  const settledRef = useRef(true);
  const placed = useRef(false);
  const running = useRef(false);
  const onSettledRef = useRef<() => void>(() => {});
  const paint = useEffectEvent(() => input.paint());
  const newNodes = useEffectEvent(() => input.onNewNodes());
  const settle = useEffectEvent(() => input.onSettled(positions.current));

  // One layout worker per view. Its latest frame is drawn at most every DRAW_EVERY_MS while it runs (and at
  // once when it settles): on a machine without a GPU canvas each drawn frame is a costly canvas commit, and
  // gliding between frames was measured (e2e/graph-frames.mjs) to cost more frame time than it smooths.
  useEffect(() => {
    let raf = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastPaint = -Infinity;
    let drawMs = 0;
    let draws = 0;
    const paintFrame = () => {
      raf = 0;
      const t0 = performance.now();
      lastPaint = t0;
      paint();
      drawMs += performance.now() - t0;
      draws++;
      if (root.current) root.current.dataset.drawMs = (drawMs / draws).toFixed(1);
      if (settledRef.current) onSettledRef.current();
    };
    const layout = startLayout((f) => {
      if (f.gen !== genRef.current || f.positions.length !== positions.current.length) return;
      positions.current = f.positions;
      settledRef.current = f.settled;
      placed.current = true;
      running.current = !f.settled;
      if (root.current) {
        // Where the time goes (read by e2e/graph-frames.mjs); ticks run in the worker.
        root.current.dataset.tickMs = f.tickMs.toFixed(1);
        root.current.dataset.ticks = String(f.ticks);
      }
      if (raf || timer !== undefined) return; // a paint is due: it draws this latest frame
      const wait = f.settled ? 0 : Math.max(0, lastPaint + DRAW_EVERY_MS - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        raf = requestAnimationFrame(paintFrame);
      }, wait);
    });
    layoutRef.current = layout;
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
      layout.close();
      layoutRef.current = null;
    };
  }, [root]);

  // New nodes per payload; a refreshed payload of the same items keeps their places.
  useEffect(() => {
    const keep = positions.current.length === 2 * n;
    if (!keep) {
      positions.current = new Float32Array(2 * n);
      placed.current = false;
      newNodes();
    }
    layoutRef.current?.send({ type: 'nodes', n, seed, keep });
  }, [payload, n, seed]);

  // Lay out the current edges (in the worker); the first drawn frame after it cools calls onSettled.
  useEffect(() => {
    const layout = layoutRef.current;
    if (!layout || !edges) return;
    onSettledRef.current = () => {
      onSettledRef.current = () => {};
      running.current = false;
      settle();
      if (root.current) root.current.dataset.layout = 'settled';
    };
    const gen = ++genRef.current;
    settledRef.current = false;
    running.current = true;
    if (root.current) root.current.dataset.layout = 'running';
    // Copies: the worker gets its own, the view keeps the edge list for drawing.
    layout.send({
      type: 'edges',
      gen,
      source: edges.source.slice(),
      target: edges.target.slice(),
      weight: edges.weight.slice(),
    });
    return () => {
      running.current = false;
    };
  }, [edges, root]);

  return { positions, placed, running };
}
