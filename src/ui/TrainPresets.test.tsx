// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { protocolTrainDefaults, quickTrainDefaults } from '../engine/train/config';
import { TrainPresets } from './TrainPresets';

afterEach(cleanup);

const TOPK = { family: 'topk' } as const;

const pressed = () =>
  screen
    .getAllByRole('button')
    .filter((b) => b.getAttribute('aria-pressed') === 'true')
    .map((b) => b.textContent);

describe('TrainPresets', () => {
  it('presses the preset the settings are on, neither once one is changed, and picks one on click', () => {
    const onPick = vi.fn();
    const { rerender } = render(
      <TrainPresets model={TOPK} values={quickTrainDefaults(TOPK)} disabled={false} onPick={onPick} />,
    );
    expect(pressed()).toEqual(['Quick start']);
    rerender(
      <TrainPresets model={TOPK} values={protocolTrainDefaults('topk')} disabled={false} onPick={onPick} />,
    );
    expect(pressed()).toEqual(['Paper protocol']);
    expect(screen.getByRole('button', { name: 'Paper protocol' }).getAttribute('title')).toMatch(
      /P2\): up to 200 epochs, stopping after 20/,
    );
    rerender(
      <TrainPresets
        model={TOPK}
        values={{ ...protocolTrainDefaults('topk'), learningRate: 0.02 }}
        disabled={false}
        onPick={onPick}
      />,
    );
    expect(pressed()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Quick start' }));
    expect(onPick).toHaveBeenCalledWith('quick');
  });

  it('takes a slow model’s own quick start over its family’s, and says so on hover', () => {
    const slow = { family: 'ctr', quickTrain: { epochs: 4 } } as const;
    render(<TrainPresets model={slow} values={quickTrainDefaults(slow)} disabled={false} onPick={vi.fn()} />);
    expect(pressed()).toEqual(['Quick start']);
    expect(screen.getByRole('button', { name: 'Quick start' }).getAttribute('title')).toMatch(
      /up to 4 epochs/,
    );
  });

  it('is disabled while a run trains', () => {
    render(<TrainPresets model={{ family: 'ctr' }} values={{}} disabled onPick={vi.fn()} />);
    for (const b of screen.getAllByRole('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });
});
