// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModalityGraph } from './ModalityGraph';
import { edgesFromNeighbours } from './graphData';
import { EDGE_BUDGET } from './graphLod';
import { syntheticGraphPayload } from './graphSynthetic.testkit';

// jsdom has neither a canvas nor workers: the view draws on a stub context, and lays out on the page.
beforeEach(() => {
  const ctx = new Proxy(
    {},
    // A canvas large enough to show every node wherever the view is.
    { get: (_, p) => (p === 'canvas' ? { width: 1e5, height: 1e5 } : () => {}), set: () => true },
  );
  // A Proxy standing in for the DOM's context (drawing only calls methods and sets properties); getContext's
  // overloads need the cast.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    (() => ctx) as unknown as HTMLCanvasElement['getContext'],
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const payload = syntheticGraphPayload(40, 4, 7);
const { items } = payload;

describe('ModalityGraph', () => {
  it('lays out the fused graph first, with one toggle per graph and its mean attention', async () => {
    render(<ModalityGraph payload={payload} />);
    const root = screen.getByTestId('modality-graph');
    const toggles = screen.getAllByTestId('graph-toggle');
    expect(toggles.map((t) => [t.textContent, t.getAttribute('aria-pressed')])).toEqual([
      [`visual ᾱ ${payload.modalityWeights![0].toFixed(2)}`, 'false'],
      [`acoustic ᾱ ${payload.modalityWeights![1].toFixed(2)}`, 'false'],
      [`text ᾱ ${payload.modalityWeights![2].toFixed(2)}`, 'false'],
      ['fused', 'true'],
    ]);
    const fused = edgesFromNeighbours(payload.graphs[3], 40);
    expect(root.dataset.edges).toBe(String(fused.count));
    await waitFor(() => expect(root.dataset.layout).toBe('settled'), { timeout: 20_000 });
    fireEvent.click(toggles[1]);
    expect(root.dataset.edges).toBe(String(edgesFromNeighbours(payload.graphs[1], 40).count));
    expect(root.dataset.layout).toBe('running');
  });

  it('focuses an item found by search, tells the page, and lets Escape clear it', () => {
    const onSelect = vi.fn();
    render(<ModalityGraph payload={payload} onSelect={onSelect} />);
    expect(screen.queryByTestId('graph-ego')).toBeNull();
    fireEvent.change(screen.getByTestId('graph-search'), { target: { value: 'i12' } });
    const hit = screen.getAllByTestId('graph-hit')[0];
    expect(hit.textContent).toBe(`i12 · ${items.titles[12]}`);
    fireEvent.click(hit);
    expect(onSelect).toHaveBeenLastCalledWith(12);
    expect(screen.queryByTestId('graph-hit')).toBeNull(); // the box is emptied
    expect(screen.getByTestId('graph-ego').querySelector('h4')?.textContent).toContain(items.titles[12]);
    expect(screen.getAllByTestId('alpha-segment')).toHaveLength(3);
    expect(screen.getByRole('img', { name: /^Item graph "/ })).toBe(screen.getByTestId('graph-canvas'));
    fireEvent.keyDown(screen.getByTestId('graph-canvas'), { key: 'Escape' });
    expect(onSelect).toHaveBeenLastCalledWith(null);
    expect(screen.queryByTestId('graph-ego')).toBeNull();
  });

  it('shows the item the page selects', () => {
    render(<ModalityGraph payload={payload} selected={5} />);
    expect(screen.getByTestId('graph-ego').textContent).toContain(`i5 · ${items.categories[5]}`);
  });

  it('drops edges under the weight floor', () => {
    render(<ModalityGraph payload={payload} />);
    const slider = screen.getByTestId('graph-threshold');
    fireEvent.change(slider, { target: { value: '0.6' } });
    const kept = edgesFromNeighbours(payload.graphs[3], 40, 0.6).count;
    expect(kept).toBeLessThan(edgesFromNeighbours(payload.graphs[3], 40).count);
    expect(screen.getByTestId('modality-graph').dataset.edges).toBe(String(kept));
    expect(slider.parentElement?.textContent).toContain(`${kept} edges`);
  });

  it('draws the most connected items of a large graph and says what it shows', async () => {
    const large = syntheticGraphPayload(600, 10, 5);
    const edgeCount = edgesFromNeighbours(large.graphs[3], 600).count;
    expect(edgeCount).toBeGreaterThan(EDGE_BUDGET);
    render(<ModalityGraph payload={large} />);
    const root = screen.getByTestId('modality-graph');
    await waitFor(() => expect(root.dataset.layout).toBe('settled'), { timeout: 20_000 });
    const drawn = Number(root.dataset.drawnEdges);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(EDGE_BUDGET);
    expect(screen.getByTestId('graph-lod').textContent).toMatch(
      new RegExp(
        `^Showing the \\d+ most connected of 600 items and their ${drawn.toLocaleString('en')} edges`,
      ),
    );
    // Every edge once the weight floor leaves fewer than the budget.
    fireEvent.change(screen.getByTestId('graph-threshold'), { target: { value: '0.85' } });
    await waitFor(() =>
      expect(screen.getByTestId('graph-lod').textContent).toMatch(/^Showing all 600 items/),
    );
    expect(root.dataset.drawnEdges).toBe(root.dataset.edges);
    fireEvent.click(screen.getByTestId('graph-fit')); // the overview again (nothing to see in this DOM, no error)
  });

  it('shows the graph by category and drills down into one on a click', async () => {
    render(<ModalityGraph payload={payload} />);
    const root = screen.getByTestId('modality-graph');
    await waitFor(() => expect(root.dataset.layout).toBe('settled'), { timeout: 20_000 });
    expect(screen.queryByTestId('category-graph')).toBeNull();
    fireEvent.click(screen.getByTestId('graph-mode-categories'));
    expect(screen.getByTestId('graph-mode-categories').getAttribute('aria-pressed')).toBe('true');
    const nodes = screen.getAllByTestId('category-node');
    expect(nodes.length).toBe(new Set(items.categories).size);
    expect(screen.getByTestId('category-sentence').textContent).toMatch(
      /^Showing \d+ categories of 40 items/,
    );
    expect(screen.getByTestId('graph-lod').hidden).toBe(true);
    fireEvent.click(nodes[0]);
    expect(screen.queryByTestId('category-graph')).toBeNull();
    expect(screen.getByTestId('graph-mode-items').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('graph-lod').hidden).toBe(false);
    // Search reaches an item from the category view too.
    fireEvent.click(screen.getByTestId('graph-mode-categories'));
    fireEvent.change(screen.getByTestId('graph-search'), { target: { value: 'i7' } });
    fireEvent.click(screen.getAllByTestId('graph-hit')[0]);
    expect(screen.queryByTestId('category-graph')).toBeNull();
    expect(screen.getByTestId('graph-ego').textContent).toContain(items.titles[7]);
  });

  it('says so when there is no graph to show', () => {
    render(<ModalityGraph payload={{ ...payload, graphs: [] }} />);
    expect(screen.getByText('This model has no item graphs to show.')).toBeTruthy();
  });
});
