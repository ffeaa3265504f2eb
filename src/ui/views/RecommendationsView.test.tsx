// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecommendationsPayload } from '../../contract/explain';
import type { RecommendOutcome, RecommendRequest } from '../../engine/explainProtocol';
import { RecommendationsView } from './RecommendationsView';
import { fakeSearch } from './views.testkit';

afterEach(cleanup);

const TITLES = [
  'Heat',
  'Fargo',
  'Up',
  'Ronin',
  'Alien',
  'Brazil',
  'Cars',
  'Dune',
  'Elf',
  'Fury',
  'Gia',
  'Hook',
];

/** The first `k` of twelve items, best first, for user `user` (u7 when none was asked for). */
function recommendations(
  req: RecommendRequest,
  reasonKind: RecommendationsPayload['reasonKind'],
  scoreKind: RecommendationsPayload['scoreKind'] = 'probability',
): RecommendationsPayload {
  const user = req.user ?? 7;
  const items = TITLES.slice(0, req.k ?? 10).map((title, k) => ({
    item: 20 + k,
    key: `i${20 + k}`,
    title,
    category: '',
    score: 0.9 - 0.05 * k,
    reasons: [],
  }));
  return { runId: req.runId, user, userKey: `u${user}`, items, reasonKind, scoreKind };
}

function renderView(
  answer: (req: RecommendRequest) => Promise<RecommendOutcome>,
  selectedItem: number | null = null,
) {
  const api = {
    embeddingMap: vi.fn(),
    recommend: vi.fn(answer),
    explainGraph: vi.fn(),
    plantedVsLearned: vi.fn(),
    explainAttention: vi.fn(),
    searchExamples: fakeSearch([{ index: 3, key: 'u3', label: 'u3 · age 18-24' }], []),
  };
  const onPickUser = vi.fn();
  const onPickItem = vi.fn();
  const props = { api, runId: 1, version: '0:2:end:0', selectedItem, onPickUser, onPickItem };
  const view = render(<RecommendationsView {...props} user={null} />);
  return {
    api,
    onPickUser,
    onPickItem,
    rerender: (user: number) => view.rerender(<RecommendationsView {...props} user={user} />),
  };
}

const rowTitles = () =>
  screen.getAllByTestId('rec-row').map((tr) => within(tr).getByRole('button').textContent);

describe('RecommendationsView', () => {
  it('lists the top 10 for the first user, then the top 5 when asked, and tells which item was clicked', async () => {
    const { api, onPickItem } = renderView(async (req) => ({
      type: 'ok',
      payload: recommendations(req, 'none'),
    }));
    expect(screen.getByText('Scoring every item…')).toBeTruthy();
    const forUser = await screen.findByTestId('recs-user');
    expect(forUser.textContent).toBe('for user u7 · every item scored, the user’s training items left out');
    expect(rowTitles()).toEqual(TITLES.slice(0, 10));
    expect(api.recommend).toHaveBeenLastCalledWith({ runId: 1, user: null, k: 10 });
    expect(screen.getByText(/^This model has no attention or item graph to say why/)).toBeTruthy();

    const top = screen.getByLabelText('Top');
    expect(
      within(top)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['5', '10', '20', '50']);
    fireEvent.change(top, { target: { value: '5' } });
    await vi.waitFor(() => expect(rowTitles()).toEqual(TITLES.slice(0, 5)));
    expect(api.recommend).toHaveBeenLastCalledWith({ runId: 1, user: null, k: 5 });
    fireEvent.click(screen.getByRole('button', { name: 'Fargo' }));
    expect(onPickItem).toHaveBeenCalledWith(21, 7);
  });

  it('reads another user’s list when the shared user changes, and offers to search for one', async () => {
    const { api, onPickUser, rerender } = renderView(async (req) => ({
      type: 'ok',
      payload: recommendations(req, 'behaviours'),
    }));
    await screen.findByTestId('recs-user');
    expect(screen.queryByText(/^This model has no attention/)).toBeNull();
    rerender(3);
    await vi.waitFor(() => expect(screen.getByTestId('recs-user').textContent).toMatch(/^for user u3 /));
    expect(api.recommend).toHaveBeenLastCalledWith({ runId: 1, user: 3, k: 10 });

    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'u' } });
    fireEvent.click(await screen.findByRole('button', { name: 'u3 · age 18-24' }));
    expect(onPickUser).toHaveBeenCalledWith(3);
  });

  it('names the score by the model’s family: a ctr model’s predicted like, a top-k model’s ranking score', async () => {
    renderView(async (req) => ({ type: 'ok', payload: recommendations(req, 'none') }));
    await screen.findByTestId('recs-user');
    expect(screen.getByRole('columnheader', { name: 'Predicted like' })).toBeTruthy();
    expect(screen.queryByText(/Ranking score/)).toBeNull();
    cleanup();

    renderView(async (req) => ({ type: 'ok', payload: recommendations(req, 'neighbours', 'score') }));
    await screen.findByTestId('recs-user');
    expect(screen.getByRole('columnheader', { name: 'Ranking score' })).toBeTruthy();
    expect(screen.queryByText('Predicted like')).toBeNull();
    expect(screen.getByTestId('recs-notes').textContent).toMatch(/not a probability/);
    // No item here has a graph neighbour the user trained on: every reasons cell says so.
    expect(screen.getAllByTestId('rec-no-reasons')).toHaveLength(10);
  });

  it('highlights the item selected in the other views', async () => {
    renderView(async (req) => ({ type: 'ok', payload: recommendations(req, 'none') }), 22);
    await screen.findByTestId('recs-user');
    const current = screen
      .getAllByTestId('rec-row')
      .filter((tr) => tr.getAttribute('aria-current') === 'true');
    expect(current.map((tr) => within(tr).getByRole('button').textContent)).toEqual(['Up']);
  });

  it('says why there is no list', async () => {
    renderView(async () => ({ type: 'unavailable', runId: 1, reason: 'Train a model first.' }));
    expect((await screen.findByRole('status')).textContent).toBe('Train a model first.');
    expect(screen.queryByTestId('recs-table')).toBeNull();
  });
});
