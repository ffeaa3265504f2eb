// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ItemCatalogue } from '../contract/explain';
import { GraphSearch } from './GraphSearch';

afterEach(cleanup);

// "music #327" is the most popular: popularity alone would list it before the exact "music #32".
const items: ItemCatalogue = {
  count: 4,
  keys: ['v1', 'v2', 'v3', 'v32'],
  titles: ['music #327 by @author_1', 'music #32 by @author_2', 'pets #1 by @author_3', 'dance #2'],
  categories: ['music', 'music', 'pets', 'dance'],
  categoryTokens: Int32Array.of(1, 1, 2, 3),
  categoryField: 'category',
  popularity: Int32Array.of(90, 5, 7, 1),
};

function renderSearch() {
  const onPick = vi.fn();
  render(<GraphSearch items={items} onPick={onPick} />);
  return { onPick, box: screen.getByLabelText('Find item') as HTMLInputElement };
}

const hits = () => screen.queryAllByTestId('graph-hit').map((b) => b.textContent);

describe('GraphSearch', () => {
  it('lists the exact title before a more popular longer one; Enter picks it and empties the box', () => {
    const { onPick, box } = renderSearch();
    fireEvent.change(box, { target: { value: 'music #32' } });
    expect(hits()).toEqual(['v2 · music #32 by @author_2', 'v1 · music #327 by @author_1']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledExactlyOnceWith(1);
    expect(box.value).toBe('');
    expect(hits()).toEqual([]);
  });

  it('Enter picks the exact id, else the first listed match, and nothing when nothing matches', () => {
    const { onPick, box } = renderSearch();
    fireEvent.change(box, { target: { value: 'V32' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith(3);
    fireEvent.change(box, { target: { value: 'author' } });
    expect(hits()[0]).toBe('v1 · music #327 by @author_1'); // all contain it: the most popular first
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith(0);
    fireEvent.change(box, { target: { value: 'zz' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onPick).toHaveBeenCalledTimes(2);
    expect(box.value).toBe('zz');
  });
});
