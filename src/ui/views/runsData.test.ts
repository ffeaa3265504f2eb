import { describe, expect, it } from 'vitest';
import { DEMO_PRESETS } from '../../data/demo/presets';
import { IDLE_RUN, runReducer, type RunRecord } from '../runState';
import {
  compareSettings,
  configDiff,
  fmtSetting,
  runDataset,
  runDatasets,
  runRow,
  UNKNOWN_DATASET,
  validCurve,
} from './runsData';
import type { TopkResult } from '../../engine/metrics/topkResult';
import type { TopkEpochReport, TopkTrainResult } from '../../engine/train/topk';
import { TOPK_TRAIN_SCHEMA, TRAIN_SCHEMA } from '../../engine/train/config';
import { REGISTRY } from '../../models/registry';
import type { CtrEpochReport, CtrTrainResult } from '../../engine/train/ctr';

/** A result with nothing trained: fields every result has. */
const NO_RESULT = {
  epochs: [],
  bestEpoch: 0,
  valid: null,
  test: null,
  stopped: false,
  stoppedEarly: false,
  rowsPerSec: 0,
  msPerEpoch: 0,
  peakTensors: 0,
};

const epoch = (n: number, auc: number): CtrEpochReport => ({
  epoch: n,
  trainLoss: 0.5,
  valid: { auc, gauc: auc - 0.05, logloss: 0.6 },
  trainSeconds: 10,
  evalSeconds: 1,
  rowsPerSec: 1000,
});

const record = (over: Partial<RunRecord>): RunRecord => ({
  runId: 1,
  modelId: 'amfr',
  modelConfig: {},
  trainConfig: {},
  status: 'done',
  epochs: [],
  result: null,
  ...over,
});

