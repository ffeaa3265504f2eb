// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubCanvas, type Drawing } from './canvas.testkit';
import { sequentialScale } from './colour';
import { HeatmapCanvas } from './HeatmapCanvas';

// 2 × 3 cells whose values are exact in float32.
const matrix = { data: Float32Array.of(0, 0.25, 0.5, 0.75, 1, 0.125), rows: 2, cols: 3 };
const colour = sequentialScale(1);

let drawing: (canvas: Element) => Drawing;
beforeEach(() => {
  drawing = stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('HeatmapCanvas', () => {
  it('fills every cell with its value’s colour, row by row, at its place', () => {
    const { container } = render(<HeatmapCanvas matrix={matrix} colour={colour} width={90} height={40} />);
    const canvas = container.querySelector('canvas')!;
    // Purely visual: screen readers get the values from the labelled views around it.
    expect(canvas.getAttribute('aria-hidden')).toBe('true');
    const fills = drawing(canvas).fills;
    expect(fills.map((f) => f.style)).toEqual([...matrix.data].map((v) => colour(v)));
    expect(fills.map((f) => [f.x, f.y])).toEqual([
      [0, 0],
      [30, 0],
      [60, 0],
      [0, 20],
      [30, 20],
      [60, 20],
    ]);
  });

  it('leaves the cells `keep` drops empty, and redraws from scratch for new data', () => {
    const upper = (i: number, j: number) => i < j;
    const { container, rerender } = render(
      <HeatmapCanvas matrix={matrix} colour={colour} width={90} height={40} keep={upper} />,
    );
    const canvas = container.querySelector('canvas')!;
    expect(drawing(canvas).fills.map((f) => f.style)).toEqual([colour(0.25), colour(0.5), colour(0.125)]);
    const next = { data: Float32Array.of(1, 1), rows: 1, cols: 2 };
    rerender(<HeatmapCanvas matrix={next} colour={colour} width={90} height={40} />);
    expect(drawing(canvas).fills).toHaveLength(2);
  });
});
