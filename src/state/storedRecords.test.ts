import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT_CONFIG } from '../engine/importProtocol';
import { datasetKey, isStoredCheckpoint, isStoredRun, type StoredRun } from './storedRecords';

const run: StoredRun = {
  id: 3,
  modelId: 'dnn',
  modelConfig: { embeddingDim: 8 },
  trainConfig: { epochs: 2 },
  data: { kind: 'demo', seed: 42, users: 2000, items: 3000 },
  split: DEFAULT_SPLIT_CONFIG,
  label: null,
  backend: 'auto',
  backendUsed: 'webgl',
  status: 'done',
  totalEpochs: 2,
  epochs: [
    {
      epoch: 1,
      trainLoss: 0.6,
      valid: { auc: 0.7, gauc: 0.69, logloss: 0.55 },
      trainSeconds: 1,
      evalSeconds: 0.1,
      rowsPerSec: 1000,
    },
  ],
  result: null,
  error: null,
  checkpointEpoch: 1,
  createdAt: 10,
  updatedAt: 20,
};

describe('datasetKey', () => {
  it('keys the demo by what regenerates it and an upload by its content hash only', () => {
    expect(datasetKey({ kind: 'demo', seed: 7, users: 100, items: 200 })).toBe('demo:7:100:200');
    const a = datasetKey({ kind: 'upload', name: 'ratings.csv', hash: 'ab12' });
    expect(a).toBe('upload:ab12');
    expect(datasetKey({ kind: 'upload', name: 'renamed.csv', hash: 'ab12' })).toBe(a);
  });
});

describe('isStoredRun', () => {
  it('reads a complete run, with fields it does not check left as they are', () => {
    expect(isStoredRun(run)).toBe(true);
    expect(isStoredRun({ ...run, futureField: 'kept' })).toBe(true);
  });

  it.each([
    ['no id', { id: undefined }],
    ['a model id that is not a string', { modelId: 5 }],
    ['an unknown status', { status: 'weird' }],
    ['a data source of unknown kind', { data: { kind: 'ftp' } }],
    ['an epoch without a validation AUC', { epochs: [{ epoch: 1, valid: {} }] }],
    ['a missing checkpoint epoch', { checkpointEpoch: undefined }],
  ])('rejects a run with %s', (_, change) => {
    expect(isStoredRun({ ...run, ...change })).toBe(false);
  });

  it('rejects what is not an object', () => {
    expect(isStoredRun(null)).toBe(false);
    expect(isStoredRun('run')).toBe(false);
  });
});

describe('isStoredCheckpoint', () => {
  const checkpoint = { runId: 3, epoch: 1, step: 10, bytes: new Uint8Array(4), savedAt: 5 };

  it('reads a checkpoint whose bytes are a Uint8Array', () => {
    expect(isStoredCheckpoint(checkpoint)).toBe(true);
  });

  it('rejects bytes of another type and missing numbers', () => {
    expect(isStoredCheckpoint({ ...checkpoint, bytes: [1, 2, 3] })).toBe(false);
    expect(isStoredCheckpoint({ ...checkpoint, bytes: new ArrayBuffer(4) })).toBe(false);
    expect(isStoredCheckpoint({ ...checkpoint, step: undefined })).toBe(false);
  });
});
