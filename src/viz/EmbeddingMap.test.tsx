// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmbeddingMapPayload } from '../contract/explain';
import { stubCanvas, type Drawing } from './canvas.testkit';
import { EmbeddingMap } from './EmbeddingMap';
import { paddedExtent } from './mapData';

const labels = ['Heat', 'Fargo', 'Up', 'Toy Story', 'Ronin'];
const payload: EmbeddingMapPayload = {
  runId: 1,
  kind: 'item',
  count: 5,
  xy: Float32Array.of(0, 0, 10, 1, 0, 9, 9, 9, 5, 5),
  explained: [0.6, 0.25],
  labels,
  indices: Int32Array.of(30, 31, 32, 33, 34),
  colourFields: [
    { name: 'genre', values: ['Drama', 'Drama', 'Comedy', '', 'Comedy'] },
    { name: 'decade', values: ['1990s', '1990s', '2000s', '1990s', '1990s'] },
  ],
};

// The plot area of a 400 × 300 map (margins 56 left, 16 right, 12 top, 44 bottom).
const INNER_W = 400 - 56 - 16;
const INNER_H = 300 - 12 - 44;
/** Where point k lies on the canvas, in CSS pixels (the test DOM has no layout: the canvas sits at 0, 0). */
function at(k: number): { clientX: number; clientY: number } {
  const [x0, x1] = paddedExtent(payload.xy, 0);
  const [y0, y1] = paddedExtent(payload.xy, 1);
  return {
    clientX: ((payload.xy[2 * k] - x0) / (x1 - x0)) * INNER_W,
    clientY: INNER_H - ((payload.xy[2 * k + 1] - y0) / (y1 - y0)) * INNER_H,
  };
}

function renderMap(selected: number | null, onSelect = vi.fn(), p = payload) {
  render(<EmbeddingMap payload={p} selected={selected} onSelect={onSelect} width={400} height={300} />);
  return onSelect;
}
const legendEntries = () =>
  [...screen.getByTestId('map-legend').querySelectorAll('li')].map((li) => li.textContent?.trim());

let drawing: (canvas: Element) => Drawing;
beforeEach(() => {
  drawing = stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('EmbeddingMap', () => {
  it('says how many points it maps, names its axes by explained variance and its colours by count', () => {
    renderMap(null);
    expect(
      screen.getByRole('group', { name: 'Embedding map of 5 items; arrow keys move the selection' }),
    ).toBeTruthy();
    expect(screen.getByText('5 items · scroll to zoom, drag to pan, click to select')).toBeTruthy();
    expect(screen.getByTestId('map-x-label').textContent).toBe('PC1 (60.0 % variance)');
    expect(screen.getByTestId('map-y-label').textContent).toBe('PC2 (25.0 % variance)');
    const legend = screen.getByTestId('map-legend');
    expect(within(legend).getByRole('heading').textContent).toBe('genre');
    // Most frequent first (ties by name), items without a value last.
    expect(legendEntries()).toEqual(['Comedy 2', 'Drama 2', '(none) 1']);
  });

  it('colours by another field when one is chosen', () => {
    renderMap(null);
    const select = screen.getByLabelText('Colour by');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['genre', 'decade']);
    fireEvent.change(select, { target: { value: 'decade' } });
    expect(within(screen.getByTestId('map-legend')).getByRole('heading').textContent).toBe('decade');
    expect(legendEntries()).toEqual(['1990s 4', '2000s 1']);
  });

  it('names the point under the pointer with its field values, and selects the one clicked', () => {
    const onSelect = renderMap(34);
    const canvas = screen.getByTestId('map-canvas');
    // The canvas is a picture with a name, for a screen reader (the keyboard reads the points one by one).
    expect(screen.getByRole('img', { name: /on their first two principal components, coloured by / })).toBe(
      canvas,
    );
    expect(screen.getByTestId('map-selected').textContent).toBe('Selected: Ronin');
    fireEvent.mouseMove(canvas, at(3));
    const tip = screen.getByTestId('map-tooltip');
    expect([...tip.children].map((c) => c.textContent)).toEqual(['Toy Story', 'genre: —', 'decade: 1990s']);
    expect(screen.getByTestId('map-selected').textContent).toBe('Toy Story');
    // The hovered point is ringed, the selected one too (larger).
    const ring = (a: { x: number; y: number; r: number }) => [a.x.toFixed(1), a.y.toFixed(1), a.r];
    const rings = drawing(canvas).arcs.filter((a) => a.r > 3);
    expect(rings.map(ring)).toEqual([
      ring({ x: at(3).clientX, y: at(3).clientY, r: 5 }),
      ring({ x: at(4).clientX, y: at(4).clientY, r: 6 }),
    ]);
    fireEvent.mouseLeave(canvas);
    expect(screen.queryByTestId('map-tooltip')).toBeNull();

    fireEvent.click(canvas, at(1));
    expect(onSelect).toHaveBeenLastCalledWith(31);
    fireEvent.click(canvas, { clientX: at(1).clientX - 40, clientY: at(1).clientY }); // empty space
    expect(onSelect).toHaveBeenCalledTimes(1);
  });

  it('moves the selection to the nearest point in the arrow’s direction, and nowhere when there is none', () => {
    const onSelect = renderMap(34);
    const frame = screen.getByRole('group');
    fireEvent.keyDown(frame, { key: 'ArrowRight' });
    expect(onSelect).toHaveBeenLastCalledWith(33); // Toy Story is nearer than Fargo
    fireEvent.keyDown(frame, { key: 'ArrowLeft' });
    expect(onSelect).toHaveBeenLastCalledWith(32); // Up is nearer than Heat
    fireEvent.keyDown(frame, { key: 'ArrowUp' }); // both upper points lie more sideways than up
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('says there is nothing to map for a run without embeddings, and counts users for a user map', () => {
    renderMap(null, vi.fn(), { ...payload, count: 0, xy: new Float32Array(0), labels: [], colourFields: [] });
    expect(screen.getByText('There are no embeddings to map: train on data with items.')).toBeTruthy();
    cleanup();
    renderMap(null, vi.fn(), { ...payload, kind: 'user' });
    expect(screen.getByText('5 users · scroll to zoom, drag to pan, click to select')).toBeTruthy();
  });
});
