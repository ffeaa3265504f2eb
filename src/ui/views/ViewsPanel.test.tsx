// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttentionOutcome } from '../../engine/protocol';
import { stubCanvas } from '../../viz/canvas.testkit';
import { IDLE_RUN, type RunState } from '../runState';
import { ViewsPanel } from './ViewsPanel';
import { fakeSearch, fieldExplanation } from './views.testkit';
import type { CtrEpochReport } from '../../engine/train/ctr';

const epoch: CtrEpochReport = {
  epoch: 1,
  trainLoss: 0.5,
  valid: { auc: 0.7, gauc: 0.6, logloss: 0.6 },
  trainSeconds: 10,
  evalSeconds: 1,
  rowsPerSec: 1000,
};

/** An amfr run, training, after `epochs` epochs. */
function amfrRun(epochs: number): RunState {
  const reports = epochs > 0 ? [epoch] : [];
  const record = { runId: 1, modelId: 'amfr', modelConfig: {}, trainConfig: {}, status: 'training' as const };
  return {
    ...IDLE_RUN,
    runId: 1,
    modelId: 'amfr',
    status: 'training',
    epochs: reports,
    runs: [{ ...record, epochs: reports, result: null }],
  };
}

function fakeApi(inspect: () => Promise<AttentionOutcome> = async () => fieldExplanation()) {
  return {
    explainAttention: vi.fn(inspect),
    searchExamples: fakeSearch([], []),
    embeddingMap: vi.fn(async () => ({ type: 'unavailable' as const, runId: 1, reason: 'No map here.' })),
    recommend: vi.fn(async () => ({ type: 'unavailable' as const, runId: 1, reason: 'No list here.' })),
    explainGraph: vi.fn(async () => ({ type: 'unavailable' as const, runId: 1, reason: 'No graph here.' })),
    plantedVsLearned: vi.fn(async () => ({
      type: 'unavailable' as const,
      runId: 1,
      reason: 'No truth here.',
    })),
  };
}

const tabs = () =>
  screen
    .getAllByRole('tab')
    .map((t) => `${t.textContent}${t.getAttribute('aria-selected') === 'true' ? ' *' : ''}`);

beforeEach(() => {
  stubCanvas();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ViewsPanel', () => {
  it('before any model: only the run comparison, and which models have which views', async () => {
    render(<ViewsPanel api={fakeApi()} run={IDLE_RUN} dataset="d1" />);
    expect(tabs()).toEqual(['Run comparison *']);
    expect(
      screen.getByText(
        'Train autoint or amfr to see its attention heads, din or mmdin for behaviour attention, tmfun for its modality graphs.',
      ),
    ).toBeTruthy();
    // The view loads on first show (lazyViews.ts): a line says so meanwhile.
    expect(within(screen.getByRole('tabpanel')).getByTestId('view-loading')).toBeTruthy();
    expect(await within(screen.getByRole('tabpanel')).findByTestId('runs-empty')).toBeTruthy();
  });

  it('waits for the first epoch, or explains at once on request', async () => {
    const api = fakeApi();
    render(<ViewsPanel api={api} run={amfrRun(0)} dataset="d1" />);
    expect(tabs()).toEqual(['Attention heads *', 'Embedding map', 'Recommendations', 'Run comparison']);
    expect(
      screen.getByText('Attention shows after the first epoch; press Explain now to look mid-epoch.'),
    ).toBeTruthy();
    expect(api.explainAttention).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Explain now' }));
    expect(await screen.findByTestId('attention-view')).toBeTruthy();
    expect(api.explainAttention).toHaveBeenCalledWith({ runId: 1, user: null, item: null });
    expect(screen.getByTestId('attention-meta').textContent).toBe(' after epoch 0 · 12 ms');
    expect(screen.getByTestId('example-picker').textContent).toMatch(/^User u4 × item i9 “Fargo”/);
  });

  it('after an epoch: inspects the shared example, and other tabs read their own endpoints', async () => {
    const api = fakeApi();
    const onViewChange = vi.fn();
    render(
      <ViewsPanel
        api={api}
        run={amfrRun(1)}
        dataset="d1"
        selection={{ user: 3, item: 5 }}
        onViewChange={onViewChange}
      />,
    );
    expect(await screen.findByTestId('attention-view')).toBeTruthy();
    expect(api.explainAttention).toHaveBeenCalledWith({ runId: 1, user: 3, item: 5 });
    fireEvent.click(screen.getByRole('tab', { name: 'Recommendations' }));
    expect(onViewChange).toHaveBeenCalledWith('recommend');
    expect(tabs()).toEqual(['Attention heads', 'Embedding map', 'Recommendations *', 'Run comparison']);
    expect((await screen.findByRole('status')).textContent).toBe('No list here.');
    expect(api.recommend).toHaveBeenCalledWith({ runId: 1, user: 3, k: 10 });
  });

  it('says why there is no explanation', async () => {
    const api = fakeApi(async () => ({
      type: 'unavailable',
      runId: 1,
      reason: 'The data changed: train again.',
    }));
    render(<ViewsPanel api={api} run={amfrRun(1)} dataset="d1" />);
    expect((await screen.findByRole('status')).textContent).toBe('The data changed: train again.');
    expect(screen.queryByTestId('attention-view')).toBeNull();
  });

  it('shows a chosen tab only once there is a model to read, and follows the tab from the share link', () => {
    const { rerender } = render(
      <ViewsPanel api={fakeApi()} run={amfrRun(0)} dataset="d1" view="embedding" />,
    );
    expect(tabs()).toEqual(['Attention heads', 'Embedding map *', 'Recommendations', 'Run comparison']);
    expect(screen.getByText('This view shows after the first epoch.')).toBeTruthy();
    // A tab the model lacks falls back to its first one.
    rerender(<ViewsPanel api={fakeApi()} run={amfrRun(0)} dataset="d1" view="behaviour" />);
    expect(tabs()[0]).toBe('Attention heads *');
  });
});
