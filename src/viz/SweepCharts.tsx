import { scaleBand, scaleLinear } from 'd3';

const M = { top: 10, right: 16, bottom: 34, left: 52 };

export interface TrialPoint {
  readonly trial: number;
  /** Null: failed or NaN (drawn as a cross on the axis). */
  readonly metric: number | null;
  /** Halving's rung (a later rung trained longer). */
  readonly rung: number;
}

/**
 * The validation metric of each trial in order, with the best so far as a step line (highest rung so far,
 * as the sweep picks). D3 computes the scales; React renders the SVG.
 */
export function MetricOverTrials(props: {
  readonly points: readonly TrialPoint[];
  readonly planned: number;
  readonly metricLabel: string;
  readonly smallerIsBetter: boolean;
  readonly width?: number;
  readonly height?: number;
}) {
  const { points, planned, metricLabel, smallerIsBetter, width = 420, height = 200 } = props;
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const ok = points.filter((p) => p.metric !== null && Number.isFinite(p.metric));
  const vals = ok.map((p) => p.metric as number);
  const lo = vals.length ? Math.min(...vals) : 0;
  const hi = vals.length ? Math.max(...vals) : 1;
  const pad = Math.max((hi - lo) * 0.1, 2e-3);
  const x = scaleLinear()
    .domain([0.5, Math.max(planned, points.length) + 0.5])
    .range([0, innerW]);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([innerH, 0])
    .nice();
  const best: { trial: number; metric: number }[] = [];
  let cur: { rung: number; m: number } | null = null;
  for (const p of points) {
    if (p.metric === null || !Number.isFinite(p.metric)) continue;
    const better =
      !cur ||
      p.rung > cur.rung ||
      (p.rung === cur.rung && (smallerIsBetter ? p.metric < cur.m : p.metric > cur.m));
    if (better) cur = { rung: p.rung, m: p.metric };
    best.push({ trial: p.trial + 1, metric: cur!.m });
  }
  const step = best
    .map((b, i) => `${i === 0 ? 'M' : 'H'}${x(b.trial)}${i === 0 ? `,${y(b.metric)}` : `V${y(b.metric)}`}`)
    .join('');
  const xTicks = x.ticks(Math.min(10, Math.max(2, planned))).filter(Number.isInteger);
  return (
    <figure className="chart" data-testid="sweep-metric-chart">
      <figcaption>Validation {metricLabel} by trial</figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        role="img"
        aria-label={`Validation ${metricLabel} of each trial, and the best so far`}
      >
        <g transform={`translate(${M.left},${M.top})`}>
          {y.ticks(4).map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`} className="tick">
              <line x2={innerW} className="grid" />
              <text x={-6} dy="0.32em" textAnchor="end">
                {t.toFixed(3)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <g key={t} transform={`translate(${x(t)},${innerH})`} className="tick">
              <line y2={5} />
              <text y={16} textAnchor="middle">
                {t}
              </text>
            </g>
          ))}
          <line y1={innerH} y2={innerH} x2={innerW} className="axis" />
          <text x={innerW / 2} y={innerH + 30} textAnchor="middle" className="axis-label">
            Trial
          </text>
          {step && <path d={step} fill="none" stroke="#D55E00" strokeWidth={2} data-series="best so far" />}
          {points.map((p) =>
            p.metric === null || !Number.isFinite(p.metric) ? (
              <text
                key={p.trial}
                x={x(p.trial + 1)}
                y={innerH - 4}
                textAnchor="middle"
                className="failed-mark"
              >
                ×<title>{`Trial ${p.trial + 1} failed`}</title>
              </text>
            ) : (
              <circle
                key={p.trial}
                cx={x(p.trial + 1)}
                cy={y(p.metric)}
                r={3 + p.rung}
                fill="#0072B2"
                opacity={0.85}
              >
                <title>{`Trial ${p.trial + 1}: ${p.metric.toFixed(4)}${p.rung ? ` (rung ${p.rung})` : ''}`}</title>
              </circle>
            ),
          )}
        </g>
      </svg>
      <ul className="legend">
        <li>
          <span className="swatch" style={{ background: '#0072B2' }} />
          trial
        </li>
        <li>
          <span className="swatch" style={{ background: '#D55E00' }} />
          best so far
        </li>
      </ul>
    </figure>
  );
}

export interface ImportanceBar {
  readonly label: string;
  /** Between-group share of the metric's variance, in [0, 1]. */
  readonly share: number;
  /** Spearman's ρ with the metric (null for choices). */
  readonly rho: number | null;
}

/** Per-setting importance: a bar of variance share each, ρ beside it. */
export function ImportanceBars(props: {
  readonly bars: readonly ImportanceBar[];
  readonly n: number;
  readonly width?: number;
}) {
  const { bars, n, width = 420 } = props;
  const rowH = 22;
  const left = 150;
  const right = 110;
  const height = bars.length * rowH + 26;
  const x = scaleLinear()
    .domain([0, 1])
    .range([0, width - left - right]);
  const y = scaleBand<number>()
    .domain(bars.map((_, i) => i))
    .range([0, bars.length * rowH])
    .padding(0.25);
  return (
    <figure className="chart" data-testid="sweep-importance">
      <figcaption>
        Importance: share of the metric's variance between a setting's values ({n} ok trials)
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
        role="img"
        aria-label="Importance of each setting"
      >
        <g transform={`translate(${left},4)`}>
          {bars.map((b, i) => (
            <g key={b.label} transform={`translate(0,${y(i)})`} data-setting={b.label}>
              <text x={-6} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end">
                {b.label}
              </text>
              <rect width={Math.max(1, x(b.share))} height={y.bandwidth()} fill="#009E73" />
              <text x={x(b.share) + 4} y={y.bandwidth() / 2} dy="0.32em" className="value">
                {`${Math.round(b.share * 100)}%${b.rho === null ? '' : `  ρ ${b.rho >= 0 ? '+' : '−'}${Math.abs(b.rho).toFixed(2)}`}`}
              </text>
            </g>
          ))}
          <line y2={bars.length * rowH} className="axis" />
        </g>
      </svg>
    </figure>
  );
}
