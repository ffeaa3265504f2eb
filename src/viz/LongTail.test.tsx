// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CountDistribution } from '../contract/explain';
import { LongTail } from './LongTail';

afterEach(cleanup);

const dist = (binCounts: number[], median: number, max: number): CountDistribution => ({
  min: 0,
  median,
  max,
  mean: median,
  zeros: 1,
  binStarts: binCounts.map((_, k) => 2 ** k),
  binCounts,
});

const barTitles = (svg: Element) => [...svg.querySelectorAll('rect title')].map((t) => t.textContent);

describe('LongTail', () => {
  it('has one bar per non-empty bucket of users and of items, each saying what it counts', () => {
    render(<LongTail users={dist([5, 3, 1], 2, 5)} items={dist([10, 0, 2, 1], 1, 9)} />);
    const svg = screen.getByRole('img', { name: 'Histogram of interactions per user and per item' });
    expect(barTitles(svg)).toEqual([
      '5 users with 1–1 interactions',
      '3 users with 2–3 interactions',
      '1 users with 4–7 interactions',
      '10 items with 1–1 interactions',
      '2 items with 4–7 interactions',
      '1 items with 8–15 interactions',
    ]);
    expect([...svg.querySelectorAll('.tick-label')].map((t) => t.textContent)).toEqual(['1', '2', '4', '8']);
    // The count axis is logarithmic: powers of ten only.
    expect([...svg.querySelectorAll('.tick text')].map((t) => t.textContent)).toEqual(['1', '10']);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'users (median 2, max 5)',
      'items (median 1, max 9)',
    ]);
  });

  it('labels every other bucket of a long tail, thousands as k', () => {
    const counts = [2500, 900, 400, 100, 50, 20, 10, 5, 3, 2, 1];
    render(<LongTail users={dist(counts, 2, 1500)} items={dist([1], 1, 1)} />);
    const svg = screen.getByRole('img');
    expect([...svg.querySelectorAll('.tick-label')].map((t) => t.textContent)).toEqual([
      '1',
      '4',
      '16',
      '64',
      '256',
      '1k',
    ]);
    expect([...svg.querySelectorAll('.tick text')].map((t) => t.textContent)).toEqual([
      '1',
      '10',
      '100',
      '1k',
    ]);
    expect(barTitles(svg)[0]).toBe('2,500 users with 1–1 interactions');
  });
});
