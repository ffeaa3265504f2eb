import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../engine/backendInfo';
import { DEFAULT_SPLIT_CONFIG } from '../engine/importProtocol';
import type { TrainEvent, TrainOutcome } from '../engine/protocol';
import type { TopkEpochReport, TopkTrainResult } from '../engine/train/topk';
import { DEFAULT_TRAIN_CONFIG } from '../engine/train/config';
import { StoreError } from '../state/store';
import {
  eventPatch,
  newStoredRun,
  newerCheckpoint,
  notSavedHere,
  outcomePatch,
  storeWording,
  type RunMeta,
} from './savedRunRecords';
import type { CtrEpochReport, CtrTrainResult } from '../engine/train/ctr';
import type { TrainProgress } from '../engine/train/progress';

const report = (epoch: number, auc = 0.7): CtrEpochReport => ({
  epoch,
  trainLoss: 0.6,
  valid: { auc, gauc: auc - 0.01, logloss: 0.55 },
  trainSeconds: 1,
  evalSeconds: 0.1,
  rowsPerSec: 1000,
});

const meta = (trainConfig: Record<string, unknown>): RunMeta => ({
  modelId: 'din',
  modelConfig: { embeddingDim: 16 },
  trainConfig,
  backend: 'webgl',
  data: { kind: 'upload', name: 'ratings.csv', hash: 'ab12' },
  split: DEFAULT_SPLIT_CONFIG,
  label: { kind: 'threshold', threshold: 4 },
  snapshotDataset: async () => null,
});

describe('newStoredRun', () => {
  it('starts the run training, with the settings as given and its epoch budget resolved', () => {
    const run = newStoredRun(meta({ epochs: 7 }));
    expect(run).toEqual({
      modelId: 'din',
      modelConfig: { embeddingDim: 16 },
      trainConfig: { epochs: 7 },
      backend: 'webgl',
      backendUsed: null,
      data: { kind: 'upload', name: 'ratings.csv', hash: 'ab12' },
      split: DEFAULT_SPLIT_CONFIG,
      label: { kind: 'threshold', threshold: 4 },
      status: 'training',
      totalEpochs: 7,
      epochs: [],
      result: null,
      error: null,
    });
    // IndexedDB cannot store a function: the dataset callback stays out of the record.
    expect('snapshotDataset' in run).toBe(false);
  });

  it('counts the default epochs when the settings leave them out', () => {
    expect(newStoredRun(meta({})).totalEpochs).toBe(DEFAULT_TRAIN_CONFIG.epochs);
  });
});

describe('eventPatch', () => {
  const progress = (paused: boolean | undefined): TrainEvent => ({
    type: 'progress',
    runId: 1,
    progress: { epoch: 1, paused } as TrainProgress,
  });

  it('records the backend that ran the run', () => {
    const e: TrainEvent = { type: 'backend', runId: 1, info: { name: 'wasm' } as BackendInfo };
    expect(eventPatch(e, [], 'training')).toEqual({ backendUsed: 'wasm' });
  });

  it('appends an epoch, and a repeated epoch (after a resume) replaces it and those after it', () => {
    const e1 = report(1);
    expect(eventPatch({ type: 'epoch', runId: 1, family: 'ctr', report: e1 }, [], 'training')).toEqual({
      epochs: [e1],
    });
    const again = report(2, 0.8);
    const patch = eventPatch(
      { type: 'epoch', runId: 1, family: 'ctr', report: again },
      [e1, report(2), report(3)],
      'training',
    );
    expect(patch).toEqual({ epochs: [e1, again] });
  });

  it('keeps no curve for a top-k run', () => {
    const e: TrainEvent = { type: 'epoch', runId: 1, family: 'topk', report: {} as TopkEpochReport };
    expect(eventPatch(e, [], 'training')).toBeNull();
  });

  it('records pausing and resuming once each, and ignores progress that says neither', () => {
    expect(eventPatch(progress(true), [], 'training')).toEqual({ status: 'paused' });
    expect(eventPatch(progress(true), [], 'paused')).toBeNull();
    expect(eventPatch(progress(false), [], 'paused')).toEqual({ status: 'training' });
    expect(eventPatch(progress(false), [], 'training')).toBeNull();
    expect(eventPatch(progress(undefined), [], 'paused')).toBeNull();
  });

  it('ignores what arrives after the outcome: a late progress does not make a finished run train again', () => {
    for (const ended of ['done', 'stopped', 'error']) {
      expect(eventPatch(progress(false), [], ended)).toBeNull();
      expect(eventPatch({ type: 'epoch', runId: 1, family: 'ctr', report: report(3) }, [], ended)).toBeNull();
    }
  });

  it('leaves checkpoints and build steps to others', () => {
    const checkpoint = { type: 'checkpoint', runId: 1, epoch: 1, step: 3, bytes: new Uint8Array(2) };
    expect(eventPatch(checkpoint as TrainEvent, [], 'training')).toBeNull();
    expect(
      eventPatch({ type: 'build', runId: 1, stage: 'knn', done: 1, total: 2 }, [], 'training'),
    ).toBeNull();
  });
});

