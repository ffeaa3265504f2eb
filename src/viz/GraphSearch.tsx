import { useId, useMemo, useState } from 'react';
import { searchItems } from './graphData';
import type { ItemCatalogue } from '../contract/explain';

/** Hits listed under the search box. */
const HITS = 8;

/**
 * Find an item by id or title: the best hits as buttons under the box, Enter picking the first (the exact
 * match when there is one: `searchItems` ranks it first); picking one empties the box.
 */
export function GraphSearch({ items, onPick }: { items: ItemCatalogue; onPick: (i: number) => void }) {
  const [query, setQuery] = useState('');
  const hits = useMemo(() => searchItems(items, query, HITS), [items, query]);
  const id = useId();
  const pick = (i: number) => {
    onPick(i);
    setQuery('');
  };
  return (
    <div className="search-box">
      <label htmlFor={id}>Find item</label>
      <input
        id={id}
        type="search"
        value={query}
        placeholder="id or title"
        autoComplete="off"
        data-testid="graph-search"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || hits.length === 0) return;
          e.preventDefault();
          pick(hits[0]);
        }}
      />
      {hits.length > 0 && (
        <div className="search-results">
          <ul>
            {hits.map((i) => (
              <li key={i}>
                <button type="button" className="hit" data-testid="graph-hit" onClick={() => pick(i)}>
                  {items.keys[i]} · {items.titles[i]}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
