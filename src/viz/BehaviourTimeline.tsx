import { scaleLinear } from 'd3';
import { categoryColour, headColour } from './colour';
import type { TimelineRow } from './timelineData';

export interface BehaviourTimelineProps {
  /** In display order (see `sortTimeline`). */
  readonly rows: readonly TimelineRow[];
  readonly heads: number;
  /** The weight axis shared by every head (see `weightDomain`). */
  readonly domain: readonly [number, number];
  readonly width?: number;
  readonly format?: (v: number) => string;
  readonly formatTime?: (seconds: number) => string;
  /**
   * Per head, the weight every behaviour would get under equal weighting (the mean size of the head's
   * weights, negative for a head whose weights all are; 1/n for softmax): a dashed line through the head's
   * column, the baseline a bar is read against. 0 or NaN: no line.
   */
  readonly equal?: readonly number[];
}

const ROW_H = 24;
const HEADER_H = 44;
const RECENCY_W = 58;
const CATEGORY_W = 104;
const LIKED_W = 22;
const GAP = 12;
const TITLE_CHARS = 34;

/** " (2.10× equal)": a weight over its head's equal-weighting line, where the head has one. */
const ratioOf = (w: number, equal: number | undefined) =>
  equal !== undefined && equal !== 0 && Number.isFinite(equal) ? ` (${(w / equal).toFixed(2)}× equal)` : '';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The user's behaviours before the candidate, one row each (padding never shown): how recent, category
 * swatch and name, title, liked or not, and one horizontal bar per attention head, heads side by side on a
 * shared axis so they compare directly. Strings from the data are SVG text, never markup.
 */
export function BehaviourTimeline(props: BehaviourTimelineProps) {
  const { rows, heads, domain, width = 860 } = props;
  const format = props.format ?? ((v: number) => v.toFixed(3));
  const formatTime =
    props.formatTime ??
    ((s: number) => {
      // Uploaded timestamps can be anything: one a Date cannot hold would throw in toISOString.
      const date = new Date(s * 1000);
      return Number.isNaN(date.getTime()) ? `t = ${s}` : date.toISOString().slice(0, 10);
    });
  const titleW = Math.min(250, Math.max(140, width * 0.3));
  const barsX = RECENCY_W + CATEGORY_W + titleW + LIKED_W + GAP;
  const colW = Math.max(48, Math.min(130, (width - barsX) / Math.max(1, heads) - GAP));
  const x = scaleLinear()
    .domain(domain as [number, number])
    .range([0, colW]);
  const zero = x(0);
  // Axis labels under each head: the ends of the shared domain, and 0 where there is room for it.
  const [lo, hi] = domain;
  const tick = (v: number) => (v === 0 ? '0' : v.toFixed(Math.abs(v) >= 1 ? 1 : 2));
  const ticks: { x: number; label: string; anchor: 'start' | 'middle' | 'end' }[] = [
    { x: 0, label: tick(lo), anchor: 'start' },
    { x: colW, label: tick(hi), anchor: 'end' },
  ];
  if (lo < 0 && zero > 40 && colW - zero > 40) ticks.push({ x: zero, label: '0', anchor: 'middle' });
  const height = HEADER_H + rows.length * ROW_H + 4;
  const svgW = barsX + heads * (colW + GAP);
  return (
    <svg
      width={svgW}
      height={height}
      className="behaviour-timeline"
      data-testid="behaviour-timeline"
      role="img"
      aria-label={`Attention of ${heads} head${heads === 1 ? '' : 's'} over ${rows.length} past behaviours`}
    >
      <g className="header">
        <text x={RECENCY_W - 6} y={HEADER_H - 10} textAnchor="end" className="axis-label">
          recency
        </text>
        <text x={RECENCY_W} y={HEADER_H - 10} className="axis-label">
          category
        </text>
        <text x={RECENCY_W + CATEGORY_W} y={HEADER_H - 10} className="axis-label">
          title
        </text>
        <text
          x={RECENCY_W + CATEGORY_W + titleW + LIKED_W / 2}
          y={HEADER_H - 10}
          textAnchor="middle"
          className="axis-label"
        >
          liked
        </text>
        {Array.from({ length: heads }, (_, h) => (
          <g key={h} transform={`translate(${barsX + h * (colW + GAP)},0)`}>
            <rect y={HEADER_H - 36} width={10} height={10} fill={headColour(h)} />
            <text x={14} y={HEADER_H - 27} className="axis-label">
              head {h + 1}
            </text>
            {ticks.map((t) => (
              <text key={t.label} x={t.x} y={HEADER_H - 8} textAnchor={t.anchor} className="tick-label">
                {t.label}
              </text>
            ))}
            <line x1={zero} x2={zero} y1={HEADER_H - 4} y2={height} className="axis" />
          </g>
        ))}
      </g>

      {rows.map((r, k) => {
        const y0 = HEADER_H + k * ROW_H;
        const when = Number.isFinite(r.time) ? ` · ${formatTime(r.time)}` : '';
        const liked = r.liked === 1 ? 'liked' : r.liked === 0 ? 'not liked' : '';
        return (
          <g key={r.position} transform={`translate(0,${y0})`} className="behaviour-row">
            <title>{`${r.title} (${r.category || 'no category'})${when}${liked ? ` · ${liked}` : ''}`}</title>
            {k % 2 === 0 && <rect width={svgW} height={ROW_H} className="stripe" />}
            <text x={RECENCY_W - 6} y={ROW_H / 2} dy="0.32em" textAnchor="end" className="recency">
              −{r.recency}
            </text>
            <rect
              x={RECENCY_W}
              y={ROW_H / 2 - 5}
              width={10}
              height={10}
              rx={2}
              fill={categoryColour(r.categoryToken)}
            />
            <text x={RECENCY_W + 14} y={ROW_H / 2} dy="0.32em" className="category">
              {clip(r.category, 13)}
            </text>
            <text x={RECENCY_W + CATEGORY_W} y={ROW_H / 2} dy="0.32em" className="title">
              {clip(r.title, TITLE_CHARS)}
            </text>
            <text
              x={RECENCY_W + CATEGORY_W + titleW + LIKED_W / 2}
              y={ROW_H / 2}
              dy="0.32em"
              textAnchor="middle"
              className="liked"
            >
              {r.liked === 1 ? '♥' : r.liked === 0 ? '·' : ''}
            </text>
            {r.weights.map((w, h) => {
              const xw = x(w);
              return (
                <rect
                  key={h}
                  x={barsX + h * (colW + GAP) + Math.min(zero, xw)}
                  y={4}
                  width={Math.max(1, Math.abs(xw - zero))}
                  height={ROW_H - 8}
                  fill={headColour(h)}
                  data-testid="behaviour-bar"
                  data-head={h}
                >
                  <title>{`head ${h + 1}: ${format(w)}${ratioOf(w, props.equal?.[h])} — ${r.title}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      {props.equal?.map((m, h) =>
        Number.isFinite(m) && m !== 0 ? (
          <line
            key={h}
            x1={barsX + h * (colW + GAP) + x(m)}
            x2={barsX + h * (colW + GAP) + x(m)}
            y1={HEADER_H - 4}
            y2={height}
            className="equal-weight"
            data-testid="behaviour-equal"
            data-head={h}
          >
            <title>{`head ${h + 1}: equal weighting would give every behaviour ${format(m)}`}</title>
          </line>
        ) : null,
      )}
    </svg>
  );
}
