// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkData, type DataShape } from '../models/dataCheck';
import { REGISTRY } from '../models/registry';
import { RunButtons } from './RunButtons';

afterEach(cleanup);

const activity = (max: number): DataShape['userActivity'] => ({
  min: 1,
  median: 1,
  max,
  mean: 1,
  zeros: 0,
  binStarts: [1],
  binCounts: [4],
});
/** Ratings alone: no modalities, users with several interactions. */
const ratingsOnly: DataShape = { modalities: [], userActivity: activity(12) };
/** One interaction per user: no behaviour sequences. */
const onePerUser: DataShape = { modalities: [{ name: 'visual', dim: 8 }], userActivity: activity(1) };

function renderButtons(modelId: string, data: DataShape, canTrain = true) {
  const onTrain = vi.fn();
  const check = checkData(REGISTRY.get(modelId)!, data);
  render(
    <RunButtons
      check={check}
      canTrain={canTrain}
      active={false}
      paused={false}
      onTrain={onTrain}
      onPauseOrResume={() => {}}
      onStop={() => {}}
    />,
  );
  return { onTrain, train: screen.getByRole('button', { name: 'Train' }) };
}

describe('RunButtons', () => {
  it('warns before tmfun trains on ratings alone, and still trains', () => {
    const { onTrain, train } = renderButtons('tmfun', ratingsOnly);
    const note = screen.getByTestId('data-check');
    expect(note.textContent).toBe(
      'tmfun: these data have no item modalities (feature vectors), so it trains without its modality graphs ' +
        'and fusion, like LightGCN.',
    );
    expect(note.getAttribute('data-level')).toBe('warn');
    expect(train.getAttribute('aria-describedby')).toBe(note.id);
    expect((train as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(train);
    expect(onTrain).toHaveBeenCalledTimes(1);
  });

  it('refuses din without behaviour sequences: the reason shows and Train is disabled', () => {
    const { onTrain, train } = renderButtons('din', onePerUser);
    const note = screen.getByTestId('data-check');
    expect(note.getAttribute('data-level')).toBe('refuse');
    expect(note.textContent).toMatch(/^din cannot train on these data: it needs behaviour sequences/);
    expect(train.getAttribute('aria-describedby')).toBe(note.id);
    expect((train as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(train);
    expect(onTrain).not.toHaveBeenCalled();
  });

  it('says nothing when the data have what the model reads', () => {
    const { train } = renderButtons('lightgcn', ratingsOnly);
    expect(screen.queryByTestId('data-check')).toBeNull();
    expect(train.hasAttribute('aria-describedby')).toBe(false);
    expect((train as HTMLButtonElement).disabled).toBe(false);
  });

  it('keeps Train disabled without data or during a run, whatever the check says', () => {
    const { train } = renderButtons('tmfun', ratingsOnly, false);
    expect((train as HTMLButtonElement).disabled).toBe(true);
  });
});
