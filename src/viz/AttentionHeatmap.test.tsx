// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttentionHeatmap } from './AttentionHeatmap';
import { stubCanvas } from './canvas.testkit';
import { sequentialScale } from './colour';

// One head over 3 fields; each row sums to 1. Values are exact in float32 so the tooltips read them back.
const labels = ['age', 'gender', 'favourite_genre_list'];
const matrix = { data: Float32Array.of(0.5, 0.25, 0.25, 0.125, 0.75, 0.125, 0, 0.5, 0.5), rows: 3, cols: 3 };
const caption = 'layer 1 · head 1';

function renderHeatmap(extra: Partial<Parameters<typeof AttentionHeatmap>[0]> = {}) {
  return render(
    <AttentionHeatmap
      matrix={matrix}
      rowLabels={labels}
      colLabels={labels}
      colour={sequentialScale(0.75)}
      caption={caption}
      rowTitle="query field"
      colTitle="key field"
      {...extra}
    />,
  );
}

/** An SVG label's own text, without its <title> (the tooltip). */
const shownText = (el: Element) =>
  [...el.childNodes]
    .filter((n) => n.nodeName !== 'title')
    .map((n) => n.textContent)
    .join('');
const frame = () =>
  screen.getByRole('group', { name: `${caption}. 3 by 3 cells; arrow keys read the values.` });
/** The readout of the active cell; null while none is active (the tooltip is hidden then). */
const tooltip = () => screen.queryByRole('status')?.textContent ?? null;
/** Presses keys on the heatmap (found once: role queries are slow). */
const keysOn = (el: HTMLElement) => (k: string) => fireEvent.keyDown(el, { key: k });

beforeEach(() => {
  stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('AttentionHeatmap', () => {
  it('names the fields on both axes (long names clipped, in full on hover) and the axes themselves', () => {
    renderHeatmap();
    expect(within(screen.getByRole('figure')).getByText(caption)).toBeTruthy();
    const rows = screen.getAllByTestId('row-label');
    expect(rows.map(shownText)).toEqual(['age', 'gender', 'favourite_gen…']);
    expect(rows[2].querySelector('title')?.textContent).toBe('favourite_genre_list');
    expect(screen.getAllByTestId('col-label')).toHaveLength(3);
    expect(screen.getByText('↓ query field')).toBeTruthy();
    expect(screen.getByText('key field →')).toBeTruthy();
    expect(tooltip()).toBeNull();
  });

  it('reads the values with the arrow keys, stops at the edges, and clears on Escape', () => {
    const onActive = vi.fn();
    renderHeatmap({ onActive });
    const key = keysOn(frame());
    key('ArrowDown'); // the first key lands on the first cell
    expect(tooltip()).toBe('age → age: 0.500');
    key('ArrowRight');
    key('ArrowDown');
    expect(tooltip()).toBe('gender → gender: 0.750');
    expect(onActive).toHaveBeenLastCalledWith({ row: 1, col: 1 });
    // The active row and column labels are highlighted.
    expect(screen.getAllByTestId('row-label')[1].getAttribute('class')).toBe('row-label on');
    expect(screen.getAllByTestId('col-label')[1].getAttribute('class')).toBe('col-label on');
    key('ArrowDown');
    key('ArrowDown'); // past the last row: stays
    key('ArrowLeft');
    expect(tooltip()).toBe('favourite_genre_list → age: 0.000');
    key('Escape');
    expect(tooltip()).toBeNull();
    expect(onActive).toHaveBeenLastCalledWith(null);
  });

  it('shows the hovered cell’s value until the pointer leaves', () => {
    renderHeatmap({ format: (v) => v.toFixed(2) });
    const hit = screen.getByTestId('heatmap-hit');
    vi.spyOn(hit, 'getBoundingClientRect').mockReturnValue({
      left: 10,
      top: 20,
      width: 90,
      height: 90,
    } as DOMRect);
    fireEvent.mouseMove(hit, { clientX: 10 + 75, clientY: 20 + 40 }); // column 3, row 2
    expect(tooltip()).toBe('gender → favourite_genre_list: 0.13');
    fireEvent.mouseLeave(hit);
    expect(tooltip()).toBeNull();
  });

  it('keeps hover and keys inside the cells `keep` allows, in the caller’s words', () => {
    renderHeatmap({
      keep: (i, j) => i < j,
      describe: (i, j, v) => `${labels[i]} × ${labels[j]}: ${v.toFixed(4)}`,
    });
    const key = keysOn(frame());
    key('ArrowRight'); // the triangle starts right of the diagonal
    expect(tooltip()).toBe('age × gender: 0.2500');
    key('ArrowLeft'); // the diagonal is outside: stays
    expect(tooltip()).toBe('age × gender: 0.2500');
    const hit = screen.getByTestId('heatmap-hit');
    vi.spyOn(hit, 'getBoundingClientRect').mockReturnValue({
      left: 0,
      top: 0,
      width: 90,
      height: 90,
    } as DOMRect);
    fireEvent.mouseMove(hit, { clientX: 15, clientY: 75 }); // lower triangle: nothing to read
    expect(tooltip()).toBeNull();
  });
});
