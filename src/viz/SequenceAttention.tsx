/**
 * A causal self-attention head over a user's item sequence (sasrec), after BertViz's head view adapted to
 * items: the sequence as a row of item chips; the chosen head's attention as a lower-triangular heatmap and as
 * arcs from a position (the last one, or the hovered chip) to the items it attends to; and the grid of all
 * heads (BertViz's model view), click one to read it. Every weight is shown against its uniform baseline: a
 * causal row t spreads over t + 1 items, so equal weighting is 1/(t + 1); colour is log₂ of the ratio to
 * that (orange above, purple below, near-white at uniform). Plain arrays in, no tfjs (STYLE §6).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SequenceItem } from '../contract/explain';
import type { Matrix } from './attentionData';
import { categoryColour, divergingScale, type ColourScale } from './colour';
import { HeatmapCanvas } from './HeatmapCanvas';
import { formatRatioTick, ratioText } from './uniformBaseline';

export interface SequenceAttentionProps {
  readonly items: readonly SequenceItem[];
  /** `[L, H, n, n]` row-major; row t sums to 1 over 0..t. */
  readonly data: Float32Array;
  readonly shape: readonly number[];
  readonly layer: number;
  readonly head: number;
  onPickHead(layer: number, head: number): void;
}

/** One head's `[n, n]` attention as log₂(weight · (t + 1)), upper triangle left at 0 (not drawn). */
export function ratioMatrix(
  data: Float32Array,
  shape: readonly number[],
  layer: number,
  head: number,
): Matrix {
  const [, H, n] = shape;
  const base = (layer * H + head) * n * n;
  const out = new Float32Array(n * n);
  for (let t = 0; t < n; t++)
    for (let s = 0; s <= t; s++)
      out[t * n + s] = Math.log2(Math.max(data[base + t * n + s], 1e-12) * (t + 1));
  return { data: out, rows: n, cols: n };
}

/** The colour range: the largest |log₂ ratio| of any real cell, at least 1 (½× … 2×), at most log₂ n. */
export function ratioRange(m: Matrix): number {
  let top = 0;
  for (let t = 0; t < m.rows; t++)
    for (let s = 0; s <= t; s++) top = Math.max(top, Math.min(Math.abs(m.data[t * m.cols + s]), 20));
  return Math.max(1, Math.min(top, Math.log2(Math.max(2, m.rows))));
}

const lower = (row: number, col: number) => col <= row;
const CHIP_W = 76;

/** "12. Star Wars (1977)" trimmed to fit a chip. */
function chipText(item: SequenceItem, max = 16): string {
  return item.title.length > max ? `${item.title.slice(0, max - 1)}…` : item.title;
}