describe('run table config diff', () => {
  it('lists only the settings that differ from the defaults, resolved as the worker does', () => {
    const schema = REGISTRY.get('amfr')!.configSchema;
    expect(configDiff(schema, {})).toEqual([]);
    const diff = configDiff(schema, { heads: '3', layers: 2, hiddenUnits: [64, 32], useExternal: false });
    expect(diff.map((d) => [d.key, d.value, d.default])).toEqual([
      ['heads', '3', '2'],
      ['useExternal', 'false', 'true'],
    ]);
    expect(configDiff(TRAIN_SCHEMA, { epochs: 1, learningRate: 0.001 })).toEqual([
      { key: 'epochs', label: 'Epochs', value: '1', default: '5' },
    ]);
  });

  it('formats lists and floats without noise', () => {
    expect(fmtSetting([64, 32])).toBe('64, 32');
    expect(fmtSetting(0.1 + 0.2)).toBe('0.3');
    expect(fmtSetting(true)).toBe('true');
  });

  it('makes a row with the best validation AUC, the test AUC and the time', () => {
    const result = { test: { auc: 0.81, gauc: 0.7, logloss: 0.5 } } as unknown as CtrTrainResult;
    const row = runRow(
      record({ trainConfig: { epochs: 3 }, epochs: [epoch(1, 0.7), epoch(2, 0.8), epoch(3, 0.75)], result }),
    );
    expect(row).toMatchObject({
      name: '#1 amfr',
      bestEpoch: 2,
      family: 'ctr',
      metric: 'AUC',
      bestValid: 0.8,
      test: [{ label: 'AUC', value: 0.81 }],
      seconds: 33,
    });
    // The epoch budget has a column of its own beside the epochs trained, so it is not listed as a change.
    expect(row.diff).toEqual([]);
    expect(row).toMatchObject({ epochs: 3, budget: 3 });
    expect(runRow(record({})).budget).toBe(TRAIN_SCHEMA.epochs.default);
    expect(Number.isNaN(runRow(record({})).bestValid)).toBe(true);
    expect(validCurve(record({ epochs: [epoch(1, 0.7), epoch(2, 0.8)] })).map((e) => e.value)).toEqual([
      0.7, 0.8,
    ]);
  });

  it('reads a top-k run by validation Recall@20 per epoch and its test R@20 / N@20, with top-k settings', () => {
    const res = (r20: number, n20: number): TopkResult => ({
      ks: [10, 20],
      numUsers: 50,
      values: { recall: [r20 / 2, r20], ndcg: [n20 / 2, n20] },
    });
    const te = (n: number, r20: number): TopkEpochReport => ({
      epoch: n,
      trainLoss: 0.3,
      valid: res(r20, r20 / 2),
      trainSeconds: 4,
      evalSeconds: 1,
      rowsPerSec: 1000,
    });
    const epochs = [te(1, 0.05), te(2, 0.09), te(3, 0.08)];
    const result = { epochs, bestEpoch: 2, test: res(0.11, 0.06) } as unknown as TopkTrainResult;
    const r = record({
      modelId: 'tmfun',
      family: 'topk',
      modelConfig: { knnK: 5 },
      trainConfig: { epochs: 3 },
      topk: { epochs, result },
    });
    expect(validCurve(r)).toEqual([
      { epoch: 1, value: 0.05 },
      { epoch: 2, value: 0.09 },
      { epoch: 3, value: 0.08 },
    ]);
    const row = runRow(r);
    expect(row).toMatchObject({
      family: 'topk',
      metric: 'R@20',
      bestEpoch: 2,
      bestValid: 0.09,
      test: [
        { label: 'R@20', value: 0.11 },
        { label: 'N@20', value: 0.06 },
      ],
      seconds: 15,
      epochs: 3,
    });
    // tmfun's own setting and the top-k training schema (its epochs default differs from the ctr one).
    expect(row.diff.map((d) => d.key)).toContain('knnK');
    expect(row.budget).toBe(3);
    expect(runRow({ ...r, trainConfig: {} }).budget).toBe(TOPK_TRAIN_SCHEMA.epochs.default);
    // Still training: no test metrics yet; a result without a cut-off of 20 reads as NaN, not a throw.
    const live = runRow({ ...r, status: 'training', topk: { epochs, result: null } });
    expect(live.test.every((t) => Number.isNaN(t.value))).toBe(true);
    const odd = {
      ...r,
      topk: { epochs: [{ ...te(1, 0), valid: { ks: [10], numUsers: 1, values: {} } }], result: null },
    };
    expect(Number.isNaN(validCurve(odd)[0].value)).toBe(true);

    // A ctr run against a top-k run: training settings from each family's schema.
    const cmp = compareSettings(record({ trainConfig: { epochs: 1 } }), r);
    expect(cmp.find((c) => c.key === 'knnK')).toMatchObject({ a: '', b: '5', differs: true });
  });

  it('compares two runs setting by setting, a setting only one model has counting as different', () => {
    const a = record({ modelId: 'amfr', trainConfig: { epochs: 1 } });
    const b = record({ runId: 2, modelId: 'mmdin', trainConfig: { epochs: 1, batchSize: 512 } });
    const rows = compareSettings(a, b);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('embeddingDim')).toMatchObject({ a: '16', b: '16', differs: false });
    expect(byKey.get('useExternal')).toMatchObject({ a: 'true', b: '', differs: true });
    expect(byKey.get('softmax')).toMatchObject({ a: '', b: 'false', differs: true });
    expect(byKey.get('batchSize')).toMatchObject({ a: '256', b: '512', differs: true });
    // Named apart from the epochs a run trained, which the side-by-side lists too.
    expect(byKey.get('epochs')).toMatchObject({ label: 'Epoch budget', differs: false });
  });
});

