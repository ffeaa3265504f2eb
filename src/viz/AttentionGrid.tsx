import { useMemo } from 'react';
import { headGrid, type HeadRef } from './attentionData';
import type { ColourScale } from './colour';
import { HeatmapCanvas } from './HeatmapCanvas';

export interface AttentionGridProps {
  /** `[L, H, M, M]`. */
  readonly map: { readonly data: Float32Array; readonly shape: readonly number[] };
  /** One scale for every head, so heads compare by colour. */
  readonly colour: ColourScale;
  readonly selected: HeadRef;
  readonly onSelect: (head: HeadRef) => void;
  /** Side of each thumbnail in CSS pixels. */
  readonly thumb?: number;
}

/**
 * The BertViz "model view" for fields: one thumbnail heatmap per layer (rows) and head (columns), each a
 * button that opens the head below. Canvas thumbnails: L·H·M² cells would be far too many SVG nodes.
 */
export function AttentionGrid({ map, colour, selected, onSelect, thumb = 76 }: AttentionGridProps) {
  const [L, H] = map.shape;
  // Stable views into the payload, so thumbnails redraw only when the data change.
  const cells = useMemo(() => headGrid(map), [map]);
  return (
    <div
      className="head-grid"
      data-testid="head-grid"
      style={{ gridTemplateColumns: `auto repeat(${H}, ${thumb + 8}px)` }}
      role="group"
      aria-label={`${L} layers × ${H} heads`}
    >
      <span />
      {Array.from({ length: H }, (_, h) => (
        <span key={`h${h}`} className="grid-head">
          head {h + 1}
        </span>
      ))}
      {Array.from({ length: L }, (_, l) => [
        <span key={`l${l}`} className="grid-layer">
          layer {l + 1}
        </span>,
        ...cells
          .filter((c) => c.layer === l)
          .map((c) => {
            const on = c.layer === selected.layer && c.head === selected.head;
            return (
              <button
                key={`${c.layer}-${c.head}`}
                type="button"
                className={on ? 'head-cell on' : 'head-cell'}
                aria-pressed={on}
                aria-label={`Layer ${c.layer + 1}, head ${c.head + 1}`}
                data-testid="head-cell"
                onClick={() => onSelect({ layer: c.layer, head: c.head })}
              >
                <HeatmapCanvas matrix={c.matrix} colour={colour} width={thumb} height={thumb} />
              </button>
            );
          }),
      ])}
    </div>
  );
}
