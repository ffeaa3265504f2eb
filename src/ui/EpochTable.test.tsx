// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CtrEpochReport } from '../engine/train/ctr';
import type { TopkEpochReport, TopkTrainResult } from '../engine/train/topk';
import { EpochTable } from './EpochTable';
import { IDLE_RUN, type RunState } from './runState';

afterEach(cleanup);

const ctrEpoch = (n: number, auc: number): CtrEpochReport => ({
  epoch: n,
  trainLoss: 0.6 - n / 100,
  valid: { auc, gauc: auc - 0.1, logloss: 0.55 },
  trainSeconds: 2,
  evalSeconds: 1,
  rowsPerSec: 1000,
});
const topkValid = (r20: number) => ({
  ks: [10, 20],
  numUsers: 5,
  values: { recall: [r20 / 2, r20], ndcg: [r20 / 4, r20 / 3], hit: [0.3, 0.4] },
});
const topkEpoch = (n: number, r20: number): TopkEpochReport => ({
  epoch: n,
  trainLoss: 0.4,
  valid: topkValid(r20),
  trainSeconds: 3,
  evalSeconds: 0.5,
  rowsPerSec: 800,
});

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);

describe('EpochTable', () => {
  it('shows a ctr run’s validation AUC, GAUC and logloss per epoch, the best marked, and its test AUC in bold', () => {
    const epochs = [ctrEpoch(1, 0.71), ctrEpoch(2, 0.74)];
    const run: RunState = {
      ...IDLE_RUN,
      status: 'done',
      epochs,
      result: {
        epochs,
        bestEpoch: 2,
        valid: epochs[1].valid,
        test: { auc: 0.7312, gauc: 0.65, logloss: 0.56 },
        stopped: false,
        stoppedEarly: false,
        rowsPerSec: 1000,
        msPerEpoch: 2000,
        peakTensors: 3,
      },
    };
    const { container } = render(<EpochTable run={run} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Epoch',
      'Train loss',
      'Valid AUC',
      'Valid GAUC',
      'Valid logloss',
      'Train time',
    ]);
    const rows = screen.getAllByRole('row').slice(1);
    expect(cells(rows[1])?.slice(0, 3)).toEqual(['2', '0.5800', '0.7400']);
    expect(container.querySelector('tr.best td')?.textContent).toBe('2');
    const test = screen.getByTestId('test-result');
    expect(test.textContent).toBe('Test (weights of epoch 2): AUC 0.7312 · GAUC 0.6500 · logloss 0.5600');
    expect(test.querySelector('strong')?.textContent).toBe('0.7312');
  });

  it('shows a top-k run’s Recall and NDCG per epoch with eval time, and its test line with R@20 in bold', () => {
    const result: TopkTrainResult = {
      epochs: [],
      bestEpoch: 1,
      valid: topkValid(0.2),
      test: { ...topkValid(0.18), ks: [10, 20], values: { ...topkValid(0.18).values } },
      stopped: false,
      stoppedEarly: false,
      rowsPerSec: 800,
      msPerEpoch: 3000,
      peakTensors: 3,
    };
    const run: RunState = { ...IDLE_RUN, status: 'done', topk: { epochs: [topkEpoch(1, 0.2)], result } };
    render(<EpochTable run={run} />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Epoch',
      'Train loss (BPR)',
      'Valid R@10',
      'Valid R@20',
      'Valid N@10',
      'Valid N@20',
      'Train time',
      'Eval time',
    ]);
    const test = screen.getByTestId('test-result');
    expect(test.textContent).toMatch(
      /^Test \(weights of epoch 1, full ranking, training items masked\): R@10 0\.0900 · R@20 0\.1800/,
    );
    expect(test.querySelector('strong')?.textContent).toBe('0.1800');
  });

  it('shows a model that trains nothing (pop) by its test line alone, and nothing before any epoch', () => {
    const result: TopkTrainResult = {
      epochs: [],
      bestEpoch: 0,
      valid: topkValid(0.1),
      test: topkValid(0.1),
      stopped: false,
      stoppedEarly: false,
      rowsPerSec: 0,
      msPerEpoch: 0,
      peakTensors: 0,
    };
    const { rerender } = render(<EpochTable run={{ ...IDLE_RUN, topk: { epochs: [], result } }} />);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByTestId('test-result').textContent).toMatch(/^Test \(no training, full ranking/);
    rerender(<EpochTable run={IDLE_RUN} />);
    expect(screen.queryByTestId('test-result')).toBeNull();
  });

  it('says after which epoch a stopped run was scored, and that one stopped before any epoch has no score', () => {
    const epochs = [ctrEpoch(1, 0.71), ctrEpoch(2, 0.7)];
    const result = {
      epochs,
      bestEpoch: 1,
      valid: epochs[0].valid,
      test: { auc: 0.705, gauc: 0.6, logloss: 0.57 },
      stopped: true,
      stoppedEarly: false,
      rowsPerSec: 1000,
      msPerEpoch: 2000,
      peakTensors: 3,
    };
    const { rerender } = render(<EpochTable run={{ ...IDLE_RUN, status: 'stopped', epochs, result }} />);
    expect(screen.getByTestId('test-result').textContent).toMatch(
      /^Test \(stopped after epoch 2; weights of epoch 1\): AUC 0\.7050/,
    );
    const none = { ...result, epochs: [], bestEpoch: 0, valid: null, test: null };
    rerender(<EpochTable run={{ ...IDLE_RUN, status: 'stopped', epochs: [], result: none }} />);
    expect(screen.getByTestId('test-result').textContent).toBe(
      'Stopped before the first epoch ended: no test score.',
    );
  });
});
