// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttentionGrid } from './AttentionGrid';
import { stubCanvas, type Drawing } from './canvas.testkit';
import { sequentialScale } from './colour';

// 2 layers × 2 heads over 3 fields; head (l, h)'s cells are 0.1·(4l + 2h + 1) scaled by the cell's place,
// so every thumbnail differs.
const L = 2;
const H = 2;
const M = 3;
const data = Float32Array.from({ length: L * H * M * M }, (_, k) => {
  const head = Math.floor(k / (M * M));
  return ((head + 1) * ((k % (M * M)) + 1)) / 40;
});
const map = { data, shape: [L, H, M, M] };
const colour = sequentialScale(0.9);

let drawing: (canvas: Element) => Drawing;
beforeEach(() => {
  drawing = stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('AttentionGrid', () => {
  it('shows one button per layer and head, the selected one pressed, under layer and head labels', () => {
    render(<AttentionGrid map={map} colour={colour} selected={{ layer: 1, head: 0 }} onSelect={() => {}} />);
    const grid = screen.getByRole('group', { name: '2 layers × 2 heads' });
    expect(within(grid).getByText('head 1')).toBeTruthy();
    expect(within(grid).getByText('head 2')).toBeTruthy();
    expect(within(grid).getByText('layer 2')).toBeTruthy();
    const buttons = within(grid).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Layer 1, head 1',
      'Layer 1, head 2',
      'Layer 2, head 1',
      'Layer 2, head 2',
    ]);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'true', 'false']);
  });

  it('tells which head was clicked', () => {
    const onSelect = vi.fn();
    render(<AttentionGrid map={map} colour={colour} selected={{ layer: 0, head: 0 }} onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Layer 2, head 2' }));
    expect(onSelect).toHaveBeenCalledWith({ layer: 1, head: 1 });
  });

  it('draws each thumbnail from its own head, in the shared colour scale', () => {
    render(
      <AttentionGrid
        map={map}
        colour={colour}
        selected={{ layer: 0, head: 0 }}
        onSelect={() => {}}
        thumb={30}
      />,
    );
    const canvas = screen.getByRole('button', { name: 'Layer 2, head 1' }).querySelector('canvas')!;
    const fills = drawing(canvas).fills;
    // Head index 2 (layer 2, head 1): cell k holds 3·(k + 1) / 40 (as float32); 3×3 cells of 10 pixels.
    const expected = Array.from({ length: 9 }, (_, k) => colour(Math.fround((3 * (k + 1)) / 40)));
    expect(fills.map((f) => f.style)).toEqual(expected);
    expect(fills[5]).toMatchObject({ x: 20, y: 10 });
  });
});
