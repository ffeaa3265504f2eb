import { describe, expect, it } from 'vitest';
import type { EpochReport, TrainResult } from '../../engine/trainer';
import { IDLE_RUN, runReducer, type RunRecord } from '../runState';
import { compareSettings, configDiff, fmtSetting, runRow } from './runsData';
import { TRAIN_SCHEMA } from '../../engine/trainConfig';
import { getModelInfo } from '../../models/catalog';

const epoch = (n: number, auc: number): EpochReport => ({
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
    const schema = getModelInfo('amfr')!.configSchema;
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
    const result = { test: { auc: 0.81, gauc: 0.7, logloss: 0.5 } } as unknown as TrainResult;
    const row = runRow(
      record({ trainConfig: { epochs: 3 }, epochs: [epoch(1, 0.7), epoch(2, 0.8), epoch(3, 0.75)], result }),
    );
    expect(row).toMatchObject({
      name: '#1 amfr',
      bestEpoch: 2,
      bestValidAuc: 0.8,
      testAuc: 0.81,
      seconds: 33,
    });
    expect(row.diff.map((d) => d.key)).toEqual(['epochs']);
    expect(Number.isNaN(runRow(record({})).bestValidAuc)).toBe(true);
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
    expect(byKey.get('epochs')).toMatchObject({ differs: false });
  });
});

describe('the session’s runs in runState', () => {
  it('records every run with its settings and mirrors its epochs, status and result', () => {
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 1, modelId: 'amfr', trainConfig: { epochs: 1 } });
    s = runReducer(s, { type: 'event', event: { type: 'epoch', runId: 1, report: epoch(1, 0.7) } });
    const result = { epochs: [], bestEpoch: 1, test: null, stopped: false, rowsPerSec: 0, peakTensors: 0 };
    s = runReducer(s, { type: 'outcome', outcome: { type: 'done', runId: 1, result, warnings: [] } });
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
