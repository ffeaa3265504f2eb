import { categoryColour } from './colour';
import type { LegendEntry } from './graphData';

/** What colour, size and edge opacity mean: the categories with their item counts, and the weight range. */
export function GraphLegend(props: {
  field: string | null;
  entries: readonly LegendEntry[];
  range: readonly [number, number];
}) {
  const { field, entries, range } = props;
  return (
    <div className="graph-legend" data-testid="graph-legend">
      <h4>{field ?? 'Category'}</h4>
      <ul>
        {entries.map((e) => (
          <li key={`${e.token}:${e.label}`}>
            <span className="swatch" style={{ background: categoryColour(e.token) }} /> {e.label}{' '}
            <span className="hint">{e.count}</span>
          </li>
        ))}
      </ul>
      <p className="hint">
        Size: training interactions. Edge opacity: weight ({range[0].toFixed(2)}–{range[1].toFixed(2)}).
      </p>
    </div>
  );
}
