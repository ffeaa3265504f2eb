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
  scoreKind: 'probability',
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
      ['3', 'Animation Toy Story (i5)', '0.228', '—'],
    ]);
    // A ctr model's score is the probability of a like, said on hover; an empty reasons cell says why.
    expect(screen.getByRole('columnheader', { name: 'Predicted like' }).getAttribute('title')).toBe(
      'The predicted probability that this user likes the item',
    );
    expect(screen.getByTestId('rec-no-reasons').getAttribute('title')).toBe(
      'This user has no past items to attend to',
    );
    expect(screen.queryByTestId('recs-notes')).toBeNull();
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

  it('a top-k model: a ranking score, not a probability, and graph neighbours whose absence is explained', () => {
    const topk: RecommendationsPayload = {
      ...payload,
      reasonKind: 'neighbours',
      scoreKind: 'score',
      neighboursSearched: 20,
      items: [
        { ...payload.items[0], score: 12.2 },
        { ...payload.items[1], score: 1.15, reasons: [] },
        { ...payload.items[2], score: -0.5, reasons: [] },
      ],
    };
    render(<RecommendationList payload={topk} />);
    const heads = screen.getAllByRole('columnheader');
    expect(heads.map((th) => th.textContent)).toEqual(['#', 'Item', 'Ranking score', 'Near (item graph)']);
    expect(heads[2].getAttribute('title')).toBe('Ranking score: higher ranks first; not a probability');
    expect(screen.queryByText('Predicted like')).toBeNull();
    expect(bodyRows()).toEqual([
      ['1', 'Action Heat (i3)', '12.200', 'Ronin 0.412 | Fargo 0.200'],
      ['2', 'i8', '1.150', '—'],
      ['3', 'Animation Toy Story (i5)', '-0.500', '—'],
    ]);
    const why = 'None of its 20 nearest items in the item graph is one this user trained on';
    expect(screen.getAllByTestId('rec-no-reasons').map((a) => a.getAttribute('title'))).toEqual([why, why]);
    // Bars in proportion to the top score; a negative score has none.
    const bars = [...document.querySelectorAll<HTMLElement>('.score-bar')].map((b) =>
      parseFloat(b.style.width),
    );
    expect(bars[0]).toBe(60);
    expect(bars[1]).toBeCloseTo((60 * 1.15) / 12.2, 4);
    expect(bars[2]).toBe(0);
    // Both explained once, under the table.
    const notes = screen.getByTestId('recs-notes');
    expect([...notes.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' '))).toEqual([
      'Ranking score: how the model orders items for this user, on its own scale (a dot product of user and item embeddings, a sum of item–item weights, or a count of interactions): higher ranks first; it is not a probability of a like.',
      'Near (item graph): the item’s nearest items in the model’s item graph that this user trained on, with the edge weight; “—” where none of its 20 nearest items is one they trained on.',
    ]);
  });

  it('a top-k model without reasons: the score note only', () => {
    render(<RecommendationList payload={{ ...payload, reasonKind: 'none', scoreKind: 'score' }} />);
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      '#',
      'Item',
      'Ranking score',
    ]);
    expect(screen.getByTestId('recs-notes').textContent).toMatch(/^Ranking score: .* not a probability/);
  });

  it('gives attention reasons as ratios to equal weighting, and says when nothing stands out', () => {
    const fields: RecommendationsPayload = {
      ...payload,
      reasonKind: 'fields',
      reasonMargin: 1.25,
      items: [
        {
          ...payload.items[0],
          reasons: [
            { label: 'age=25 × category=Comedy', weight: 0.0412, ratio: 2.266 },
            { label: 'age=25 × gender=F', weight: 0.0231, ratio: 1.2705 },
          ],
        },
        { ...payload.items[1], reasons: [] },
      ],
    };
    const { rerender } = render(<RecommendationList payload={fields} />);
    expect(bodyRows().map((r) => r[3])).toEqual([
      'age=25 × category=Comedy 2.3× | age=25 × gender=F 1.3×',
      'no field stands out',
    ]);
    expect(screen.getByText('age=25 × category=Comedy').closest('li')?.getAttribute('title')).toBe(
      'age=25 × category=Comedy: weight 0.0412, 2.27× its equal share',
    );
    expect(screen.getByTestId('rec-no-reasons').getAttribute('title')).toMatch(
      /about uniform for this item: no field or pair weighs 1.25× its equal share/,
    );
    expect(screen.getByTestId('recs-reason-note').textContent?.replace(/\s+/g, ' ')).toMatch(
      /weight over its equal share \(1\/n of the n fields or field pairs attended\); only fields and pairs at 1.25× or more/,
    );
    // Behaviours: the history's length tells "nothing stands out" from "nothing to attend to".
    rerender(<RecommendationList payload={{ ...fields, reasonKind: 'behaviours', historyLength: 14 }} />);
    expect(screen.getByTestId('rec-no-reasons').textContent).toBe('no past item stands out');
    expect(screen.getByTestId('rec-no-reasons').getAttribute('title')).toMatch(
      /weighs this user's 14 past items about equally/,
    );
    rerender(<RecommendationList payload={{ ...fields, reasonKind: 'behaviours', historyLength: 0 }} />);
    expect(screen.getByTestId('rec-no-reasons').getAttribute('title')).toBe(
      'This user has no past items to attend to',
    );
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
