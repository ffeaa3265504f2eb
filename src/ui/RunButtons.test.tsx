// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkData, type DataShape } from '../models/dataCheck';
import { REGISTRY } from '../models/registry';
import { RunButtons } from './RunButtons';
import type { RunState } from './runState';

afterEach(cleanup);

const noop = vi.fn();
const buttons = (status: RunState['status']) => (
  <RunButtons
    status={status}
    check={null}
    canTrain={status === 'idle' || status === 'done' || status === 'stopped'}
    onTrain={noop}
    onPauseOrResume={noop}
    onStop={noop}
  />
);

function renderWithInput() {
  const view = render(
    <>
      <input aria-label="Epochs" />
      {buttons('idle')}
    </>,
  );
  const rerender = (status: RunState['status']) =>
    view.rerender(
      <>
        <input aria-label="Epochs" />
        {buttons(status)}
      </>,
    );
  return { rerender };
}

const button = (name: string) => screen.getByRole('button', { name });

describe('RunButtons keep keyboard focus', () => {
  it('moves focus from Train to Pause as the run starts, and back to Train as it ends', () => {
    const { rerender } = renderWithInput();
    button('Train').focus();
    rerender('training');
    expect(button('Train')).toHaveProperty('disabled', true);
    expect(document.activeElement).toBe(button('Pause'));
    rerender('paused'); // Pause becomes Resume, the same button: focus stays
    expect(document.activeElement).toBe(button('Resume'));
    rerender('done');
    expect(document.activeElement).toBe(button('Train'));
  });

  it('holds focus on the group while Stop disables every button, then gives it to Train', () => {
    const { rerender } = renderWithInput();
    rerender('training');
    button('Stop').focus();
    rerender('stopping');
    const group = screen.getByRole('group', { name: 'Run' });
    expect(document.activeElement).toBe(group);
    rerender('stopping'); // a progress report while stopping: still on the group
    expect(document.activeElement).toBe(group);
    rerender('stopped');
    expect(document.activeElement).toBe(button('Train'));
  });

  it('leaves focus the user moved elsewhere where it is', () => {
    const { rerender } = renderWithInput();
    const input = screen.getByLabelText('Epochs');
    button('Train').focus();
    input.focus();
    rerender('training');
    expect(document.activeElement).toBe(input);

    // Focus let go to nowhere from an enabled button (a click on the page) is not taken back either.
    button('Pause').focus();
    button('Pause').blur();
    rerender('done');
    expect(document.activeElement).toBe(document.body);
  });
});

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
      status="idle"
      check={check}
      canTrain={canTrain}
      onTrain={onTrain}
      onPauseOrResume={() => {}}
      onStop={() => {}}
    />,
  );
  return { onTrain, train: screen.getByRole('button', { name: 'Train' }) };
}

describe('RunButtons show the data check', () => {
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
