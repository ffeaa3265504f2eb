import { describe, expect, it } from 'vitest';
import type { TrainProgress } from '../engine/trainer';
import { IDLE_RUN, runReducer } from './runState';

const progress = (epoch: number, step: number): TrainProgress => ({
  epoch,
  epochs: 2,
  step,
  stepsPerEpoch: 4,
  loss: 0.5,
  rowsPerSec: 1000,
  etaSeconds: 1,
  numTensors: 10,
});

describe('runReducer', () => {
  it('places loss points at fractional epochs', () => {
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 3, modelId: 'dnn' });
    s = runReducer(s, { type: 'event', event: { type: 'progress', runId: 3, progress: progress(2, 1) } });
    expect(s.loss).toEqual([{ x: 1.25, y: 0.5 }]);
    expect(s.status).toBe('training');
  });

  it('drops events and outcomes of an older run', () => {
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 2, modelId: 'dnn' });
    s = runReducer(s, { type: 'event', event: { type: 'progress', runId: 1, progress: progress(1, 1) } });
    s = runReducer(s, { type: 'outcome', outcome: { type: 'error', runId: 1, message: 'old' } });
    expect(s.loss).toEqual([]);
    expect(s.status).toBe('training');
    expect(s.error).toBeNull();
  });

  it('ends as stopped or done from the outcome, and as error on a worker crash', () => {
    const started = runReducer(IDLE_RUN, { type: 'start', runId: 1, modelId: 'dnn' });
    const result = { epochs: [], bestEpoch: 0, test: null, stopped: true, rowsPerSec: 0, peakTensors: 0 };
    expect(
      runReducer(started, { type: 'outcome', outcome: { type: 'done', runId: 1, result, warnings: [] } })
        .status,
    ).toBe('stopped');
    const crashed = runReducer(started, { type: 'crash', message: 'worker died' });
    expect(crashed.status).toBe('error');
    expect(crashed.error).toBe('worker died');
  });
});

describe('runReducer: runs imported from files', () => {
  it('adds an imported run beside the live one, which keeps updating', () => {
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 1, modelId: 'dnn' });
    s = runReducer(s, {
      type: 'importRun',
      record: {
        runId: 2,
        modelId: 'amfr',
        modelConfig: {},
        trainConfig: {},
        status: 'done',
        epochs: [],
        result: null,
        imported: 'run.json',
      },
    });
    expect(s.runs.map((r) => r.runId)).toEqual([1, 2]);
    expect(s.runId).toBe(1);
    const report = {
      epoch: 1,
      trainLoss: 0.5,
      valid: { auc: 0.7, gauc: 0.6, logloss: 0.5 },
      trainSeconds: 1,
      evalSeconds: 1,
      rowsPerSec: 1,
    };
    s = runReducer(s, { type: 'event', event: { type: 'epoch', runId: 1, report } });
    expect(s.runs[0].epochs).toEqual([report]);
    expect(s.runs[1].imported).toBe('run.json');
  });
});
