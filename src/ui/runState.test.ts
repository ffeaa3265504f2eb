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
