// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingCurves } from './TrainingCurves';

afterEach(cleanup);

describe('TrainingCurves', () => {
  it('before training: both charts say what they will show', () => {
    render(<TrainingCurves loss={[]} valid={[]} epochs={5} />);
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
    render(<TrainingCurves loss={loss} valid={valid} epochs={3} />);
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
    render(<TrainingCurves loss={[]} valid={[]} validCurves={validCurves} lossLabel="BPR loss" epochs={2} />);
    expect(screen.getByRole('img', { name: 'Training loss: BPR loss by Epoch' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Validation: Recall@20 / NDCG@20 by Epoch' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Recall@20', 'NDCG@20']);
  });
});
