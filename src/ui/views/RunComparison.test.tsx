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

const demo = { kind: 'demo', seed: 42, users: 2000, items: 3000 } as const;
const upload = { kind: 'upload', name: 'ratings.csv', hash: '0123456789abcdef' } as const;

/** amfr with 3 epochs (best AUC 0.8 at epoch 2, test 0.81). */
const first: RunRecord = {
  runId: 1,
  modelId: 'amfr',
  modelConfig: {},
  trainConfig: { epochs: 3 },
  status: 'done',
  epochs: [epoch(1, 0.7), epoch(2, 0.8), epoch(3, 0.75)],
  result: result(0.81),
  data: demo,
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
  data: demo,
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
  data: demo,
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

  it('tables a run: dataset, changed settings, epochs trained of the budget, best validation, test, time, status', () => {
    render(<RunComparison runs={[first]} />);
    expect(
      screen.getByRole('img', { name: 'Validation AUC of the ctr runs on Demo micro-videos: AUC by Epoch' }),
    ).toBeTruthy();
    expect(screen.queryByTestId('runs-chart-topk')).toBeNull();
    const table = screen.getByTestId('runs-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual([
      'Run',
      'Dataset',
      'Settings changed from the defaults',
      'Epochs trained',
      'Epoch budget',
      'Best valid (AUC / R@20)',
      'Test',
      'Time',
      'Status',
    ]);
    // Nothing changed: said so, and of which model's defaults (the budget has its own column).
    expect(rowsOf(table)).toEqual([
      [
        '#1 amfr',
        'Demo micro-videos',
        'none (amfr defaults)',
        '3',
        '3',
        '0.8000 AUC (epoch 2)',
        'AUC 0.8100',
        '33 s',
        'done',
      ],
    ]);
    expect(screen.getByTestId('run-dataset').title).toBe(
      'Generated demo data: 2,000 users × 3,000 items, seed 42',
    );
    // One dataset: nothing to filter.
    expect(screen.queryByTestId('runs-dataset-filter')).toBeNull();
    expect(screen.getByText('Train another model or setting to compare two runs side by side.')).toBeTruthy();
  });

  it('puts the last two runs side by side, by default only the settings that differ', () => {
    render(<RunComparison runs={[first, second]} />);
    expect(rowsOf(screen.getByTestId('runs-table'))[1]).toEqual([
      '#2 amfr',
      'Demo micro-videos',
      'External (pair attention) false | Batch size 512',
      '1',
      '3',
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
      ['Dataset', 'Demo micro-videos', 'Demo micro-videos'],
      ['Best valid', '0.8000 AUC', '0.7200 AUC'],
      ['Test', 'AUC 0.8100', 'AUC —'],
      ['Final valid GAUC', '0.6500', '0.6200'],
      ['Epochs trained', '3', '1'],
      ['Time', '33 s', '11 s'],
      ['External (pair attention)', 'true', 'false'],
      ['Batch size', '256', '512'],
    ]);
    const onlyDiff = screen.getByRole('checkbox', { name: 'only settings that differ' });
    fireEvent.click(onlyDiff);
    expect(rowsOf(screen.getByTestId('side-by-side')).length).toBeGreaterThan(8);
    expect(rowsOf(screen.getByTestId('side-by-side'))).toContainEqual(['Epoch budget', '3', '3']);
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
      name: 'Validation Recall@20 of the top-k runs on Demo micro-videos: Recall@20 by Epoch',
    });
    expect([...chart.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual([
      '#3 lightgcn at epoch 1: 0.050',
      '#3 lightgcn at epoch 2: 0.090',
    ]);
    expect(rowsOf(screen.getByTestId('runs-table'))[1].slice(5)).toEqual([
      '0.0900 R@20 (epoch 2)',
      'R@20 — · N@20 —',
      '10 s',
      'training',
    ]);
  });

  describe('runs of several datasets', () => {
    /** dnn on an upload, two epochs; and a run from before runs kept their data. */
    const onUpload: RunRecord = {
      runId: 4,
      modelId: 'dnn',
      modelConfig: {},
      trainConfig: { epochs: 2 },
      status: 'done',
      epochs: [epoch(1, 0.6), epoch(2, 0.65)],
      result: result(0.66),
      data: upload,
    };
    const old: RunRecord = { ...second, runId: 5, data: undefined };
    const runs = [first, second, onUpload, old];
    const chartNames = () =>
      screen
        .getAllByRole('img')
        .map((img) => img.getAttribute('aria-label') ?? '')
        .map((name) => name.replace(/: AUC by Epoch$/, ''));

    it('names each run’s dataset and charts each dataset apart', () => {
      render(<RunComparison runs={runs} />);
      expect(screen.getAllByTestId('run-dataset').map((td) => td.textContent)).toEqual([
        'Demo micro-videos',
        'Demo micro-videos',
        'ratings.csv',
        'unknown dataset',
      ]);
      expect(chartNames()).toEqual([
        'Validation AUC of the ctr runs on Demo micro-videos',
        'Validation AUC of the ctr runs on ratings.csv',
        'Validation AUC of the ctr runs on unknown dataset',
      ]);
      const upChart = screen.getAllByTestId('runs-chart')[1];
      expect([...upChart.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual([
        '#4 dnn at epoch 1: 0.600',
        '#4 dnn at epoch 2: 0.650',
      ]);
      // The run pickers say which data each run is of; the last two runs are of different data.
      expect(
        within(screen.getByLabelText('Compare'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([
        '#1 amfr · Demo micro-videos',
        '#2 amfr · Demo micro-videos',
        '#4 dnn · ratings.csv',
        '#5 amfr · unknown dataset',
      ]);
      expect(screen.getByTestId('compare-datasets').textContent).toBe(
        'These two runs trained on different datasets: their metrics do not compare.',
      );
    });

    it('filters the table, the charts and the pickers to one dataset', () => {
      render(<RunComparison runs={runs} />);
      const filter = screen.getByLabelText('Dataset');
      expect(
        within(filter)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual([
        'All datasets (4 runs)',
        'Demo micro-videos (2 runs)',
        'ratings.csv (1 run)',
        'unknown dataset (1 run)',
      ]);
      fireEvent.change(filter, { target: { value: 'upload:0123456789abcdef' } });
      expect(screen.getAllByTestId('run-row').map((tr) => tr.querySelector('th')!.textContent)).toEqual([
        '#4 dnn',
      ]);
      expect(chartNames()).toEqual(['Validation AUC of the ctr runs on ratings.csv']);
      expect(screen.queryByTestId('side-by-side')).toBeNull();
      expect(
        screen.getByText('Train another model or setting on this dataset to compare two runs side by side.'),
      ).toBeTruthy();

      fireEvent.change(filter, { target: { value: 'demo:42:2000:3000' } });
      expect(screen.getAllByTestId('run-row')).toHaveLength(2);
      expect(
        within(screen.getByLabelText('Compare'))
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['#1 amfr', '#2 amfr']);
      expect(screen.queryByTestId('compare-datasets')).toBeNull();
      fireEvent.change(filter, { target: { value: 'all' } });
      expect(screen.getAllByTestId('run-row')).toHaveLength(4);
    });
  });
});
