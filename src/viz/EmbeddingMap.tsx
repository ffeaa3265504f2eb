import { quadtree, scaleLinear, select, zoom, zoomIdentity, type Quadtree, type ZoomTransform } from 'd3';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { categoryColour } from './colour';
import { axisTitle, paddedExtent, valueColours } from './mapData';
import type { EmbeddingMapPayload } from '../contract/explain';

export interface EmbeddingMapProps {
  readonly payload: EmbeddingMapPayload;
  /** The selected point's dense index (item or user), shared with other views; null for none. */
  readonly selected: number | null;
  readonly onSelect: (index: number) => void;
  readonly width?: number;
  readonly height?: number;
}

const M = { top: 12, right: 16, bottom: 44, left: 56 };
const POINT_R = 2.6;

/**
 * Item or user embeddings projected to 2-D (PCA) as a canvas scatter: d3 scales and axes (SVG, redrawn on
 * zoom), colour by a chosen field with its legend, hover names the point, click selects it across views.
 * The frame is focusable: arrow keys move the selection to the nearest point in that direction.
 */
export function EmbeddingMap({ payload, selected, onSelect, height = 460, ...props }: EmbeddingMapProps) {
  // Without a width, the map takes the container's width less the legend's column (or all of it when narrow).
  const rootRef = useRef<HTMLDivElement>(null);
  const [avail, setAvail] = useState(0);
  useEffect(() => {
    const el = rootRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setAvail(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const width = props.width ?? (avail > 700 ? Math.min(900, avail - 270) : Math.max(360, avail || 720));
  const fields = payload.colourFields;
  const [fieldName, setFieldName] = useState(fields[0]?.name ?? '');
  const field = fields.find((f) => f.name === fieldName) ?? fields[0];
  const colours = useMemo(() => (field ? valueColours(field.values, 12, field.tokens) : null), [field]);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [hover, setHover] = useState<number | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;

  const base = useMemo(
    () => ({
      x: scaleLinear().domain(paddedExtent(payload.xy, 0)).range([0, innerW]),
      y: scaleLinear().domain(paddedExtent(payload.xy, 1)).range([innerH, 0]),
    }),
    [payload.xy, innerW, innerH],
  );
  const x = transform.rescaleX(base.x);
  const y = transform.rescaleY(base.y);
  // Points in unzoomed pixel space, for hover and keyboard search.
  const tree = useMemo<Quadtree<number>>(
    () =>
      quadtree<number>()
        .x((k) => base.x(payload.xy[2 * k]))
        .y((k) => base.y(payload.xy[2 * k + 1]))
        .addAll(Array.from({ length: payload.count }, (_, k) => k)),
    [payload, base],
  );
  const position = useMemo(() => new Map(Array.from(payload.indices, (v, k) => [v, k])), [payload.indices]);
  const selectedK = selected !== null ? (position.get(selected) ?? null) : null;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !colours) return;
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(innerW * dpr);
    canvas.height = Math.round(innerH * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, innerW, innerH);
    // Grouped by colour, "other" first so named values draw on top.
    const groups = new Map<number, number[]>();
    colours.tokens.forEach((t, k) => {
      const g = groups.get(t) ?? [];
      g.push(k);
      groups.set(t, g);
    });
    const order = [...groups.keys()].sort((a, b) => a - b);
    ctx.globalAlpha = 0.75;
    for (const t of order) {
      ctx.fillStyle = categoryColour(t);
      ctx.beginPath();
      for (const k of groups.get(t)!) {
        const px = x(payload.xy[2 * k]);
        const py = y(payload.xy[2 * k + 1]);
        if (px < -5 || py < -5 || px > innerW + 5 || py > innerH + 5) continue;
        ctx.moveTo(px + POINT_R, py);
        ctx.arc(px, py, POINT_R, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    for (const [k, r, w] of [
      [hover, 5, 1.5],
      [selectedK, 6, 2.5],
    ] as const) {
      if (k === null) continue;
      ctx.beginPath();
      ctx.arc(x(payload.xy[2 * k]), y(payload.xy[2 * k + 1]), r, 0, 2 * Math.PI);
      ctx.fillStyle = categoryColour(colours.tokens[k]);
      ctx.fill();
      ctx.lineWidth = w;
      ctx.strokeStyle = '#1b1f24';
      ctx.stroke();
    }
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.5, 40])
      .on('zoom', (e: { transform: ZoomTransform }) => setTransform(e.transform));
    select(canvas).call(z).on('dblclick.zoom', null);
    return () => {
      select(canvas).on('.zoom', null);
    };
  }, []);

  const pointAt = (clientX: number, clientY: number): number | null => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const [px, py] = transform.invert([clientX - rect.left, clientY - rect.top]);
    return tree.find(px, py, 8 / transform.k) ?? null;
  };

  /** Arrow keys: the nearest point whose offset lies mostly in the key's direction. */
  const step = (dx: number, dy: number) => {
    const from = selectedK ?? hover ?? 0;
    const fx = x(payload.xy[2 * from]);
    const fy = y(payload.xy[2 * from + 1]);
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < payload.count; k++) {
      const ox = x(payload.xy[2 * k]) - fx;
      const oy = y(payload.xy[2 * k + 1]) - fy;
      const along = ox * dx + oy * dy;
      if (k === from || along <= 0 || along < Math.abs(ox * dy - oy * dx)) continue;
      const d = ox * ox + oy * oy;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    if (best >= 0) onSelect(payload.indices[best]);
  };

  if (payload.count === 0)
    return <p className="hint">There are no embeddings to map: train on data with items.</p>;
  const shown = hover ?? selectedK;
  const kindLabel = payload.kind === 'item' ? 'items' : 'users';
  return (
    <div className="embedding-map" ref={rootRef} data-testid="embedding-map" data-points={payload.count}>
      <div className="view-controls">
        <label className="inline-field">
          <span>Colour by</span>
          <select
            value={field?.name ?? ''}
            onChange={(e) => setFieldName(e.target.value)}
            data-testid="map-colour"
          >
            {fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">
          {payload.count.toLocaleString('en')} {kindLabel} · scroll to zoom, drag to pan, click to select
        </span>
      </div>
      <div className="graph-layout">
        <div
          className="map-frame"
          ref={frameRef}
          tabIndex={0}
          role="group"
          aria-label={`Embedding map of ${payload.count} ${kindLabel}; arrow keys move the selection`}
          style={{ width, height }}
          onKeyDown={(e) => {
            const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[
              e.key
            ];
            if (!dir) return;
            e.preventDefault();
            step(dir[0], dir[1]);
          }}
        >
          <canvas
            ref={canvasRef}
            className="map-canvas"
            data-testid="map-canvas"
            role="img"
            aria-label={`${payload.count} ${kindLabel} on their first two principal components, coloured by ${field?.name ?? 'nothing'}`}
            style={{ position: 'absolute', left: M.left, top: M.top, width: innerW, height: innerH }}
            onMouseMove={(e) => setHover(pointAt(e.clientX, e.clientY))}
            onMouseLeave={() => setHover(null)}
            onClick={(e) => {
              const k = pointAt(e.clientX, e.clientY);
              if (k !== null) onSelect(payload.indices[k]);
            }}
          />
          <svg className="map-axes" width={width} height={height} aria-hidden="true">
            <g transform={`translate(${M.left},${M.top + innerH})`} className="axis">
              {x.ticks(8).map((t) => (
                <g key={t} transform={`translate(${x(t)},0)`} className="tick">
                  <line y2={5} stroke="currentColor" />
                  <text y={17} textAnchor="middle" fontSize={11}>
                    {x.tickFormat(8)(t)}
                  </text>
                </g>
              ))}
              <text
                x={innerW / 2}
                y={36}
                textAnchor="middle"
                className="axis-label"
                data-testid="map-x-label"
              >
                {axisTitle(1, payload.explained[0])}
              </text>
            </g>
            <g transform={`translate(${M.left},${M.top})`} className="axis">
              {y.ticks(6).map((t) => (
                <g key={t} transform={`translate(0,${y(t)})`} className="tick">
                  <line x2={-5} stroke="currentColor" />
                  <text x={-8} dy="0.32em" textAnchor="end" fontSize={11}>
                    {y.tickFormat(6)(t)}
                  </text>
                </g>
              ))}
              <text
                transform={`translate(${-42},${innerH / 2}) rotate(-90)`}
                textAnchor="middle"
                className="axis-label"
                data-testid="map-y-label"
              >
                {axisTitle(2, payload.explained[1])}
              </text>
            </g>
          </svg>
          {hover !== null && (
            <div
              className="map-tooltip"
              data-testid="map-tooltip"
              style={{
                left: Math.min(M.left + x(payload.xy[2 * hover]) + 10, width - 200),
                top: M.top + y(payload.xy[2 * hover + 1]) + 10,
              }}
            >
              <strong>{payload.labels[hover]}</strong>
              {fields.map((f) => (
                <div key={f.name}>
                  {f.name}: {f.values[hover] || '—'}
                </div>
              ))}
            </div>
          )}
        </div>
        <aside className="graph-side map-legend" data-testid="map-legend">
          <h4>{field?.name}</h4>
          <ul>
            {colours?.legend.map((e) => (
              <li key={`${e.token}:${e.label}`}>
                <span className="swatch" style={{ background: categoryColour(e.token) }} /> {e.label}{' '}
                <span className="hint">{e.count}</span>
              </li>
            ))}
          </ul>
          {shown !== null && (
            <p data-testid="map-selected">
              {shown === selectedK ? 'Selected: ' : ''}
              <strong>{payload.labels[shown]}</strong>
            </p>
          )}
        </aside>
      </div>
    </div>
  );
}
