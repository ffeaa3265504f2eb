import { describe, expect, it } from 'vitest';
import { IDLE_RUN, runReducer, type RunState } from './runState';
import type { TrainProgress } from '../engine/train/progress';

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

const progress = (epoch: number, step: number): TrainProgress => ({
  epoch,
  epochs: 2,
  step,
  stepsPerEpoch: 4,
  loss: 0.5,
  rowsPerSec: 1000,
  etaSeconds: 1,
  numTensors: 10,
  paused: false,
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
    const result = { ...NO_RESULT, bestEpoch: 0, stopped: true };
    expect(
      runReducer(started, {
        type: 'outcome',
        outcome: { type: 'done', runId: 1, family: 'ctr', result, warnings: [] },
      }).status,
    ).toBe('stopped');
    const crashed = runReducer(started, { type: 'crash', message: 'worker died' });
    expect(crashed.status).toBe('error');
    expect(crashed.error).toBe('worker died');
  });

  it("drops the unfinished epoch's loss points when the run's GPU device was lost, not on other errors", () => {
    const valid = { auc: 0.7, gauc: 0.6, logloss: 0.6 };
    const report = { epoch: 1, trainLoss: 0.6, valid, trainSeconds: 1, evalSeconds: 0.1, rowsPerSec: 1 };
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 5, modelId: 'dnn' });
    for (const step of [2, 4]) {
      s = runReducer(s, {
        type: 'event',
        event: { type: 'progress', runId: 5, progress: progress(1, step) },
      });
    }
    s = runReducer(s, { type: 'event', event: { type: 'epoch', runId: 5, family: 'ctr', report } });
    s = runReducer(s, { type: 'event', event: { type: 'progress', runId: 5, progress: progress(2, 1) } });
    expect(s.loss.map((p) => p.x)).toEqual([0.5, 1, 1.25]);
    const lost = runReducer(s, {
      type: 'outcome',
      outcome: { type: 'error', runId: 5, message: 'The GPU device was lost.', deviceLost: true },
    });
    expect(lost.status).toBe('error');
    expect(lost.loss.map((p) => p.x)).toEqual([0.5, 1]);
    const other = runReducer(s, {
      type: 'outcome',
      outcome: { type: 'error', runId: 5, message: 'NaN loss' },
    });
    expect(other.loss.map((p) => p.x)).toEqual([0.5, 1, 1.25]);
  });

  it("keeps a top-k run's build stage, epochs and result apart from the ctr fields", () => {
    const valid = { ks: [10, 20], numUsers: 5, values: { recall: [0.1, 0.2], ndcg: [0.05, 0.08] } };
    const report = { epoch: 1, trainLoss: 0.6, valid, trainSeconds: 1, evalSeconds: 0.5, rowsPerSec: 1 };
    let s = runReducer(IDLE_RUN, { type: 'start', runId: 4, modelId: 'tmfun', family: 'topk' });
    expect(s).toMatchObject({ family: 'topk', topk: { epochs: [], result: null } });
    const build = { type: 'build', runId: 4, stage: 'text kNN graph', done: 10, total: 40 } as const;
    s = runReducer(s, { type: 'event', event: build });
    expect(s.build).toEqual({ stage: 'text kNN graph', done: 10, total: 40, unit: 'items' });
    s = runReducer(s, { type: 'event', event: { type: 'progress', runId: 4, progress: progress(1, 4) } });
    expect(s.build).toBeNull();
    s = runReducer(s, { type: 'event', event: { type: 'epoch', runId: 4, family: 'topk', report } });
    expect(s.topk?.epochs).toEqual([report]);
    expect(s.epochs).toEqual([]);
    const result = {
      epochs: [report],
      bestEpoch: 1,
      valid,
      test: valid,
      stopped: false,
      stoppedEarly: false,
      rowsPerSec: 2000,
      msPerEpoch: 1000,
      peakTensors: 3,
    };
    s = runReducer(s, {
      type: 'outcome',
      outcome: { type: 'done', runId: 4, family: 'topk', result, warnings: ['w'] },
    });
    expect(s).toMatchObject({ status: 'done', result: null, warnings: ['w'] });
    expect(s.topk).toEqual({ epochs: [report], result });
    // The session's run list carries the family and the top-k view for the run comparison.
    expect(s.runs[s.runs.length - 1]).toMatchObject({ family: 'topk', topk: { result }, status: 'done' });
    // A ctr run after it starts clean.
    expect(runReducer(s, { type: 'start', runId: 5, modelId: 'dnn' })).toMatchObject({
      family: 'ctr',
      topk: null,
    });
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
    s = runReducer(s, { type: 'event', event: { type: 'epoch', runId: 1, family: 'ctr', report } });
    expect(s.runs[0].epochs).toEqual([report]);
    expect(s.runs[1].imported).toBe('run.json');
  });

  describe('another dataset loaded', () => {
    const demo = { kind: 'demo', seed: 42, users: 2000, items: 3000 } as const;
    const upload = { kind: 'upload', name: 'ratings.csv', hash: 'ab12' } as const;
    const report = {
      epoch: 1,
      trainLoss: 0.5,
      valid: { auc: 0.7, gauc: 0.6, logloss: 0.5 },
      trainSeconds: 1,
      evalSeconds: 1,
      rowsPerSec: 1,
    };
    /** A dnn run on the demo, one epoch trained and finished. */
    function finished(): RunState {
      let s = runReducer(IDLE_RUN, { type: 'start', runId: 1, modelId: 'dnn', data: demo });
      s = runReducer(s, { type: 'event', event: { type: 'progress', runId: 1, progress: progress(1, 4) } });
      s = runReducer(s, { type: 'event', event: { type: 'epoch', runId: 1, family: 'ctr', report } });
      const result = { ...NO_RESULT, bestEpoch: 1 };
      return runReducer(s, {
        type: 'outcome',
        outcome: { type: 'done', runId: 1, family: 'ctr', result, warnings: ['adjusted'] },
      });
    }

    it('records the data a run trains on', () => {
      expect(finished().runs[0].data).toEqual(demo);
    });

    it('empties the view of a finished run on other data; the run stays in the session with its loss', () => {
      const before = finished();
      const s = runReducer(before, { type: 'dataLoaded', source: upload });
      expect(s).toMatchObject({ status: 'idle', runId: 0, loss: [], epochs: [], result: null, warnings: [] });
      expect(s.runs).toHaveLength(1);
      expect(s.runs[0]).toMatchObject({ runId: 1, status: 'done', data: demo, epochs: [report] });
      expect(s.runs[0].loss).toEqual(before.loss);
      // The next run starts beside it.
      const next = runReducer(s, { type: 'start', runId: 2, modelId: 'dnn', data: upload });
      expect(next.runs.map((r) => [r.runId, r.status])).toEqual([
        [1, 'done'],
        [2, 'training'],
      ]);
    });

    it('keeps the view when the same data is loaded again (a crashed worker rebuilt), and while a run trains', () => {
      const done = finished();
      expect(runReducer(done, { type: 'dataLoaded', source: { ...demo } })).toBe(done);
      const training = runReducer(IDLE_RUN, { type: 'start', runId: 1, modelId: 'dnn', data: demo });
      expect(runReducer(training, { type: 'dataLoaded', source: upload })).toBe(training);
      expect(runReducer(IDLE_RUN, { type: 'dataLoaded', source: upload })).toBe(IDLE_RUN);
    });
  });
});
