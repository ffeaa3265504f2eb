// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDataset } from '../data/import/build';
import { tableFromRows } from '../data/import/import.testkit';
import { summarize } from '../data/types';
import { DEFAULT_SPLIT_CONFIG } from '../engine/importProtocol';
import { DatasetPanel, type LoadedDataset } from './DatasetPanel';

afterEach(cleanup);

const DAY = 86400;
const T0 = Date.UTC(2023, 10, 14) / 1000;

/** An implicit-feedback upload of 3 users × 3 items: sampled negatives repeat pairs. */
function loaded(): LoadedDataset {
  const table = tableFromRows(
    'views.csv',
    ['user', 'item', 'timestamp'],
    [
      ['u1', 'i1', String(T0)],
      ['u1', 'i2', String(T0 + DAY)],
      ['u2', 'i1', String(T0 + 2 * DAY)],
      ['u2', 'i3', String(T0 + 3 * DAY)],
      ['u3', 'i2', String(T0 + 4 * DAY)],
      ['u3', 'i3', String(T0 + 90 * DAY)],
    ],
  );
  const { dataset, report } = buildDataset([table], {
    tables: [
      {
        fileName: 'views.csv',
        kind: 'interactions',
        roles: [{ role: 'user' }, { role: 'item' }, { role: 'timestamp' }],
      },
    ],
    matrices: [],
    label: { kind: 'implicit', ratio: 4, seed: 42 },
    formatName: 'CSV',
  });
  return {
    source: { kind: 'upload', name: 'views.csv', hash: '0' },
    label: { kind: 'implicit', ratio: 4, seed: 42 },
    splitConfig: DEFAULT_SPLIT_CONFIG,
    summary: summarize(dataset),
    split: {
      method: 'chronological',
      train: 20,
      valid: 5,
      test: 5,
      droppedUsers: 0,
      coldTestItems: 0,
      coldTestRows: 0,
    },
    report,
    seconds: 0.1,
  };
}

describe('DatasetPanel', () => {
  it('gives the time span its length, and its dates a row of their own', () => {
    render(<DatasetPanel data={loaded()} error={null} />);
    expect(screen.getByTestId('time-length').textContent).toBe('90 days');
    const dates = screen.getByTestId('time-span');
    expect(dates.textContent).toBe('2023-11-14 → 2024-02-12');
    // The row spans the card (the rule in datasetPanel.css), and follows its term in the list.
    expect(dates.className).toBe('stats-wide');
    expect(dates.previousElementSibling?.previousElementSibling?.textContent).toBe('Time span');
  });

  it('shows density as distinct pairs over users × items, and repeated pairs apart', () => {
    render(<DatasetPanel data={loaded()} error={null} />);
    const panel = screen.getByTestId('dataset-panel');
    expect(within(panel).getByTestId('num-interactions').textContent).toBe('30');
    expect(within(panel).getByTestId('density').textContent).toBe('100.00 %');
    expect(within(panel).getByTestId('per-pair').textContent).toBe('3.33');
    expect(within(panel).getByText('Interactions per pair')).toBeTruthy();
  });

  it('leaves the per-pair row out when every interaction is its own pair', () => {
    const data = loaded();
    const summary = { ...data.summary, numInteractions: 9, distinctPairs: 9 };
    render(<DatasetPanel data={{ ...data, summary }} error={null} />);
    expect(screen.queryByTestId('per-pair')).toBeNull();
  });

  it('says how the item text became vectors when the import had item text', () => {
    const data = loaded();
    render(<DatasetPanel data={data} error={null} />);
    expect(screen.queryByTestId('text-featurizer')).toBeNull(); // no text column in this upload
    cleanup();
    const report = { ...data.report!, textFeaturizer: 'text: TF-IDF (2,470 terms) → SVD 64' };
    render(<DatasetPanel data={{ ...data, report }} error={null} />);
    expect(screen.getByTestId('text-featurizer').textContent).toBe(
      'Item text vectors: text: TF-IDF (2,470 terms) → SVD 64.',
    );
  });
});
