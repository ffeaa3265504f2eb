import { extent, line, scaleLinear } from 'd3';

export interface Series {
  readonly name: string;
  readonly points: readonly { x: number; y: number }[];
  /** CSS colour; defaults come from a colour-blind-safe palette (Okabe–Ito). */
  readonly color?: string;
  /** Draw a dot per point (for per-epoch values). */
  readonly dots?: boolean;
}

export interface LineChartProps {
  readonly title: string;
  readonly series: readonly Series[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xDomain: readonly [number, number];
  /** x counts whole things (epochs): ticks at whole numbers only, never "1.5". */
  readonly xIntegers?: boolean;
  /** Shown when there is nothing to draw yet. */
  readonly empty: string;
  readonly width?: number;
  readonly height?: number;
  readonly yFormat?: (v: number) => string;
  readonly testId?: string;
}

export const OKABE_ITO = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#F0E442',
  '#000000',
];
const MARGIN = { top: 8, right: 16, bottom: 38, left: 52 };

/** A small line chart: D3 computes scales, ticks and paths; React renders the SVG. */
export function LineChart(props: LineChartProps) {
  const { title, series, xLabel, yLabel, xDomain, empty, width = 420, height = 220 } = props;
  const yFormat = props.yFormat ?? ((v: number) => v.toFixed(3));
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const all = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.y));
  const [lo, hi] = extent(all, (p) => p.y);
  // At least 0.002 each side: a flat curve (one epoch) then gets ticks 0.001 apart, which the default
  // 3 decimals print apart ("0.683, 0.684", not "0.683, 0.683").
  const pad = lo === undefined || hi === undefined ? 0 : Math.max((hi - lo) * 0.1, 2e-3);
  const x = scaleLinear().domain(xDomain).range([0, innerW]);
  const y = scaleLinear()
    .domain(lo === undefined || hi === undefined ? [0, 1] : [lo - pad, hi + pad])
    .range([innerH, 0])
    .nice();
  const path = line<{ x: number; y: number }>()
    .defined((p) => Number.isFinite(p.y))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const ticks = x.ticks(Math.min(8, Math.max(2, xDomain[1] - xDomain[0])));
  const xTicks = props.xIntegers ? ticks.filter(Number.isInteger) : ticks;
  const yTicks = y.ticks(5);

  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>{title}</figcaption>
      <svg width={width} height={height} role="img" aria-label={`${title}: ${yLabel} by ${xLabel}`}>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {yTicks.map((t) => (
            <g key={`y${t}`} transform={`translate(0,${y(t)})`} className="tick" data-axis="y">
              <line x2={innerW} className="grid" />
              <text x={-6} dy="0.32em" textAnchor="end">
                {yFormat(t)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <g key={`x${t}`} transform={`translate(${x(t)},${innerH})`} className="tick" data-axis="x">
              <line y2={5} />
              <text y={16} textAnchor="middle">
                {t}
              </text>
            </g>
          ))}
          <line y1={innerH} y2={innerH} x2={innerW} className="axis" />
          <line y2={innerH} className="axis" />
          <text x={innerW / 2} y={innerH + 32} textAnchor="middle" className="axis-label">
            {xLabel}
          </text>
          <text
            transform={`translate(-40,${innerH / 2}) rotate(-90)`}
            textAnchor="middle"
            className="axis-label"
          >
            {yLabel}
          </text>
          {all.length === 0 ? (
            <text x={innerW / 2} y={innerH / 2} textAnchor="middle" className="empty">
              {empty}
            </text>
          ) : (
            series.map((s, i) => {
              const color = s.color ?? OKABE_ITO[i % OKABE_ITO.length];
              return (
                <g key={s.name} data-series={s.name}>
                  <path
                    d={path(s.points as { x: number; y: number }[]) ?? ''}
                    fill="none"
                    stroke={color}
                    strokeWidth={2}
                  />
                  {s.dots &&
                    s.points.map((p) => (
                      <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={4} fill={color}>
                        <title>{`${s.name} at ${xLabel.toLowerCase()} ${p.x}: ${yFormat(p.y)}`}</title>
                      </circle>
                    ))}
                </g>
              );
            })
          )}
        </g>
      </svg>
      {series.length > 1 && (
        <ul className="legend">
          {series.map((s, i) => (
            <li key={s.name}>
              <span className="swatch" style={{ background: s.color ?? OKABE_ITO[i % OKABE_ITO.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
