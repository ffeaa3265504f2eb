import { scaleBand } from 'd3';
import { useState, type KeyboardEvent, type MouseEvent } from 'react';
import { cellAt, type Matrix } from './attentionData';
import type { ColourScale } from './colour';
import { HeatmapCanvas } from './HeatmapCanvas';

export interface ActiveCell {
  readonly row: number;
  readonly col: number;
}

export interface AttentionHeatmapProps {
  readonly matrix: Matrix;
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  readonly colour: ColourScale;
  readonly caption: string;
  /** Axis titles. */
  readonly rowTitle: string;
  readonly colTitle: string;
  /** Largest side of the cell area in CSS pixels (cells are square). */
  readonly size?: number;
  /** Cells to draw and hover (the pair triangle keeps i < j). */
  readonly keep?: (row: number, col: number) => boolean;
  /** Told about the hovered / focused cell (null when none), e.g. to highlight the line view. */
  readonly onActive?: (cell: ActiveCell | null) => void;
  /** The tooltip's text for a cell. */
  readonly describe?: (row: number, col: number, value: number) => string;
  readonly format?: (v: number) => string;
  readonly testId?: string;
}

const MARGIN = { top: 84, right: 12, bottom: 8, left: 104 };
const LABEL_CHARS = 14;

const clip = (s: string) => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

/**
 * A large heatmap: the matrix on canvas, field names on both axes and the hovered cell's outline in SVG,
 * the value in a tooltip. Arrow keys move the active cell when the heatmap has focus, so every value is
 * reachable without a mouse; the tooltip is a live region.
 */
export function AttentionHeatmap(props: AttentionHeatmapProps) {
  const { matrix, rowLabels, colLabels, colour, caption, rowTitle, colTitle, keep, onActive } = props;
  const format = props.format ?? ((v: number) => v.toFixed(3));
  const describe =
    props.describe ??
    ((r: number, c: number, v: number) => `${rowLabels[r] ?? r} → ${colLabels[c] ?? c}: ${format(v)}`);
  const { rows, cols } = matrix;
  const cell = Math.max(6, Math.floor((props.size ?? 330) / Math.max(rows, cols, 1)));
  const innerW = cell * cols;
  const innerH = cell * rows;
  const width = MARGIN.left + innerW + MARGIN.right;
  const height = MARGIN.top + innerH + MARGIN.bottom;
  const x = scaleBand<number>()
    .domain(Array.from({ length: cols }, (_, j) => j))
    .range([0, innerW]);
  const y = scaleBand<number>()
    .domain(Array.from({ length: rows }, (_, i) => i))
    .range([0, innerH]);
  const [active, setActiveState] = useState<ActiveCell | null>(null);
  // A cell of a previous, larger matrix may be out of range now.
  const shown = active && active.row < rows && active.col < cols ? active : null;

  const setActive = (c: ActiveCell | null) => {
    const next = c && keep && !keep(c.row, c.col) ? null : c;
    if (next?.row === shown?.row && next?.col === shown?.col) return;
    setActiveState(next);
    onActive?.(next);
  };

  const onMove = (e: MouseEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    setActive(cellAt(e.clientX - box.left, e.clientY - box.top, box.width, box.height, rows, cols));
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const m = moves[e.key];
    if (e.key === 'Escape') return setActive(null);
    if (!m) return;
    e.preventDefault();
    const start = shown ?? (keep ? { row: 0, col: Math.min(1, cols - 1) } : { row: 0, col: 0 });
    let row = shown ? start.row + m[0] : start.row;
    let col = shown ? start.col + m[1] : start.col;
    row = Math.max(0, Math.min(rows - 1, row));
    col = Math.max(0, Math.min(cols - 1, col));
    if (keep && !keep(row, col)) return; // stay inside the triangle
    setActive({ row, col });
  };

  const value = shown ? matrix.data[shown.row * cols + shown.col] : NaN;
  return (
    <figure className="chart heatmap" data-testid={props.testId} data-rows={rows} data-cols={cols}>
      <figcaption>{caption}</figcaption>
      <div
        className="heatmap-frame"
        style={{ width, height }}
        tabIndex={0}
        role="group"
        aria-label={`${caption}. ${rows} by ${cols} cells; arrow keys read the values.`}
        onKeyDown={onKey}
        onBlur={() => setActive(null)}
      >
        <div className="heatmap-canvas" style={{ left: MARGIN.left, top: MARGIN.top }}>
          <HeatmapCanvas matrix={matrix} colour={colour} width={innerW} height={innerH} keep={keep} />
        </div>
        <svg width={width} height={height} className="heatmap-overlay">
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {rowLabels.map((l, i) => (
              <text
                key={`r${i}`}
                x={-6}
                y={(y(i) ?? 0) + cell / 2}
                dy="0.32em"
                textAnchor="end"
                className={shown?.row === i ? 'row-label on' : 'row-label'}
                data-testid="row-label"
              >
                <title>{l}</title>
                {clip(l)}
              </text>
            ))}
            {colLabels.map((l, j) => (
              <text
                key={`c${j}`}
                transform={`translate(${(x(j) ?? 0) + cell / 2},-6) rotate(-50)`}
                dy="0.32em"
                className={shown?.col === j ? 'col-label on' : 'col-label'}
                data-testid="col-label"
              >
                <title>{l}</title>
                {clip(l)}
              </text>
            ))}
            <text x={-MARGIN.left + 4} y={-MARGIN.top + 12} className="axis-label">
              ↓ {rowTitle}
            </text>
            <text x={innerW} y={-MARGIN.top + 12} textAnchor="end" className="axis-label">
              {colTitle} →
            </text>
            {shown && (
              <rect x={x(shown.col)} y={y(shown.row)} width={cell} height={cell} className="cell-outline" />
            )}
            <rect
              width={innerW}
              height={innerH}
              fill="transparent"
              onMouseMove={onMove}
              onMouseLeave={() => setActive(null)}
              data-testid="heatmap-hit"
            />
          </g>
        </svg>
        <div
          className="heatmap-tooltip"
          role="status"
          aria-live="polite"
          data-testid="heatmap-tooltip"
          style={
            shown
              ? {
                  left: MARGIN.left + (x(shown.col) ?? 0) + cell + 6,
                  top: MARGIN.top + (y(shown.row) ?? 0) - 4,
                }
              : { visibility: 'hidden', left: 0, top: 0 }
          }
        >
          {shown ? describe(shown.row, shown.col, value) : ''}
        </div>
      </div>
    </figure>
  );
}
