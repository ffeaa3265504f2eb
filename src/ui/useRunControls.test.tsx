// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DataSourceRef } from '../engine/importProtocol';
import type { TrainEvent, TrainOutcome } from '../engine/protocol';
import { DEFAULT_SPLIT_CONFIG } from '../engine/importProtocol';
import type { DatasetState } from './useDataset';
import type { ExperimentState } from './useExperiment';
import { useRunControls } from './useRunControls';
import type { RunStoreState } from './useRunStore';
import type { WorkerHandle } from './useWorker';

const demo: DataSourceRef = { kind: 'demo', seed: 42, users: 2000, items: 3000 };
const upload: DataSourceRef = { kind: 'upload', name: 'ratings.csv', hash: 'ab12' };

const report = {
  epoch: 1,
  trainLoss: 0.5,
  valid: { auc: 0.7, gauc: 0.6, logloss: 0.5 },
  trainSeconds: 1,
  evalSeconds: 1,
  rowsPerSec: 1,
};
const result = {
  epochs: [report],
  bestEpoch: 1,
  valid: null,
  test: { auc: 0.71, gauc: 0.6, logloss: 0.5 },
  stopped: false,
  stoppedEarly: false,
  rowsPerSec: 1,
  msPerEpoch: 1,
  peakTensors: 0,
};

/** The data hook's state with `source` loaded. */
function sourced(source: DataSourceRef): DatasetState {
  return {
    dataset: { source },
    origin: () => ({ source, split: DEFAULT_SPLIT_CONFIG, label: null }),
    show() {},
    fail() {},
  } as unknown as DatasetState;
}

/**
 * The hook against stand-ins: a worker that trains one epoch at once, a store that records nothing, and
 * the data and experiment as plain objects (only what the hook reads of them).
 */
function setup() {
  const api = {
    initBackend: () => Promise.resolve({ name: 'cpu' }),
    train: async (request: { runId: number }, onEvent: (e: TrainEvent) => void): Promise<TrainOutcome> => {
      const { runId } = request;
      onEvent({
        type: 'progress',
        runId,
        progress: {
          epoch: 1,
          epochs: 1,
          step: 1,
          stepsPerEpoch: 1,
          loss: 0.5,
          rowsPerSec: 1,
          etaSeconds: 0,
          numTensors: 1,
          paused: false,
        },
      });
      onEvent({ type: 'epoch', runId, family: 'ctr', report });
      return { type: 'done', runId, family: 'ctr', result, warnings: [] };
    },
  };
  const worker = {
    current: () => api,
    running: () => api,
    generation: 0,
    subscribe: () => () => {},
  } as unknown as WorkerHandle;
  const store = {
    ready: true,
    offer: null,
    track: () => ({ onEvent() {}, onOutcome() {} }),
    crashed() {},
    checkpointOf: () => Promise.resolve(null),
    loadSource: () => Promise.reject(new Error('not used')),
    dismissOffer() {},
  } as unknown as RunStoreState;
  const experiment = {
    settings: { modelId: 'dnn', family: 'ctr', modelConfig: {}, trainConfig: { epochs: 1 }, backend: 'cpu' },
    showRun() {},
    link: { openedFromLink: false },
    experiment: { data: demo },
  } as unknown as ExperimentState;
  return renderHook(({ data }) => useRunControls(worker, store, data, experiment), {
    initialProps: { data: sourced(demo) },
  });
}

describe('useRunControls', () => {
  it('empties the curves and epochs when another dataset is loaded; the run stays in the comparison', async () => {
    const hook = setup();
    act(() => hook.result.current.train());
    await waitFor(() => expect(hook.result.current.run.status).toBe('done'));
    expect(hook.result.current.run.epochs).toHaveLength(1);
    expect(hook.result.current.run.runs[0].data).toEqual(demo);

    // The same data again (a crashed worker's rebuild): the view stays.
    hook.rerender({ data: sourced(demo) });
    expect(hook.result.current.run.status).toBe('done');

    hook.rerender({ data: sourced(upload) });
    const { run } = hook.result.current;
    expect(run).toMatchObject({ status: 'idle', loss: [], epochs: [], result: null });
    expect(run.runs.map((r) => [r.runId, r.status, r.data])).toEqual([[1, 'done', demo]]);
  });
});
