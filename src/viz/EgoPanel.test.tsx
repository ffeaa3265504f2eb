// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EgoPanel } from './EgoPanel';
import { adjacency, alphaSegments, edgesFromNeighbours, egoGraph } from './graphData';
import type { ItemCatalogue } from '../contract/explain';

afterEach(cleanup);

// Five items; item 0 ("Moonwalk…", long title) is linked to 3 (0.9), 1 (0.7) and 4 (0.2); 1 and 3 are linked.
const items: ItemCatalogue = {
  count: 5,
  keys: ['v0', 'v1', 'v2', 'v3', 'v4'],
  titles: ['Moonwalk tutorial for complete beginners, part one', 'Salsa', 'Ramen', '', 'Tango'],
  categories: ['dance', 'dance', 'cooking', 'dance', ''],
  categoryTokens: Int32Array.of(1, 1, 2, 1, -1),
  categoryField: 'topic',
  popularity: Int32Array.of(12, 3, 5, 8, 1),
};
const edges = edgesFromNeighbours(
  {
    name: 'fused',
    k: 3,
    neighbours: Int32Array.of(1, 3, 4, 3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1),
    weights: Float32Array.of(0.7, 0.9, 0.2, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
  },
  5,
);
const ego = egoGraph(edges, adjacency(edges, 5), 0);
// Item 0's modality attention: visual 0.5, acoustic 0.125, text 0.375.
const attention = Float32Array.of(0.5, 0.125, 0.375, ...new Array(12).fill(1 / 3));
const alpha = alphaSegments(attention, ['visual', 'acoustic', 'text'], 0);

function renderPanel(overrides: Partial<Parameters<typeof EgoPanel>[0]> = {}) {
  const onPick = vi.fn();
  const onClear = vi.fn();
  render(
    <EgoPanel
      items={items}
      ego={ego}
      graphName="fused"
      alpha={alpha}
      onPick={onPick}
      onClear={onClear}
      {...overrides}
    />,
  );
  return { onPick, onClear, panel: screen.getByTestId('graph-ego') };
}

describe('EgoPanel', () => {
  it('names the item (title clipped to 40 characters) with its key, category, popularity and neighbour count', () => {
    const { panel } = renderPanel();
    expect(within(panel).getByRole('heading').textContent).toBe(
      'Moonwalk tutorial for complete beginner… clear',
    );
    expect(panel.querySelector('p.hint')?.textContent).toBe(
      'v0 · dance · 12 interactions · 3 neighbours in fused',
    );
  });

  it('lists the neighbours strongest first with their weights, an untitled one by its key', () => {
    renderPanel();
    const rows = screen.getAllByTestId('ego-neighbour').map((b) => b.textContent?.trim());
    expect(rows).toEqual(['v3 0.900', 'Salsa 0.700', 'Tango 0.200']);
  });

  it('shows the modality attention shares as text and to assistive technology', () => {
    renderPanel();
    expect(screen.getByRole('img', { name: 'visual 50 %, acoustic 13 %, text 38 %' })).toBeTruthy();
    const bar = screen.getByTestId('alpha-bar');
    expect(bar.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ')).toBe(
      'Modality attention α: visual 50 % acoustic 13 % text 38 %',
    );
    // One segment per modality, laid end to end across the 240 px bar.
    const rects = screen.getAllByTestId('alpha-segment');
    expect(rects.map((r) => [r.getAttribute('x'), r.getAttribute('width')])).toEqual([
      ['0', '120'],
      ['120', '30'],
      ['150', '90'],
    ]);
    expect(rects.map((r) => r.textContent)).toEqual(['visual: 0.500', 'acoustic: 0.125', 'text: 0.375']);
  });

  it('leaves the bar out when the model has no modality attention', () => {
    renderPanel({ alpha: [] });
    expect(screen.queryByTestId('alpha-bar')).toBeNull();
    expect(screen.getAllByTestId('ego-neighbour')).toHaveLength(3);
  });

  it('draws the neighbourhood: the centre and each neighbour, and the edges among them', () => {
    renderPanel();
    const graph = screen.getByRole('img', { name: 'Neighbourhood of v0' });
    expect([...graph.querySelectorAll('circle')].map((c) => c.textContent)).toEqual([
      'Moonwalk tutorial for complete beginners, part one',
      'v3 (weight 0.900)',
      'Salsa (weight 0.700)',
      'Tango (weight 0.200)',
    ]);
    expect(graph.querySelectorAll('line')).toHaveLength(4); // three to the centre, and 1–3
  });

  it('focuses a neighbour picked from the list or the graph, and clears', () => {
    const { onPick, onClear } = renderPanel();
    fireEvent.click(screen.getAllByTestId('ego-neighbour')[1]);
    fireEvent.click(screen.getByRole('img', { name: 'Neighbourhood of v0' }).querySelectorAll('circle')[3]);
    fireEvent.click(screen.getByRole('img', { name: 'Neighbourhood of v0' }).querySelectorAll('circle')[0]);
    expect(onPick.mock.calls).toEqual([[1], [4]]); // the centre itself is not pickable
    fireEvent.click(screen.getByTestId('graph-clear'));
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('lists at most 12 neighbours', () => {
    // Item 0 with fifteen neighbours, weights 0.95, 0.90, … 0.25.
    const big: ItemCatalogue = {
      ...items,
      count: 16,
      keys: Array.from({ length: 16 }, (_, i) => `v${i}`),
      titles: Array.from({ length: 16 }, (_, i) => `t${i}`),
      categories: new Array<string>(16).fill(''),
      categoryTokens: new Int32Array(16).fill(-1),
      popularity: new Int32Array(16),
    };
    const nodes = Array.from({ length: 16 }, (_, i) => i);
    const distinct = { nodes, weights: nodes.map((k) => (k === 0 ? 0 : 1 - k / 20)), links: [] };
    renderPanel({ items: big, ego: distinct, alpha: [] });
    const rows = screen.getAllByTestId('ego-neighbour');
    expect(rows).toHaveLength(12);
    expect(rows[11].textContent?.trim()).toBe('t12 0.400');
    expect(screen.getByRole('img', { name: 'Neighbourhood of v0' }).querySelectorAll('circle')).toHaveLength(
      16,
    );
  });
});
