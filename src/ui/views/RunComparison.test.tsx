// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TopkEpochReport } from '../../engine/train/topk';
import type { RunRecord } from '../runState';
import { RunComparison } from './RunComparison';
import type { CtrEpochReport, CtrTrainResult } from '../../engine/train/ctr';

afterEach(cleanup);

const epoch = (n: number, auc: number): CtrEpochReport => ({
  epoch: n,
  trainLoss: 0.5,
  valid: { auc, gauc: auc - 0.1, logloss: 0.6 },
  trainSeconds: 10,
  evalSeconds: 1,
  rowsPerSec: 1000,
});
const result = (auc: number): CtrTrainResult => ({
  epochs: [],
  bestEpoch: 2,
  test: { auc, gauc: auc - 0.1, logloss: 0.5 },
  valid: null,
  stoppedEarly: false,
  msPerEpoch: 0,
  stopped: false,
  rowsPerSec: 1000,
  peakTensors: 0,
});

/** amfr with 3 epochs (best AUC 0.8 at epoch 2, test 0.81). */
const first: RunRecord = {
  runId: 1,
  modelId: 'amfr',
  modelConfig: {},
  trainConfig: { epochs: 3 },
  status: 'done',
  epochs: [epoch(1, 0.7), epoch(2, 0.8), epoch(3, 0.75)],
  result: result(0.81),
};
/** amfr without pair attention and larger batches, failed after one epoch. */
const second: RunRecord = {
  runId: 2,
  modelId: 'amfr',
  modelConfig: { useExternal: false },
  trainConfig: { epochs: 3, batchSize: 512 },
  status: 'error',
  epochs: [epoch(1, 0.72)],
  result: null,
};
const topkEpoch = (n: number, r20: number): TopkEpochReport => ({
  epoch: n,
  trainLoss: 0.3,
  valid: { ks: [20], numUsers: 10, values: { recall: [r20], ndcg: [r20 / 2] } },
  trainSeconds: 4,
  evalSeconds: 1,
  rowsPerSec: 1000,
});
const topk: RunRecord = {
  runId: 3,
  modelId: 'lightgcn',
  modelConfig: {},
  trainConfig: {},
  status: 'training',
  epochs: [],
  result: null,
  family: 'topk',
  topk: { epochs: [topkEpoch(1, 0.05), topkEpoch(2, 0.09)], result: null },
};

/** A cell as read: its text, whitespace collapsed; changed settings (one chip each) joined by " | ". */
function cellText(cell: Element): string {
  const chips = [...cell.querySelectorAll('.setting')];
  const text = chips.length > 0 ? chips.map((c) => c.textContent).join(' | ') : cell.textContent!;
  return text.replace(/\s+/g, ' ').trim();
}
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((tr) => [...tr.children].map(cellText));

describe('RunComparison', () => {
  it('says how to get runs to compare', () => {
    render(<RunComparison runs={[]} />);
    expect(
      screen.getByText('No runs yet: press Train. Every run of this session is listed here to compare.'),
    ).toBeTruthy();
  });

  it('tables a run: changed settings, best validation with its epoch, test, time and status', () => {
    render(<RunComparison runs={[first]} />);
    expect(screen.getByRole('img', { name: 'Validation AUC of every ctr run: AUC by Epoch' })).toBeTruthy();
    expect(screen.queryByTestId('runs-chart-topk')).toBeNull();
    expect(rowsOf(screen.getByTestId('runs-table'))).toEqual([
      ['#1 amfr', 'Epochs 3', '0.8000 AUC (epoch 2)', 'AUC 0.8100', '33 s', 'done'],
    ]);
    expect(screen.getByText('Train another model or setting to compare two runs side by side.')).toBeTruthy();
  });

  it('puts the last two runs side by side, by default only the settings that differ', () => {
    render(<RunComparison runs={[first, second]} />);
    expect(rowsOf(screen.getByTestId('runs-table'))[1]).toEqual([
      '#2 amfr',
      'External (pair attention) false | Epochs 3 | Batch size 512',
      '0.7200 AUC (epoch 1)',
      'AUC —',
      '11 s',
      'failed',
    ]);
    const chart = screen.getByTestId('runs-chart');
    expect(
      within(chart)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['#1 amfr', '#2 amfr']);

    const sideBySide = screen.getByTestId('side-by-side');
    expect(
      within(sideBySide)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['', '#1 amfr', '#2 amfr']);
    expect(rowsOf(sideBySide)).toEqual([
      ['Best valid', '0.8000 AUC', '0.7200 AUC'],
      ['Test', 'AUC 0.8100', 'AUC —'],
      ['Final valid GAUC', '0.6500', '0.6200'],
      ['Epochs', '3', '1'],
      ['Time', '33 s', '11 s'],
      ['External (pair attention)', 'true', 'false'],
      ['Batch size', '256', '512'],
    ]);
    const onlyDiff = screen.getByRole('checkbox', { name: 'only settings that differ' });
    fireEvent.click(onlyDiff);
    expect(rowsOf(screen.getByTestId('side-by-side')).length).toBeGreaterThan(7);
    expect(rowsOf(screen.getByTestId('side-by-side'))).toContainEqual(['Epochs', '3', '3']);
  });

  it('compares the runs chosen, saying when their settings are the same', () => {
    render(<RunComparison runs={[first, second]} />);
    const a = screen.getByLabelText('Compare');
    expect(
      within(a)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['#1 amfr', '#2 amfr']);
    fireEvent.change(a, { target: { value: '2' } });
    const sideBySide = screen.getByTestId('side-by-side');
    expect(
      within(sideBySide)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['', '#2 amfr', '#2 amfr']);
    expect(within(sideBySide).getByText('Same settings.')).toBeTruthy();
  });

  it('charts top-k runs by Recall@20 apart from the ctr runs', () => {
    render(<RunComparison runs={[first, topk]} />);
    expect(screen.getByTestId('runs-chart')).toBeTruthy();
    const chart = screen.getByRole('img', {
      name: 'Validation Recall@20 of every top-k run: Recall@20 by Epoch',
    });
    expect([...chart.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual([
      '#3 lightgcn at epoch 1: 0.050',
      '#3 lightgcn at epoch 2: 0.090',
    ]);
    expect(rowsOf(screen.getByTestId('runs-table'))[1].slice(2)).toEqual([
      '0.0900 R@20 (epoch 2)',
      'R@20 — · N@20 —',
      '10 s',
      'training',
    ]);
  });
});
