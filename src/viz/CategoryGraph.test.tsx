// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CategoryGraph, categorySentence } from './CategoryGraph';
import { categoryGraph, strongBundles } from './graphCategories';
import { categoryLegend, edgesFromNeighbours } from './graphData';
import { syntheticGraphPayload } from './graphSynthetic.testkit';

afterEach(cleanup);

const p = syntheticGraphPayload(2000, 10, 4);
const data = categoryGraph(p.items, edgesFromNeighbours(p.graphs[1], 2000), categoryLegend(p.items));

describe('CategoryGraph', () => {
  it('draws one circle per category, sized by its items, and the strong bundles, wider when stronger', () => {
    render(<CategoryGraph data={data} width={600} height={500} onPick={() => {}} />);
    const nodes = screen.getAllByTestId('category-node');
    expect(nodes).toHaveLength(data.nodes.length);
    const r = nodes.map((g) => Number(g.querySelector('circle')!.getAttribute('r')));
    // The legend lists the largest category first: its circle is the largest.
    expect(Math.max(...r)).toBe(r[0]);
    expect(r[0]).toBeGreaterThan(r[r.length - 1]);
    const bundles = screen.getAllByTestId('category-bundle');
    expect(bundles).toHaveLength(strongBundles(data).length);
    expect(bundles.length).toBeLessThan(data.bundles.length);
    const w = bundles.map((b) => Number(b.getAttribute('stroke-width')));
    expect(w[0]).toBeGreaterThan(w[w.length - 1]);
    expect(nodes[0].getAttribute('aria-label')).toMatch(
      new RegExp(`^${data.nodes[0].label}: [\\d,]+ items, [\\d,]+ edges inside`),
    );
  });

  it('keeps the ring and its labels inside the picture', () => {
    render(<CategoryGraph data={data} width={500} height={500} onPick={() => {}} />);
    for (const g of screen.getAllByTestId('category-node')) {
      const c = g.querySelector('circle')!;
      const t = g.querySelector('text')!;
      const [cx, r, x] = [c.getAttribute('cx'), c.getAttribute('r'), t.getAttribute('x')].map(Number);
      expect(cx - r).toBeGreaterThanOrEqual(0);
      expect(cx + r).toBeLessThanOrEqual(500);
      // A label's far end: its x plus (start) or minus (end) its width at ~6.5 px a character.
      const w = 6.5 * t.textContent!.length;
      const anchor = t.getAttribute('text-anchor');
      const [lo, hi] =
        anchor === 'start' ? [x, x + w] : anchor === 'end' ? [x - w, x] : [x - w / 2, x + w / 2];
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(500);
    }
  });

  it('drills down on a click or Enter', () => {
    const onPick = vi.fn();
    render(<CategoryGraph data={data} width={600} height={500} onPick={onPick} />);
    const nodes = screen.getAllByTestId('category-node');
    fireEvent.click(nodes[2]);
    expect(onPick).toHaveBeenLastCalledWith(2);
    fireEvent.keyDown(nodes[4], { key: 'Enter' });
    expect(onPick).toHaveBeenLastCalledWith(4);
  });

  it('says what it shows', () => {
    expect(categorySentence(data, 2000)).toBe(
      `Showing ${data.nodes.length} categories of 2,000 items and the ${strongBundles(data).length} strongest of ` +
        `${data.bundles.length} bundles (${data.across.toLocaleString('en')} edges between categories); ` +
        'click a category for its items.',
    );
  });
});
