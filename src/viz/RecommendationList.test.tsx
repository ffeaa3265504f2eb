// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecommendationsPayload } from '../contract/explain';
import { RecommendationList } from './RecommendationList';

afterEach(cleanup);

const payload: RecommendationsPayload = {
  runId: 1,
  user: 7,
  userKey: 'u7',
  reasonKind: 'behaviours',
  items: [
    {
      item: 3,
      key: 'i3',
      title: 'Heat',
      category: 'Action',
      categoryToken: 1,
      score: 0.912,
      reasons: [
        { label: 'Ronin', weight: 0.41234 },
        { label: 'Fargo', weight: 0.2 },
      ],
    },
    { item: 8, key: 'i8', title: 'i8', category: '', score: 0.456, reasons: [{ label: 'Up', weight: 0.3 }] },
    { item: 5, key: 'i5', title: 'Toy Story', category: 'Animation', score: 0.228, reasons: [] },
  ],
};

/** A cell as a person reads it: a list of reasons as its items joined by " | ". */
function cellText(td: Element): string {
  const items = [...td.querySelectorAll('li')];
  const text = items.length > 0 ? items.map((li) => li.textContent).join(' | ') : (td.textContent ?? '');
  return text.trim().replace(/\s+/g, ' ');
}

const bodyRows = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [...tr.querySelectorAll('td')].map(cellText));

describe('RecommendationList', () => {
  it('ranks the items best first with category, title, key, predicted like and reasons', () => {
    render(<RecommendationList payload={payload} />);
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      '#',
      'Item',
      'Predicted like',
      'Because of (behaviour attention)',
    ]);
    expect(bodyRows()).toEqual([
      ['1', 'Action Heat (i3)', '0.912', 'Ronin 0.412 | Fargo 0.200'],
      ['2', 'i8', '0.456', 'Up 0.300'],
      ['3', 'Animation Toy Story (i5)', '0.228', ''],
    ]);
    // A reason's exact weight on hover.
    expect(screen.getByText('Ronin').closest('li')?.getAttribute('title')).toBe('Ronin: 0.4123');
    // Without onPick the titles are plain text.
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('names the reasons by kind, and has no reasons column when the model has none', () => {
    const { rerender } = render(<RecommendationList payload={{ ...payload, reasonKind: 'neighbours' }} />);
    expect(screen.getByRole('columnheader', { name: 'Near (item graph)' })).toBeTruthy();
    rerender(<RecommendationList payload={{ ...payload, reasonKind: 'fields' }} />);
    expect(screen.getByRole('columnheader', { name: 'Driven by (field attention)' })).toBeTruthy();
    rerender(<RecommendationList payload={{ ...payload, reasonKind: 'none' }} />);
    expect(screen.getAllByRole('columnheader')).toHaveLength(3);
    expect(screen.queryByText('Ronin')).toBeNull();
  });

  it('marks the item selected elsewhere as current, and tells which title was clicked', () => {
    const onPick = vi.fn();
    render(<RecommendationList payload={payload} onPick={onPick} selected={5} />);
    const current = screen.getAllByRole('row').filter((tr) => tr.getAttribute('aria-current') === 'true');
    expect(current.map((tr) => within(tr).getByRole('button').textContent)).toEqual(['Toy Story']);
    expect(current[0].className).toBe('picked');
    fireEvent.click(screen.getByRole('button', { name: 'Heat' }));
    expect(onPick).toHaveBeenCalledWith(3);
  });

  it('says why the list is empty', () => {
    render(<RecommendationList payload={{ ...payload, items: [] }} />);
    expect(
      screen.getByText('No items left to recommend: this user has seen them all in training.'),
    ).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
