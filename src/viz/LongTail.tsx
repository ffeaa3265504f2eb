import { scaleBand, scaleLog } from 'd3';
import { OKABE_ITO } from './LineChart';
import type { CountDistribution } from '../contract/explain';

export interface LongTailProps {
  readonly users: CountDistribution;
  readonly items: CountDistribution;
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { top: 6, right: 8, bottom: 40, left: 40 };

/**
 * How interactions spread over users and items: for each power-of-two bucket of interaction counts
 * (1, 2–3, 4–7, …), how many users (or items) fall in it, on a log axis so the long tail shows.
 */
export function LongTail({ users, items, width = 300, height = 170 }: LongTailProps) {
  const buckets = Math.max(users.binStarts.length, items.binStarts.length);
  const starts = Array.from({ length: buckets }, (_, k) => 2 ** k);
  const innerW = width - MARGIN.left - MARGIN.right;
  const innerH = height - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<number>().domain(starts).range([0, innerW]).padding(0.15);
  const sub = scaleBand<string>().domain(['users', 'items']).range([0, x.bandwidth()]).padding(0.05);
  const maxCount = Math.max(1, ...users.binCounts, ...items.binCounts);
  const y = scaleLog().domain([0.8, maxCount]).range([innerH, 0]).clamp(true);
  const yTicks = y.ticks(4).filter((t) => Number.isInteger(Math.log10(t)));
  const label = (s: number) => (s >= 1024 ? `${s / 1024}k` : String(s));
  const series = [
    { key: 'users', dist: users, color: OKABE_ITO[0] },
    { key: 'items', dist: items, color: OKABE_ITO[1] },
  ];
  return (
    <figure className="chart long-tail" data-testid="long-tail">
      <figcaption>Interactions per user and per item</figcaption>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label="Histogram of interactions per user and per item"
      >
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {yTicks.map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`} className="tick">
              <line x2={innerW} className="grid" />
              <text x={-5} dy="0.32em" textAnchor="end">
                {t >= 1000 ? `${t / 1000}k` : t}
              </text>
            </g>
          ))}
          {series.map((s) =>
            s.dist.binCounts.map((c, k) =>
              c > 0 ? (
                <rect
                  key={`${s.key}${k}`}
                  x={x(starts[k])! + sub(s.key)!}
                  y={y(c)}
                  width={sub.bandwidth()}
                  height={innerH - y(c)}
                  fill={s.color}
                >
                  <title>{`${c.toLocaleString('en-US')} ${s.key} with ${starts[k]}–${2 * starts[k] - 1} interactions`}</title>
                </rect>
              ) : null,
            ),
          )}
          {starts.map((s, k) =>
            k % Math.ceil(buckets / 8) === 0 ? (
              <text
                key={s}
                x={x(s)! + x.bandwidth() / 2}
                y={innerH + 13}
                textAnchor="middle"
                className="tick-label"
              >
                {label(s)}
              </text>
            ) : null,
          )}
          <line y1={innerH} y2={innerH} x2={innerW} className="axis" />
          <text x={innerW / 2} y={innerH + 30} textAnchor="middle" className="axis-label">
            interactions (log₂ buckets)
          </text>
        </g>
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.color }} />
            {s.key} (median {s.dist.median}, max {s.dist.max})
          </li>
        ))}
      </ul>
    </figure>
  );
}
