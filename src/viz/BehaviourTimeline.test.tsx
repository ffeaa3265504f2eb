// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BehaviourTimeline } from './BehaviourTimeline';
import { timelineRows, type BehaviourInput } from './timelineData';

const DAY = 86_400;
const LONG = 'A Very Long Title That Goes On And On Forever';
// Seven positions, the first two padding; five behaviours oldest first, two heads.
const behaviours: BehaviourInput = {
  shape: [7, 2],
  data: Float32Array.of(0, 0, 0, 0, 0.125, 0.5, 0.375, 0.125, 0.25, 0.25, 0.0625, 0.125, 0.1875, 0),
  items: Int32Array.of(-1, -1, 10, 11, 12, 13, 14),
  titles: ['', '', 'Heat', 'Toy Story', LONG, 'Fargo', 'Up'],
  categories: ['', '', 'Action', 'Animation', 'Drama', '', 'Animation'],
  categoryTokens: Int32Array.of(-1, -1, 1, 2, 3, -1, 2),
  times: Float64Array.of(NaN, NaN, 0, DAY, 2 * DAY, NaN, 4 * DAY),
  liked: Int8Array.of(-1, -1, 1, 0, 1, -1, 1),
};
const rows = timelineRows(behaviours);

afterEach(cleanup);

/** Each behaviour row as the person reads it: recency, category, title, liked mark. */
function readRows(svg: Element) {
  return [...svg.querySelectorAll('g.behaviour-row')].map((g) =>
    ['recency', 'category', 'title', 'liked'].map((c) => g.querySelector(`text.${c}`)?.textContent),
  );
}

describe('BehaviourTimeline', () => {
  it('shows each behaviour in the given order: recency, category, title (clipped), liked', () => {
    render(<BehaviourTimeline rows={[...rows].reverse()} heads={2} domain={[0, 0.5]} />);
    const svg = screen.getByRole('img', { name: 'Attention of 2 heads over 5 past behaviours' });
    expect(readRows(svg)).toEqual([
      ['−1', 'Animation', 'Up', '♥'],
      ['−2', '', 'Fargo', ''],
      ['−3', 'Drama', 'A Very Long Title That Goes On An…', '♥'],
      ['−4', 'Animation', 'Toy Story', '·'],
      ['−5', 'Action', 'Heat', '♥'],
    ]);
    // The row's tooltip has what was clipped or left out: full title, category, day, liked.
    const titles = [...svg.querySelectorAll('g.behaviour-row > title')].map((t) => t.textContent);
    expect(titles[2]).toBe(`${LONG} (Drama) · 1970-01-03 · liked`);
    expect(titles[1]).toBe('Fargo (no category)');
    expect(titles[3]).toBe('Toy Story (Animation) · 1970-01-02 · not liked');
    // Inside role="img" the marks are not read out (ARIA forbids them a label there): the titles say it.
    expect(svg.querySelectorAll('[aria-label]')).toHaveLength(0);
  });

  it('draws one bar per head on a shared axis, each naming its weight', () => {
    render(<BehaviourTimeline rows={rows} heads={2} domain={[0, 0.5]} />);
    const svg = screen.getByRole('img');
    const header = [...svg.querySelectorAll('g.header text')].map((t) => t.textContent);
    expect(header).toEqual([
      'recency',
      'category',
      'title',
      'liked',
      'head 1',
      '0',
      '0.50',
      'head 2',
      '0',
      '0.50',
    ]);
    const bars = screen.getAllByTestId('behaviour-bar');
    expect(bars).toHaveLength(10);
    const heat = bars.filter((b) => b.querySelector('title')?.textContent?.endsWith('— Heat'));
    expect(heat.map((b) => b.querySelector('title')?.textContent)).toEqual([
      'head 1: 0.125 — Heat',
      'head 2: 0.500 — Heat',
    ]);
    // Lengths on the shared axis: 0.5 is the full column, 0.125 a quarter of it.
    const [w1, w2] = heat.map((b) => Number(b.getAttribute('width')));
    expect(w1 / w2).toBeCloseTo(0.25, 6);
  });

  it('marks 0 on an axis that goes below it, and names a single head', () => {
    const one = rows.map((r) => ({ ...r, weights: [r.weights[0] - 0.25] }));
    render(<BehaviourTimeline rows={one} heads={1} domain={[-0.5, 0.5]} format={(v) => v.toFixed(2)} />);
    const svg = screen.getByRole('img', { name: 'Attention of 1 head over 5 past behaviours' });
    expect([...svg.querySelectorAll('.tick-label')].map((t) => t.textContent)).toEqual([
      '-0.50',
      '0.50',
      '0',
    ]);
    expect(screen.getAllByTestId('behaviour-bar')[0].querySelector('title')?.textContent).toBe(
      'head 1: -0.13 — Heat',
    );
  });

  it('draws each head’s equal-weighting line at its mean, and gives a bar’s ratio to it on hover', () => {
    render(<BehaviourTimeline rows={rows} heads={2} domain={[0, 0.5]} equal={[0.125, NaN]} />);
    // A head without an equal share (no weights) has no line.
    const lines = screen.getAllByTestId('behaviour-equal');
    expect(lines.map((l) => l.getAttribute('data-head'))).toEqual(['0']);
    const heat = screen
      .getAllByTestId('behaviour-bar')
      .filter((b) => b.querySelector('title')?.textContent?.endsWith('— Heat'));
    // Heat's head-1 bar (0.125) ends exactly on the line.
    const bar = heat[0];
    const end = Number(bar.getAttribute('x')) + Number(bar.getAttribute('width'));
    expect(Number(lines[0].getAttribute('x1'))).toBeCloseTo(end, 6);
    expect(lines[0].querySelector('title')?.textContent).toBe(
      'head 1: equal weighting would give every behaviour 0.125',
    );
    expect(heat.map((b) => b.querySelector('title')?.textContent)).toEqual([
      'head 1: 0.125 (1.00× equal) — Heat',
      'head 2: 0.500 — Heat',
    ]);
  });
});
