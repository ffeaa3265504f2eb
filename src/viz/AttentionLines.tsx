import { scalePoint } from 'd3';
import { useState } from 'react';
import type { Matrix } from './attentionData';

export interface AttentionLinesProps {
  readonly matrix: Matrix;
  readonly labels: readonly string[];
  /** Line colour (the head's). */
  readonly color: string;
  /** Highlight this query field's lines only (e.g. the heatmap's active row); null shows every line. */
  readonly focusRow?: number | null;
  readonly width?: number;
  readonly rowHeight?: number;
  readonly testId?: string;
}

/** Above this many lines the view would be an unreadable hairball (and heavy SVG): STYLE §10's cutoff. */
export const MAX_LINES = 4096;
const PAD_Y = 24;

/**
 * The BertViz head view for fields: query fields on the left, key fields on the right, one line per pair
 * whose opacity is the attention weight (relative to the head's largest). Hovering a field on the left, or
 * a row of the heatmap, keeps only that field's lines.
 */
export function AttentionLines(props: AttentionLinesProps) {
  const { matrix, labels, color, width = 300, rowHeight = 22 } = props;
  const { rows, cols, data } = matrix;
  const [hoverRow, setHoverRow] = useState<number | null>(null);
  const focus = hoverRow ?? props.focusRow ?? null;
  const n = Math.max(rows, cols);
  const height = PAD_Y * 2 + rowHeight * Math.max(0, n - 1);
  const y = scalePoint<number>()
    .domain(Array.from({ length: n }, (_, i) => i))
    .range([PAD_Y, height - PAD_Y]);
  const left = 96;
  const right = width - 96;
  let max = 0;
  for (let k = 0; k < data.length; k++) max = Math.max(max, data[k]);
  const tooMany = rows * cols > MAX_LINES;

  return (
    <figure className="chart attention-lines" data-testid={props.testId}>
      <figcaption>Line view</figcaption>
      <svg
        width={width}
        height={height}
        role="img"
        aria-label="Attention lines from query fields to key fields"
      >
        <text x={left} y={10} textAnchor="end" className="axis-label">
          query
        </text>
        <text x={right} y={10} className="axis-label">
          key
        </text>
        {!tooMany &&
          Array.from({ length: rows }, (_, i) =>
            Array.from({ length: cols }, (_, j) => {
              const w = data[i * cols + j];
              const o = max > 0 ? w / max : 0;
              if (o < 0.02 || (focus !== null && focus !== i)) return null;
              return (
                <line
                  key={`${i}-${j}`}
                  x1={left + 4}
                  x2={right - 4}
                  y1={y(i)}
                  y2={y(j)}
                  stroke={color}
                  strokeOpacity={o}
                  strokeWidth={focus === i ? 3 : 2}
                />
              );
            }),
          )}
        {labels.slice(0, rows).map((l, i) => (
          <text
            key={`q${i}`}
            x={left - 4}
            y={y(i)}
            dy="0.32em"
            textAnchor="end"
            className={focus === i ? 'lines-label on' : 'lines-label'}
            onMouseEnter={() => setHoverRow(i)}
            onMouseLeave={() => setHoverRow(null)}
          >
            {l}
          </text>
        ))}
        {labels.slice(0, cols).map((l, j) => (
          <text key={`k${j}`} x={right + 4} y={y(j)} dy="0.32em" className="lines-label">
            {l}
          </text>
        ))}
        {tooMany && (
          <text x={width / 2} y={height / 2} textAnchor="middle" className="empty">
            Too many fields for a line view: use the heatmap.
          </text>
        )}
      </svg>
    </figure>
  );
}