describe('outcomePatch', () => {
  it('stores an error with its message', () => {
    expect(outcomePatch({ type: 'error', runId: 1, message: 'out of memory' })).toEqual({
      status: 'error',
      error: 'out of memory',
    });
  });

  it('stores a ctr run’s final epochs and result, as done or stopped', () => {
    const epochs = [report(1), report(2)];
    const test = { auc: 0.75, gauc: 0.74, logloss: 0.5 };
    const result: CtrTrainResult = {
      epochs,
      bestEpoch: 2,
      valid: epochs[1].valid,
      test,
      stopped: false,
      stoppedEarly: false,
      rowsPerSec: 1,
      msPerEpoch: 1,
      peakTensors: 3,
    };
    const done: TrainOutcome = { type: 'done', runId: 1, family: 'ctr', result, warnings: [] };
    expect(outcomePatch(done)).toEqual({
      status: 'done',
      epochs,
      result: { bestEpoch: 2, test, stopped: false },
      error: null,
    });
    const stopped: TrainOutcome = {
      ...done,
      result: { ...result, test: null, stopped: true },
    };
    expect(outcomePatch(stopped)).toMatchObject({ status: 'stopped', result: { stopped: true } });
  });

  it('stores a top-k run’s status only', () => {
    const outcome = (stopped: boolean): TrainOutcome => ({
      type: 'done',
      runId: 1,
      family: 'topk',
      result: { stopped } as TopkTrainResult,
      warnings: [],
    });
    expect(outcomePatch(outcome(false))).toEqual({ status: 'done', error: null });
    expect(outcomePatch(outcome(true))).toEqual({ status: 'stopped', error: null });
  });
});

describe('newerCheckpoint', () => {
  // The first byte tells which copy came back: 1 stored, 2 in memory.
  const stored = (epoch: number) => ({ epoch, bytes: Uint8Array.of(1, epoch) });
  const memory = (epoch: number) => ({ epoch, bytes: Uint8Array.of(2, epoch) });

  it('prefers the checkpoint in memory unless the stored one is further along', () => {
    expect(newerCheckpoint(stored(2), memory(3))).toEqual(Uint8Array.of(2, 3));
    expect(newerCheckpoint(stored(3), memory(3))).toEqual(Uint8Array.of(2, 3));
    expect(newerCheckpoint(stored(4), memory(3))).toEqual(Uint8Array.of(1, 4));
  });

  it('takes whichever there is, and null when there is none', () => {
    expect(newerCheckpoint(null, memory(1))).toEqual(Uint8Array.of(2, 1));
    expect(newerCheckpoint(stored(5), null)).toEqual(Uint8Array.of(1, 5));
    expect(newerCheckpoint(undefined, null)).toBeNull();
  });
});

describe('wording', () => {
  it('shows a store error as it is worded and names anything else as a failed save', () => {
    expect(storeWording(new StoreError('quota', 'The disk is full.'))).toBe('The disk is full.');
    expect(storeWording(new Error('boom'))).toBe('Saving failed: Error: boom');
  });

  it('sends the user back to Your data for an upload this browser has not kept', () => {
    expect(notSavedHere({ name: 'ratings.csv' })).toEqual({
      type: 'error',
      issue: {
        severity: 'fatal',
        file: '',
        message: 'ratings.csv is not saved in this browser: load its files again under Your data.',
      },
    });
  });
});
