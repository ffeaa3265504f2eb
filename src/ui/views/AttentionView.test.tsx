// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubCanvas } from '../../viz/canvas.testkit';
import { AttentionView } from './AttentionView';
import { fieldExplanation } from './views.testkit';

beforeEach(() => {
  stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A heatmap of the view by its test id: its caption, a key press on it, and its readout (null when none). */
function heatmap(testId: string) {
  const figure = screen.getByTestId(testId);
  const frame = figure.querySelector('[role="group"]')!;
  return {
    caption: () => figure.querySelector('figcaption')?.textContent,
    press: (key: string) => fireEvent.keyDown(frame, { key }),
    readout: () => within(figure).queryByRole('status')?.textContent ?? null,
  };
}
const rowLabels = (testId: string) =>
  [...screen.getByTestId(testId).querySelectorAll('[data-testid="row-label"]')].map(
    (t) => t.lastChild?.textContent,
  );

describe('AttentionView', () => {
  it('shows every head with the first one open, field names readable on the heatmap', () => {
    render(<AttentionView explanation={fieldExplanation()} />);
    expect(screen.getByRole('heading', { name: 'All heads (2 layers × 2 heads; click one)' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Layer 1, head 1' }).getAttribute('aria-pressed')).toBe('true');
    const head = heatmap('attention-heatmap');
    expect(head.caption()).toBe('layer 1 · head 1: how much each field attends to each other field');
    expect(rowLabels('attention-heatmap')).toEqual(['user', 'item', 'movie genre']);
    // Weights against uniform (1/3 over three fields): the legend runs from below to above it.
    expect(
      screen.getByRole('img', {
        name: 'weight against uniform, 1/3 (layer 1 · head 1): colour from 0.44× to 2.3×',
      }),
    ).toBeTruthy();
  });

  it('reads a cell with the example’s field values, and keeps that row’s lines in the line view', () => {
    render(<AttentionView explanation={fieldExplanation()} />);
    const head = heatmap('attention-heatmap');
    const lines = screen.getByTestId('attention-lines');
    expect(lines.querySelectorAll('line')).toHaveLength(9);
    head.press('ArrowDown'); // the first key lands on the first cell
    head.press('ArrowDown');
    head.press('ArrowRight');
    expect(head.readout()).toBe('item (i9) → item (i9): 0.750 (2.3× uniform)');
    // Only the focused query field's three lines stay, drawn thicker.
    const kept = [...lines.querySelectorAll('line')];
    expect(kept.map((l) => l.getAttribute('stroke-width'))).toEqual(['3', '3', '3']);
  });

  it('opens the head clicked in the grid', () => {
    render(<AttentionView explanation={fieldExplanation()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Layer 2, head 2' }));
    const head = heatmap('attention-heatmap');
    expect(head.caption()).toBe('layer 2 · head 2: how much each field attends to each other field');
    head.press('ArrowRight'); // the first key lands on the first cell
    head.press('ArrowRight');
    head.press('ArrowRight');
    expect(head.readout()).toBe('user (u4) → movie genre (Drama): 0.875 (2.6× uniform)');
    expect(screen.getByRole('button', { name: 'Layer 2, head 2' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the validation average on request, without one example’s values', () => {
    render(<AttentionView explanation={fieldExplanation()} />);
    const source = screen.getByLabelText('Attention of');
    expect(
      within(source)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['this example', 'validation average (128 rows)']);
    fireEvent.change(source, { target: { value: 'average' } });
    const head = heatmap('attention-heatmap');
    head.press('ArrowRight');
    expect(head.readout()).toBe('user → user: 0.500 (1.5× uniform)');
  });

  it('compares two heads cell by cell, and drops the comparison when the compared head is opened', () => {
    render(<AttentionView explanation={fieldExplanation()} />);
    expect(screen.getByText('Pick a second head to see where the two attend differently.')).toBeTruthy();
    const compare = screen.getByLabelText('Compare layer 1 · head 1 with');
    expect(
      within(compare)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['— choose a head —', 'layer 1 · head 2', 'layer 2 · head 1', 'layer 2 · head 2']);
    fireEvent.change(compare, { target: { value: '0-1' } });
    const diff = heatmap('diff-heatmap');
    expect(diff.caption()).toBe('layer 1 · head 1 − layer 1 · head 2');
    diff.press('ArrowDown');
    expect(diff.readout()).toBe('user → user: +0.250');
    diff.press('ArrowRight');
    expect(diff.readout()).toBe('user → item: -0.250');
    expect(screen.getByText('layer 1 · head 1 attends more')).toBeTruthy();
    expect(screen.getByText('layer 1 · head 2 attends more')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Layer 1, head 2' }));
    expect(screen.queryByTestId('diff-heatmap')).toBeNull();
    expect(screen.getByText('Pick a second head to see where the two attend differently.')).toBeTruthy();
  });

  it('without field self-attention, says so and still shows the pair attention with its top pairs', () => {
    render(<AttentionView explanation={fieldExplanation({ fieldAttention: undefined })} />);
    expect(
      screen.getByText(
        'This model has no self-attention over fields (its internal branch is off): see the pair attention below.',
      ),
    ).toBeTruthy();
    expect(screen.queryByTestId('head-grid')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Top 3 pairs' })).toBeTruthy();
    const top = within(screen.getByTestId('top-pairs')).getAllByRole('listitem');
    expect(top.map((li) => li.textContent)).toEqual([
      'user × movie genre0.5000 · 1.5× uniform',
      'user × item0.2500 · 0.75× uniform',
      'item × movie genre0.2500 · 0.75× uniform',
    ]);
    expect(screen.getByTestId('pair-summary').textContent).toBe(
      'The heaviest pair, user × movie genre, is 1.5× uniform (1/3 = 0.3333); the pairs spread over about 2.8 of 3.',
    );
    const pair = heatmap('pair-heatmap');
    pair.press('ArrowDown'); // starts on the first pair, right of the diagonal
    expect(pair.readout()).toBe('user × item: 0.2500 (0.75× uniform)');
  });

  it('says when heads and pairs are about uniform, with legends that keep them pale (MovieLens amfr)', () => {
    // Every head a solid 0.2 over 5 fields, pair weights 0.0995–0.1007 over 10 pairs (uniform 0.1).
    const fields = ['a', 'b', 'c', 'd', 'e'];
    const heads = { data: new Float32Array(2 * 25).fill(0.2), shape: [1, 2, 5, 5], labels: fields };
    const pairData = new Float32Array(25);
    let k = 0;
    for (let i = 0; i < 5; i++)
      for (let j = i + 1; j < 5; j++) pairData[i * 5 + j] = 0.0995 + (0.0012 * k++) / 9;
    const pairs = { data: pairData, shape: [5, 5], labels: fields };
    render(
      <AttentionView
        explanation={fieldExplanation({
          fieldAttention: { example: heads, average: heads },
          pairAttention: { example: pairs, average: pairs },
        })}
      />,
    );
    expect(screen.getByTestId('head-summary').textContent).toBe(
      'This head attends about equally to all 5 fields (every weight within 25 % of uniform, 1/5): it carries little information.',
    );
    expect(screen.getByTestId('pair-summary').textContent).toBe(
      'No pair stands out: every pair weight is within 25 % of uniform (1/10 = 0.1000).',
    );
    // The legends keep their ½×–2× floor: a 0.1 % spread is not stretched over the palette.
    expect(
      screen.getByRole('img', {
        name: 'weight against uniform, 1/5 (layer 1 · head 1): colour from ½× to 2×',
      }),
    ).toBeTruthy();
    expect(
      screen.getByRole('img', { name: 'pair weight against uniform, 1/10: colour from ½× to 2×' }),
    ).toBeTruthy();
  });
});
