import { categoryColour, headColour } from './colour';
import { itemLabel, type AlphaSegment, type EgoGraph } from './graphData';
import type { ItemCatalogue } from '../contract/explain';

/** Side of the ego graph and width of the attention bar, in CSS pixels. */
const EGO_SIZE = 240;
/** Neighbours listed by name (the ego graph shows them all). */
const LISTED = 12;
const LISTED_TITLE_CHARS = 30;

export interface EgoPanelProps {
  readonly items: ItemCatalogue;
  /** The focused item first, then its neighbours by falling weight. */
  readonly ego: EgoGraph;
  /** The graph the neighbourhood is taken from. */
  readonly graphName: string;
  /** The focused item's per-modality attention α (empty when the model has none). */
  readonly alpha: readonly AlphaSegment[];
  /** Focus a neighbour. */
  readonly onPick: (i: number) => void;
  readonly onClear: () => void;
}

/**
 * An item's neighbourhood in one graph: its name and counts, its per-modality attention as a stacked bar,
 * the ego graph (neighbours on a circle, edge weight as opacity) and its strongest neighbours as a list.
 */
export function EgoPanel({ items, ego, graphName, alpha, onPick, onClear }: EgoPanelProps) {
  const centre = ego.nodes[0];
  const m = ego.nodes.length - 1;
  return (
    <div className="ego" data-testid="graph-ego">
      <h4>
        {itemLabel(items, centre)}{' '}
        <button type="button" className="link" onClick={onClear} data-testid="graph-clear">
          clear
        </button>
      </h4>
      <p className="hint">
        {items.keys[centre]}
        {items.categories[centre] && ` · ${items.categories[centre]}`} · {items.popularity[centre]}{' '}
        interactions · {m} neighbours in {graphName}
      </p>
      {alpha.length > 0 && <AlphaBar alpha={alpha} />}
      <EgoGraphSvg items={items} ego={ego} onPick={onPick} />
      <ol className="ego-list" data-testid="ego-list">
        {ego.nodes.slice(1, 1 + LISTED).map((i, k) => (
          <li key={i}>
            <button type="button" className="hit" onClick={() => onPick(i)} data-testid="ego-neighbour">
              <span className="swatch" style={{ background: categoryColour(items.categoryTokens[i]) }} />{' '}
              {itemLabel(items, i, LISTED_TITLE_CHARS)}{' '}
              <span className="hint">{ego.weights[k + 1].toFixed(3)}</span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The item's modality attention α as one stacked bar with a key, each share in per cent. */
function AlphaBar({ alpha }: { alpha: readonly AlphaSegment[] }) {
  return (
    <figure className="alpha-bar" data-testid="alpha-bar">
      <svg
        width={EGO_SIZE}
        height={16}
        role="img"
        aria-label={alpha.map((s) => `${s.name} ${(100 * s.value).toFixed(0)} %`).join(', ')}
      >
        {alpha.map((s, k) => (
          <rect
            key={s.name}
            x={s.start * EGO_SIZE}
            width={Math.max(0, s.value * EGO_SIZE)}
            height={16}
            fill={headColour(k)}
            data-testid="alpha-segment"
          >
            <title>{`${s.name}: ${s.value.toFixed(3)}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption>
        Modality attention α:{' '}
        {alpha.map((s, k) => (
          <span key={s.name} className="alpha-key">
            <span className="swatch" style={{ background: headColour(k) }} /> {s.name}{' '}
            {(100 * s.value).toFixed(0)} %
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** The centre in the middle, its neighbours on a circle (strongest at the top, clockwise), and their edges. */
function EgoGraphSvg({
  items,
  ego,
  onPick,
}: {
  items: ItemCatalogue;
  ego: EgoGraph;
  onPick: (i: number) => void;
}) {
  const centre = ego.nodes[0];
  const c = EGO_SIZE / 2;
  const R = EGO_SIZE / 2 - 16;
  const m = ego.nodes.length - 1;
  const pos = ego.nodes.map((_, k) =>
    k === 0
      ? [c, c]
      : [
          c + R * Math.cos((2 * Math.PI * (k - 1)) / m - Math.PI / 2),
          c + R * Math.sin((2 * Math.PI * (k - 1)) / m - Math.PI / 2),
        ],
  );
  const wMax = Math.max(1e-9, ...ego.links.map((l) => l.weight));
  return (
    <svg
      width={EGO_SIZE}
      height={EGO_SIZE}
      className="ego-graph"
      role="img"
      aria-label={`Neighbourhood of ${items.keys[centre]}`}
    >
      {ego.links.map((l) => (
        <line
          key={`${l.a}-${l.b}`}
          x1={pos[l.a][0]}
          y1={pos[l.a][1]}
          x2={pos[l.b][0]}
          y2={pos[l.b][1]}
          stroke="#44546a"
          strokeOpacity={0.15 + 0.75 * (l.weight / wMax)}
          strokeWidth={l.a === 0 ? 0.5 + 2.5 * (l.weight / wMax) : 0.8}
        />
      ))}
      {ego.nodes.map((i, k) => (
        <circle
          key={i}
          cx={pos[k][0]}
          cy={pos[k][1]}
          r={k === 0 ? 9 : 6}
          fill={categoryColour(items.categoryTokens[i])}
          stroke="#1b1f24"
          strokeWidth={k === 0 ? 2 : 0.8}
          onClick={() => k > 0 && onPick(i)}
          className={k > 0 ? 'pickable' : undefined}
        >
          <title>{`${items.titles[i] || items.keys[i]}${k > 0 ? ` (weight ${ego.weights[k].toFixed(3)})` : ''}`}</title>
        </circle>
      ))}
    </svg>
  );
}
