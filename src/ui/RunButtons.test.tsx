// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunButtons } from './RunButtons';
import type { RunState } from './runState';

afterEach(cleanup);

const noop = vi.fn();
const buttons = (status: RunState['status']) => (
  <RunButtons
    status={status}
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

describe('RunButtons', () => {
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
