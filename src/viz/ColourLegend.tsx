import { scaleLinear } from 'd3';
import type { ColourScale } from './colour';

export interface ColourLegendProps {
  readonly scale: ColourScale;
  readonly label: string;
  readonly width?: number;
  readonly format?: (v: number) => string;
}

const BAR_H = 10;
/** Room on each side for the end ticks' labels. */
const PAD = 22;

/** A colour bar with ticks for a sequential or diverging scale (the palette as stepped rectangles). */
export function ColourLegend({ scale, label, width = 220, format = (v) => v.toFixed(2) }: ColourLegendProps) {
  const [lo, hi] = scale.domain;
  const x = scaleLinear().domain([lo, hi]).range([0, width]);
  const ticks = scale.kind === 'diverging' ? [lo, 0, hi] : lo > 0 ? [lo, hi] : x.ticks(4);
  const step = width / scale.palette.length;
  return (
    <svg
      className="colour-legend"
      width={width + 2 * PAD}
      height={BAR_H + 34}
      role="img"
      aria-label={`${label}: colour from ${format(lo)} to ${format(hi)}`}
    >
      <g transform={`translate(${PAD},2)`}>
        {scale.palette.map((c, i) => (
          <rect key={i} x={i * step} width={step + 0.5} height={BAR_H} fill={c} />
        ))}
        {ticks.map((t) => (
          <g key={t} transform={`translate(${x(t)},${BAR_H})`} className="tick">
            <line y2={4} />
            <text y={14} textAnchor="middle">
              {format(t)}
            </text>
          </g>
        ))}
        <text x={width / 2} y={BAR_H + 27} textAnchor="middle" className="axis-label">
          {label}
        </text>
      </g>
    </svg>
  );
}