export function SequenceAttention(props: SequenceAttentionProps) {
  const { items, data, shape, layer, head } = props;
  const [L, H, n] = shape;
  const [query, setQuery] = useState<number | null>(null);
  const [cell, setCell] = useState<{ t: number; s: number } | null>(null);
  const q = query ?? n - 1;
  // The last position asks first: a row wider than the panel opens scrolled to its end.
  const strip = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = strip.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [items]);
  const matrix = useMemo(() => ratioMatrix(data, shape, layer, head), [data, shape, layer, head]);
  const colour: ColourScale = useMemo(() => divergingScale(ratioRange(matrix)), [matrix]);
  const grid = useMemo(
    () =>
      Array.from({ length: L * H }, (_, k) => {
        const m = ratioMatrix(data, shape, Math.floor(k / H), k % H);
        return { layer: Math.floor(k / H), head: k % H, m, colour: divergingScale(ratioRange(m)) };
      }),
    [data, shape, L, H],
  );
  const weight = (t: number, s: number) => data[((layer * H + head) * n + t) * n + s];

  // Arcs: from query q (above the chips) down to each key s ≤ q; width by weight, colour by ratio.
  const width = Math.max(n * CHIP_W, 320);
  const x = (p: number) => p * CHIP_W + CHIP_W / 2;
  const arcs = Array.from({ length: q + 1 }, (_, s) => {
    const w = weight(q, s);
    const r = Math.log2(Math.max(w, 1e-12) * (q + 1));
    const span = Math.abs(x(q) - x(s));
    const h = Math.min(70, 12 + span / 4);
    return { s, w, r, d: `M${x(q)},78 C${x(q)},${78 - h} ${x(s)},${78 - h} ${x(s)},78` };
  });

  const size = Math.min(360, Math.max(220, n * 14));
  const hovered = cell ?? null;
  const onMove = (e: React.MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const s = Math.floor(((e.clientX - box.left) / box.width) * n);
    const t = Math.floor(((e.clientY - box.top) / box.height) * n);
    setCell(t >= 0 && t < n && s >= 0 && s <= t ? { t, s } : null);
  };
  const ticks = [-colour.domain[1], 0, colour.domain[1]];

  return (
    <div className="sequence-attention" data-testid="sequence-attention">
      <div className="sequence-strip" ref={strip}>
        <svg width={width} height={84} role="img" aria-label={`Attention of position ${q + 1}`}>
          {arcs.map((a) => (
            <path
              key={a.s}
              d={a.d}
              fill="none"
              stroke={colour(a.r)}
              strokeWidth={Math.max(0.5, a.w * 14)}
              strokeOpacity={0.85}
            >
              <title>{`${items[q].title} → ${items[a.s].title}: ${a.w.toFixed(3)} (${ratioText(a.w, q + 1)})`}</title>
            </path>
          ))}
        </svg>
        <ol className="sequence-chips" style={{ width }} data-testid="sequence-chips">
          {items.map((it, p) => (
            <li
              key={p}
              className={p === q ? 'chip chip-query' : 'chip'}
              style={{ width: CHIP_W - 6, borderTopColor: categoryColour(it.categoryToken) }}
              title={`${p + 1}. ${it.title}${it.category ? ` · ${it.category}` : ''}${
                p <= q
                  ? ` · weight from ${q + 1}: ${weight(q, p).toFixed(3)} (${ratioText(weight(q, p), q + 1)})`
                  : ''
              }`}
              onMouseEnter={() => setQuery(p)}
              onMouseLeave={() => setQuery(null)}
              tabIndex={0}
              onFocus={() => setQuery(p)}
              onBlur={() => setQuery(null)}
            >
              <span className="chip-pos">{p + 1}</span> {chipText(it)}
            </li>
          ))}
        </ol>
      </div>
      <div className="sequence-panels">
        <figure className="sequence-heatmap">
          <figcaption>
            Block {layer + 1}, head {head + 1}: row = position, column = the earlier item it looks at
          </figcaption>
          <div
            style={{ position: 'relative', width: size, height: size, cursor: 'crosshair' }}
            onMouseMove={onMove}
            onMouseLeave={() => setCell(null)}
            data-testid="sequence-heatmap"
          >
            <HeatmapCanvas matrix={matrix} colour={colour} width={size} height={size} keep={lower} />
          </div>
          <p className="hint" data-testid="sequence-hover" aria-live="polite">
            {hovered
              ? `${hovered.t + 1}. ${items[hovered.t].title} → ${hovered.s + 1}. ${items[hovered.s].title}: ` +
                `${weight(hovered.t, hovered.s).toFixed(3)}, ${ratioText(weight(hovered.t, hovered.s), hovered.t + 1)} ` +
                `(uniform 1/${hovered.t + 1})`
              : 'Hover a cell or an item.'}
          </p>
          <div className="legend-row">
            {ticks.map((v) => (
              <span key={v} className="legend-swatch">
                <i style={{ background: colour(v) }} /> {formatRatioTick(v)}
                {v === 0 ? ' uniform' : ''}
              </span>
            ))}
          </div>
        </figure>
        <figure className="sequence-grid" data-testid="sequence-grid">
          <figcaption>All heads (blocks × heads): click one</figcaption>
          <div style={{ display: 'grid', gridTemplateColumns: `repeat(${H}, auto)`, gap: 6 }}>
            {grid.map((g) => (
              <button
                key={`${g.layer}-${g.head}`}
                type="button"
                className={g.layer === layer && g.head === head ? 'head-thumb selected' : 'head-thumb'}
                onClick={() => props.onPickHead(g.layer, g.head)}
                aria-label={`Block ${g.layer + 1}, head ${g.head + 1}`}
                aria-pressed={g.layer === layer && g.head === head}
              >
                <HeatmapCanvas matrix={g.m} colour={g.colour} width={72} height={72} keep={lower} />
                <span>
                  B{g.layer + 1} H{g.head + 1}
                </span>
              </button>
            ))}
          </div>
        </figure>
      </div>
    </div>
  );
}