describe('the dataset of a run', () => {
  const demo = { kind: 'demo', seed: 42, users: 2000, items: 3000 } as const;
  const upload = (name: string, hash: string) => ({ kind: 'upload', name, hash }) as const;

  it('names the demo, with its size and seed only where they are not the defaults', () => {
    expect(runDataset(demo)).toEqual({
      key: 'demo:42:2000:3000',
      label: 'Demo micro-videos',
      detail: 'Generated demo data: 2,000 users × 3,000 items, seed 42',
    });
    expect(runDataset({ ...demo, users: 500, items: 200 }).label).toBe(
      'Demo micro-videos (500 users × 200 items)',
    );
    expect(runDataset({ ...demo, seed: 7 }).label).toBe('Demo micro-videos (seed 7)');
  });

  it('names the data wizard’s knobs: the preset they are, or own knobs, each in the detail', () => {
    const noise = DEMO_PRESETS.find((p) => p.id === 'noise')!;
    const wizard = runDataset({ ...demo, knobs: noise.knobs });
    expect(wizard.label).toBe('Demo micro-videos (pure noise)');
    expect(wizard.key).not.toBe(runDataset(demo).key);
    const own = runDataset({ ...demo, knobs: { visual: 2 } });
    expect(own).toMatchObject({
      label: 'Demo micro-videos (own knobs)',
      detail: expect.stringMatching(/visual 2$/),
    });
  });

  it('names an upload by its file name and keys it by its content hash', () => {
    expect(runDataset(upload('ratings.csv', 'ab12cd34ef56'))).toEqual({
      key: 'upload:ab12cd34ef56',
      label: 'ratings.csv',
      detail: 'Uploaded: ratings.csv (content hash ab12cd34ef56)',
    });
  });

  it('reads a record made before runs kept their data as of an unknown dataset', () => {
    const old = record({});
    expect('data' in old).toBe(false);
    expect(runRow(old).dataset).toEqual(UNKNOWN_DATASET);
    expect(UNKNOWN_DATASET.label).toBe('unknown dataset');
  });

  it('lists the datasets of the runs once each, in order, telling same-named uploads apart', () => {
    const runs = [
      record({ runId: 1, data: demo }),
      record({ runId: 2, data: upload('ratings.csv', 'aaaaaa111') }),
      record({ runId: 3, data: demo }),
      record({ runId: 4, data: upload('ratings.csv', 'bbbbbb222') }),
      record({ runId: 5 }),
      // Renamed, same contents: the same dataset, under the name it was first seen with.
      record({ runId: 6, data: upload('copy.csv', 'aaaaaa111') }),
    ];
    expect(runDatasets(runs).map((d) => [d.key, d.label])).toEqual([
      ['demo:42:2000:3000', 'Demo micro-videos'],
      ['upload:aaaaaa111', 'ratings.csv · aaaaaa'],
      ['upload:bbbbbb222', 'ratings.csv · bbbbbb'],
      ['unknown', 'unknown dataset'],
    ]);
  });
});

describe('the session’s runs in runState', () => {
  it('records every run with its settings and mirrors its epochs, status and result', () => {
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 1, modelId: 'amfr', trainConfig: { epochs: 1 } });
    s = runReducer(s, {
      type: 'event',
      event: { type: 'epoch', runId: 1, family: 'ctr', report: epoch(1, 0.7) },
    });
    const result = { ...NO_RESULT, bestEpoch: 1 };
    s = runReducer(s, {
      type: 'outcome',
      outcome: { type: 'done', runId: 1, family: 'ctr', result, warnings: [] },
    });
    s = runReducer(s, { type: 'start', runId: 2, modelId: 'mmdin', modelConfig: { heads: 2 } });
    expect(s.runs.map((r) => [r.runId, r.modelId, r.status, r.epochs.length])).toEqual([
      [1, 'amfr', 'done', 1],
      [2, 'mmdin', 'training', 0],
    ]);
    expect(s.runs[0]).toMatchObject({ trainConfig: { epochs: 1 }, result });
    expect(s.runs[1].modelConfig).toEqual({ heads: 2 });
    expect(s.epochs).toEqual([]); // the current run starts afresh
  });
});
