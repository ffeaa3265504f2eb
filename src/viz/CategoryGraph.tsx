import { categoryColour } from './colour';
import { clip } from './graphData';
import { strongBundles, type CategoryGraphData } from './graphCategories';

export interface CategoryGraphProps {
  readonly data: CategoryGraphData;
  readonly width: number;
  readonly height: number;
  /** Drill down into category node `k` (a position in `data.nodes`). */
  readonly onPick: (k: number) => void;
}

const fmt = (x: number) => x.toLocaleString('en');
/** Characters of a category's name beside its circle (the full name is in its title). */
const LABEL_CHARS = 18;

/** What the category graph shows, in one sentence. */
export function categorySentence(data: CategoryGraphData, items: number): string {
  const shown = strongBundles(data).length;
  return (
    `Showing ${data.nodes.length} categories of ${fmt(items)} items and the ${shown} strongest of ` +
    `${data.bundles.length} bundles (${fmt(data.across)} edges between categories); click a category for its items.`
  );
}

/**
 * The graph by category as a ring: one circle per category (area ∝ its items, largest at the top, then
 * clockwise), one bundle per strongly linked pair (width and opacity ∝ the item edges between them, curved
 * through the middle). Each category is a button: a click or Enter drills down into its items.
 */
export function CategoryGraph({ data, width, height, onPick }: CategoryGraphProps) {
  const m = data.nodes.length;
  const cx = width / 2;
  const cy = height / 2;
  const maxCount = Math.max(1, ...data.nodes.map((e) => e.count));
  const rMax = Math.max(8, Math.min(40, (Math.PI * Math.min(width, height)) / (2.6 * Math.max(3, m))));
  // Room for the labels beside the ring (about 6.5 px a character at 12 px).
  const labelPx =
    6.5 * Math.max(...data.nodes.map((e) => `${clip(e.label, LABEL_CHARS)} ${fmt(e.count)}`.length));
  const ring = Math.max(20, Math.min(height / 2 - rMax - 30, width / 2 - rMax - 10 - labelPx));
  // Neighbours on the ring do not touch: the largest circle spans at most 80 % of their spacing.
  const rTop = Math.min(rMax, (0.4 * 2 * Math.PI * ring) / Math.max(3, m));
  const radius = (count: number) => Math.max(4, rTop * Math.sqrt(count / maxCount));
  const pos = data.nodes.map((_, k) => {
    const a = (2 * Math.PI * k) / m - Math.PI / 2;
    return [cx + ring * Math.cos(a), cy + ring * Math.sin(a), a] as const;
  });
  const bundles = strongBundles(data);
  const top = Math.max(1, bundles[0]?.count ?? 1);
  return (
    <svg
      className="category-graph"
      data-testid="category-graph"
      width={width}
      height={height}
      role="group"
      aria-label="Item graph by category: circles sized by items, bundles by the edges between categories"
    >
      <g fill="none" stroke="#44546a" strokeLinecap="round">
        {bundles.map((b) => {
          const [x1, y1] = pos[b.a];
          const [x2, y2] = pos[b.b];
          // Pulled towards the middle: bundles between far categories bend more.
          const qx = cx + 0.25 * ((x1 + x2) / 2 - cx);
          const qy = cy + 0.25 * ((y1 + y2) / 2 - cy);
          const t = b.count / top;
          return (
            <path
              key={`${b.a}-${b.b}`}
              d={`M${x1},${y1} Q${qx},${qy} ${x2},${y2}`}
              strokeWidth={1 + 11 * t}
              strokeOpacity={0.12 + 0.5 * t}
              data-testid="category-bundle"
            >
              <title>{`${data.nodes[b.a].label} – ${data.nodes[b.b].label}: ${fmt(b.count)} edges`}</title>
            </path>
          );
        })}
      </g>
      {data.nodes.map((e, k) => {
        const [x, y, a] = pos[k];
        const r = radius(e.count);
        const right = Math.cos(a) >= -0.01;
        const label = `${e.label}: ${fmt(e.count)} items, ${fmt(data.inside[k])} edges inside. Show its items`;
        return (
          <g
            key={`${e.token}:${e.label}`}
            role="button"
            tabIndex={0}
            aria-label={label}
            className="category-node"
            data-testid="category-node"
            onClick={() => onPick(k)}
            onKeyDown={(ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                onPick(k);
              }
            }}
          >
            <title>{label}</title>
            <circle cx={x} cy={y} r={r} fill={categoryColour(e.token)} stroke="#fff" strokeWidth={1.5} />
            <text
              x={x + (r + 6) * Math.cos(a)}
              y={y + (r + 6) * Math.sin(a) + 4 + (Math.abs(Math.cos(a)) < 0.3 ? 8 * Math.sin(a) : 0)}
              textAnchor={Math.abs(Math.cos(a)) < 0.3 ? 'middle' : right ? 'start' : 'end'}
              fontSize={12}
              fill="#1b1f24"
            >
              {clip(e.label, LABEL_CHARS)} <tspan fill="#5b6470">{fmt(e.count)}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}
