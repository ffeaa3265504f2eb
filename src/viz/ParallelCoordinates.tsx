import { interpolateViridis, scaleLinear, scaleLog, scalePoint } from 'd3';

/** One vertical axis: a number range (linear or log) or a list of categories. */
export type PcAxis =
  | {
      readonly id: string;
      readonly label: string;
      readonly kind: 'number';
      readonly domain: readonly [number, number];
      readonly log: boolean;
    }
  | {
      readonly id: string;
      readonly label: string;
      readonly kind: 'category';
      readonly categories: readonly string[];
    };

export interface PcLine {
  readonly key: string;
  /** A value per axis id (numbers for number axes, the category's text otherwise). */
  readonly values: Readonly<Record<string, number | string>>;
  /** The metric (the last axis, and the colour); null for a failed or NaN trial (drawn grey and dashed). */
  readonly metric: number | null;
  readonly highlight?: boolean;
}

export interface ParallelCoordinatesProps {
  readonly axes: readonly PcAxis[];
  readonly lines: readonly PcLine[];
  readonly metricLabel: string;
  readonly width?: number;
  readonly height?: number;
  readonly testId?: string;
}

const MARGIN = { top: 28, right: 56, bottom: 16, left: 64 };

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-2 ? v.toExponential(0) : Number(v.toPrecision(3)).toString();
}

/**
 * Settings → metric: one axis per setting and a last one for the validation metric, one polyline per trial
 * coloured by its metric (viridis, bright = better when `metric` is higher). D3 computes the scales; React
 * renders the SVG. Failed trials are grey and dashed and stop before the metric axis.
 */
export function ParallelCoordinates(props: ParallelCoordinatesProps) {
  const { axes, lines, metricLabel, width = 640, height = 240 } = props;
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const metrics = lines.map((l) => l.metric).filter((m): m is number => m !== null && Number.isFinite(m));
  const lo = metrics.length ? Math.min(...metrics) : 0;
  const hi = metrics.length ? Math.max(...metrics) : 1;
  const metricScale = scaleLinear()
    .domain(lo === hi ? [lo - 0.01, hi + 0.01] : [lo, hi])
    .range([innerH, 0])
    .nice();
  const colour = (m: number) => interpolateViridis(hi === lo ? 1 : (m - lo) / (hi - lo));
  const ids = [...axes.map((a) => a.id), '__metric'];
  const x = scalePoint<string>().domain(ids).range([0, innerW]);
  const yOf = axes.map((a) => {
    if (a.kind === 'category') {
      const s = scalePoint<string>()
        .domain([...a.categories])
        .range([innerH, 0])
        .padding(0.5);
      return {
        ticks: a.categories.map((c) => ({ y: s(c) ?? 0, label: c })),
        at: (v: number | string) => s(String(v)) ?? innerH / 2,
      };
    }
    const s = a.log && a.domain[0] > 0 ? scaleLog().domain(a.domain) : scaleLinear().domain(a.domain);
    s.range([innerH, 0]);
    // A log axis is ticked at its powers of ten only (d3's log ticks label every 2…9 between them).
    const ticks = a.log
      ? s.ticks(4).filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9)
      : s.ticks(4);
    return {
      ticks: ticks.map((t) => ({ y: s(t), label: fmt(t) })),
      at: (v: number | string) => s(Number(v)),
    };
  });
  const pathOf = (l: PcLine) => {
    const pts = axes.map((a, i) => `${x(a.id)},${yOf[i].at(l.values[a.id])}`);
    if (l.metric !== null && Number.isFinite(l.metric)) pts.push(`${x('__metric')},${metricScale(l.metric)}`);
    return `M${pts.join('L')}`;
  };
  // Better lines on top.
  const ordered = [...lines].sort((a, b) => (a.metric ?? -Infinity) - (b.metric ?? -Infinity));
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>Settings → {metricLabel}</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        role="img"
        aria-label={`Parallel coordinates: ${axes.map((a) => a.label).join(', ')} and ${metricLabel}, one line per trial`}
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {ordered.map((l) => (
            <path
              key={l.key}
              d={pathOf(l)}
              fill="none"
              stroke={l.metric === null ? '#999' : colour(l.metric)}
              strokeWidth={l.highlight ? 3.5 : 1.6}
              strokeDasharray={l.metric === null ? '4 3' : undefined}
              opacity={l.metric === null ? 0.6 : 0.85}
              data-trial={l.key}
            />
          ))}
          {axes.map((a, i) => (
            <g key={a.id} transform={`translate(${x(a.id)},0)`} className="pc-axis">
              <line y2={innerH} className="axis" />
              <text y={-10} textAnchor="middle" className="axis-label">
                {a.label}
              </text>
              {yOf[i].ticks.map((t) => (
                <g key={t.label} transform={`translate(0,${t.y})`} className="tick">
                  <line x2={-4} />
                  <text x={-6} dy="0.32em" textAnchor="end">
                    {t.label}
                  </text>
                </g>
              ))}
            </g>
          ))}
          <g transform={`translate(${x('__metric')},0)`} className="pc-axis">
            <line y2={innerH} className="axis" />
            <text y={-10} textAnchor="middle" className="axis-label">
              {metricLabel}
            </text>
            {metricScale.ticks(4).map((t) => (
              <g key={t} transform={`translate(0,${metricScale(t)})`} className="tick">
                <line x2={4} />
                <text x={6} dy="0.32em">
                  {fmt(t)}
                </text>
              </g>
            ))}
          </g>
        </g>
      </svg>
    </figure>
  );
}
