// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { epochAxisEnd, TrainingCurves } from './TrainingCurves';

afterEach(cleanup);

describe('TrainingCurves', () => {
  it('before training: both charts say what they will show', () => {
    render(<TrainingCurves loss={[]} valid={[]} budget={5} live={false} />);
    expect(screen.getByRole('img', { name: 'Training loss: Binary cross-entropy by Epoch' })).toBeTruthy();
    expect(screen.getByText('Press Train to start')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Validation: AUC by Epoch' })).toBeTruthy();
    expect(screen.getByText('Measured after each epoch')).toBeTruthy();
  });

  it('plots the loss and AUC / GAUC per epoch', () => {
    const loss = [0.25, 0.5, 1, 1.5, 2].map((x, k) => ({ x, y: 0.7 - 0.05 * k }));
    const valid = [
      { epoch: 1, auc: 0.7, gauc: 0.61 },
      { epoch: 2, auc: 0.74, gauc: 0.65 },
    ];
    render(<TrainingCurves loss={loss} valid={valid} budget={3} live={false} />);
    expect(screen.queryByText('Press Train to start')).toBeNull();
    const validation = screen.getByTestId('auc-chart');
    expect([...validation.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['AUC', 'GAUC']);
    expect([...validation.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual([
      'AUC at epoch 1: 0.700',
      'AUC at epoch 2: 0.740',
      'GAUC at epoch 1: 0.610',
      'GAUC at epoch 2: 0.650',
    ]);
  });

  it('names a top-k run’s own loss and validation metrics', () => {
    const validCurves = {
      yLabel: 'Recall@20 / NDCG@20',
      series: [
        { name: 'Recall@20', points: [{ x: 1, y: 0.1 }] },
        { name: 'NDCG@20', points: [{ x: 1, y: 0.05 }] },
      ],
    };
    render(
      <TrainingCurves
        loss={[]}
        valid={[]}
        validCurves={validCurves}
        lossLabel="BPR loss"
        budget={2}
        live={false}
      />,
    );
    expect(screen.getByRole('img', { name: 'Training loss: BPR loss by Epoch' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Validation: Recall@20 / NDCG@20 by Epoch' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Recall@20', 'NDCG@20']);
  });

  it('a 2-epoch run: both axes 0, 1, 2, epoch 2’s validation where its loss ends; no half epochs', () => {
    const loss = [0.5, 1, 1.5, 2].map((x) => ({ x, y: 0.6 }));
    const valid = [1, 2].map((epoch) => ({ epoch, auc: 0.7, gauc: 0.6 }));
    const { rerender } = render(<TrainingCurves loss={loss} valid={valid} budget={2} live={false} />);
    expect(xTicks('loss-chart')).toEqual(['0', '1', '2']);
    expect(xTicks('auc-chart')).toEqual(['0', '1', '2']);
    const lastDot = screen.getByTestId('auc-chart').querySelectorAll('[data-series="AUC"] circle')[1];
    const tick2 = xTickGroups('auc-chart')[2].getAttribute('transform');
    expect(tick2).toMatch(new RegExp(`^translate\\(${lastDot.getAttribute('cx')},`));
    // One epoch: 0 and 1, still no half.
    rerender(<TrainingCurves loss={loss.slice(0, 2)} valid={valid.slice(0, 1)} budget={1} live={false} />);
    expect(xTicks('loss-chart')).toEqual(['0', '1']);
  });

  it('10 epochs of a 200-epoch top-k run: the axis follows the run, not the budget', () => {
    const recall = (n: number) => ({
      yLabel: 'Recall@20 / NDCG@20',
      series: [{ name: 'Recall@20', points: range(n).map((e) => ({ x: e, y: 0.01 * e })) }],
    });
    const loss = (upTo: number) => range(upTo * 4).map((k) => ({ x: k / 4, y: 0.7 - 0.001 * k }));
    const curves = (props: { n: number; lossTo: number; live: boolean }) => (
      <TrainingCurves
        loss={loss(props.lossTo)}
        valid={[]}
        validCurves={recall(props.n)}
        lossLabel="BPR loss"
        budget={200}
        live={props.live}
      />
    );
    // Stopped after epoch 10: 0 to 10, every epoch a tick.
    const { rerender } = render(curves({ n: 10, lossTo: 10, live: false }));
    const tenEpochs = range(11).map((e) => String(e - 1));
    expect(xTicks('loss-chart')).toEqual(tenEpochs);
    expect(xTicks('auc-chart')).toEqual(tenEpochs);
    // Still training, in epoch 10: up to 10 as well (the next of 2, 5, 10, 20, …).
    rerender(curves({ n: 9, lossTo: 9.5, live: true }));
    expect(xTicks('loss-chart')).toEqual(tenEpochs);
    // In epoch 11: up to 20, in steps of 2.
    rerender(curves({ n: 10, lossTo: 10.25, live: true }));
    expect(xTicks('loss-chart')).toEqual(range(11).map((k) => String(2 * (k - 1))));
    expect(xTicks('auc-chart')).toEqual(range(11).map((k) => String(2 * (k - 1))));
  });
});

/** 1, 2, …, n. */
const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);

/** A chart's x tick labels, left to right. */
function xTicks(testId: string): string[] {
  return [...xTickGroups(testId)].map((g) => g.textContent ?? '');
}

const xTickGroups = (testId: string) => screen.getByTestId(testId).querySelectorAll('[data-axis="x"]');

describe('epochAxisEnd', () => {
  it('a finished run ends at the epochs it ran, a stopped one at the epoch it was in', () => {
    expect(epochAxisEnd(2, 200, false)).toBe(2);
    expect(epochAxisEnd(10.4, 200, false)).toBe(11);
  });

  it('a live run ends at the next of 2, 5, 10, 20, 50, … past the epoch in progress, at most the budget', () => {
    const ends = [0, 0.5, 1, 2.5, 4.9, 5, 9.2, 10, 49, 50, 120].map((x) => epochAxisEnd(x, 200, true));
    expect(ends).toEqual([2, 2, 2, 5, 5, 10, 10, 20, 50, 100, 200]);
    expect(epochAxisEnd(3.5, 7, true)).toBe(5);
    expect(epochAxisEnd(5.5, 7, true)).toBe(7);
    expect(epochAxisEnd(0, 1, true)).toBe(1);
  });

  it('before a run (no points) it shows where a run starts', () => {
    expect(epochAxisEnd(0, 200, false)).toBe(2);
    expect(epochAxisEnd(0, Number.NaN, false)).toBe(2);
  });
});
