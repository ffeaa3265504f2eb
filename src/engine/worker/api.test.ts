import { describe, expect, it } from 'vitest';
import type { TrainEvent } from '../protocol';
import { createWorkerApi } from './api';
import { DEFAULT_SPLIT_CONFIG } from '../importProtocol';
import { summarize } from '../../data/types';
import { checkData } from '../../models/dataCheck';
import { REGISTRY } from '../../models/registry';

// The worker's logic, driven as the page drives it, in Node.
describe('session', () => {
  it('refuses to train before a dataset is loaded, with a message', async () => {
    const s = createWorkerApi();
    const outcome = await s.train(
      { runId: 1, modelId: 'dnn', modelConfig: {}, trainConfig: {}, backend: 'wasm' },
      () => {},
    );
    expect(outcome).toEqual({ type: 'error', runId: 1, message: 'No dataset is loaded.' });
  });

  it('loads the demo, trains with run-tagged events, reports adjusted settings, and stops on request', async () => {
    const s = createWorkerApi();
    const loaded = await s.loadDemo({ users: 300, items: 400 });
    expect(loaded.type === 'ok' && loaded.summary.numUsers).toBe(300);
    expect(loaded.type === 'ok' && loaded.split.method).toBe('chronological');
    const events: TrainEvent[] = [];
    const outcome = await s.train(
      {
        runId: 7,
        modelId: 'dnn',
        modelConfig: { embeddingDim: 8, bogus: 1 },
        trainConfig: { epochs: 1, batchSize: 100000 },
        backend: 'wasm',
      },
      (e) => events.push(e),
    );
    expect(outcome.type).toBe('done');
    if (outcome.type !== 'done') return;
    expect(outcome.warnings).toEqual([
      'bogus: unknown setting, ignored',
      'batchSize: 100000 is outside [16, 8192]; clamped to 8192',
    ]);
    expect(events[0]).toMatchObject({ type: 'backend', runId: 7, info: { name: 'wasm' } });
    expect(events.every((e) => e.runId === 7)).toBe(true);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(1);

    let seen = 0;
    const stopped = await s.train(
      {
        runId: 8,
        modelId: 'dnn',
        modelConfig: {},
        trainConfig: { epochs: 3, batchSize: 16 },
        backend: 'wasm',
      },
      () => {
        if (++seen === 2) s.stop(8);
      },
    );
    expect(stopped.type === 'done' && stopped.result.stopped).toBe(true);
  });

  it('names an unknown model', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 50, items: 60 });
    const outcome = await s.train(
      { runId: 2, modelId: 'nope', modelConfig: {}, trainConfig: {}, backend: 'cpu' },
      () => {},
    );
    expect(outcome).toMatchObject({ type: 'error', message: 'Unknown model "nope".' });
  });

  it('refuses din on data where no user has an earlier interaction, with the check’s message', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 50, items: 60 });
    const ds = (await s.snapshotDataset())!;
    // Each user's first row only: no behaviour sequences.
    const first = Array.from(ds.interactions.user, (u, r) => ds.interactions.user.indexOf(u) === r);
    const keep = <T extends Int32Array | Float32Array | Float64Array>(a: T) =>
      a.filter((_, r) => first[r]) as T;
    const { user, item, timestamp, label } = ds.interactions;
    const single = {
      ...ds,
      interactions: { user: keep(user), item: keep(item), timestamp: keep(timestamp), label: keep(label) },
    };
    const source = { kind: 'upload', name: 'single.csv', hash: '0123456789abcdef' } as const;
    expect((await s.loadDataset(single, source, DEFAULT_SPLIT_CONFIG)).type).toBe('ok');
    const events: TrainEvent[] = [];
    const outcome = await s.train(
      { runId: 3, modelId: 'din', modelConfig: {}, trainConfig: { epochs: 1 }, backend: 'cpu' },
      (e) => events.push(e),
    );
    expect(outcome).toEqual({
      type: 'error',
      runId: 3,
      message: checkData(REGISTRY.get('din')!, summarize(single))!.message,
    });
    expect(outcome.type === 'error' && outcome.message).toMatch(/^din cannot train on these data/);
    expect(events).toEqual([]);
  });

  it('pauses and resumes a run by id, reporting paused in the progress event, and stops a paused run', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 300, items: 400 });
    const request = {
      modelId: 'dnn',
      modelConfig: { embeddingDim: 4, hiddenUnits: [8] },
      // Three epochs: at least three progress reports, whatever the machine's speed.
      trainConfig: { epochs: 3, batchSize: 64 },
      backend: 'wasm' as const,
    };
    const paused: boolean[] = [];
    const reportsAtResume: number[] = [];
    const outcome = await s.train({ ...request, runId: 11 }, (e) => {
      if (e.type !== 'progress') return;
      paused.push(e.progress.paused === true);
      if (paused.length === 1) {
        s.pause(10); // another run's id: ignored
        s.pause(11);
      }
      if (e.progress.paused) {
        // Resumed from a later task: until then the worker must send nothing.
        setTimeout(() => {
          reportsAtResume.push(paused.length);
          s.resume(11);
        }, 0);
      }
    });
    expect(outcome).toMatchObject({ type: 'done', result: { stopped: false } });
    expect(paused.slice(0, 3)).toEqual([false, true, false]);
    expect(reportsAtResume).toEqual([2]);
    expect(paused.filter(Boolean)).toHaveLength(1);

    const stopped = await s.train({ ...request, runId: 12 }, (e) => {
      if (e.type !== 'progress') return;
      if (!e.progress.paused) s.pause(12);
      else setTimeout(() => s.stop(12), 0);
    });
    expect(stopped).toMatchObject({ type: 'done', result: { stopped: true } });
    // A stop scores the best epoch so far: a test result exactly when an epoch finished before it landed
    // (a fast machine may finish one before the pause does).
    if (stopped.type !== 'done') throw new Error('the stopped run did not end as done');
    expect(stopped.result.test === null).toBe(stopped.result.epochs.length === 0);
  });
});

describe('session checkpoints', () => {
  const demo = { users: 200, items: 300 };
  const request = {
    modelId: 'dnn',
    modelConfig: { embeddingDim: 4, hiddenUnits: [8] },
    trainConfig: { epochs: 2, batchSize: 256 },
    backend: 'wasm' as const,
  };

  it('sends a checkpoint per epoch when asked; resuming epoch 1’s in a fresh session ends as the whole run', async () => {
    const s = createWorkerApi();
    await s.loadDemo(demo);
    const events: TrainEvent[] = [];
    const straight = await s.train({ ...request, runId: 1, checkpoints: true }, (e) => events.push(e));
    expect(straight.type).toBe('done');
    const checkpoints = events.filter((e) => e.type === 'checkpoint');
    expect(checkpoints.map((c) => [c.epoch, c.paused])).toEqual([
      [1, false],
      [2, false],
    ]);
    expect(checkpoints[0].bytes).toBeInstanceOf(Uint8Array);

    // Without the flag: no checkpoints (they cost a device read).
    const quiet: TrainEvent[] = [];
    await s.train({ ...request, runId: 2 }, (e) => quiet.push(e));
    expect(quiet.some((e) => e.type === 'checkpoint')).toBe(false);

    const fresh = createWorkerApi();
    await fresh.loadDemo(demo);
    const resumedEvents: TrainEvent[] = [];
    const resumed = await fresh.train(
      { ...request, runId: 3, checkpoints: true, resumeFrom: checkpoints[0].bytes },
      (e) => resumedEvents.push(e),
    );
    expect(resumed.type).toBe('done');
    if (straight.type !== 'done' || resumed.type !== 'done') return;
    expect(resumed.result.test).not.toBeNull();
    expect(resumed.result.test).toEqual(straight.result.test);
    expect(resumed.result.epochs.map((e) => e.valid)).toEqual(straight.result.epochs.map((e) => e.valid));
    // The page sees the restored epoch first, then the one trained now, and one new checkpoint.
    const epochEvents = resumedEvents.filter((e) => e.type === 'epoch');
    expect(epochEvents.map((e) => e.report.epoch)).toEqual([1, 2]);
    expect(resumedEvents.filter((e) => e.type === 'checkpoint').map((e) => e.epoch)).toEqual([2]);
  });

  it('refuses a damaged checkpoint or one of another model with a message', async () => {
    const s = createWorkerApi();
    await s.loadDemo(demo);
    const damaged = await s.train(
      { ...request, runId: 4, resumeFrom: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]) },
      () => {},
    );
    expect(damaged).toMatchObject({ type: 'error', message: 'Not a recplay checkpoint.' });
    let bytes: Uint8Array | null = null;
    await s.train(
      { ...request, trainConfig: { epochs: 1, batchSize: 256 }, runId: 5, checkpoints: true },
      (e) => {
        if (e.type === 'checkpoint') bytes = e.bytes;
      },
    );
    const other = await s.train(
      { ...request, modelConfig: { embeddingDim: 6, hiddenUnits: [8] }, runId: 6, resumeFrom: bytes! },
      () => {},
    );
    expect(other).toMatchObject({ type: 'error', message: expect.stringMatching(/shape/) });
  });

  it('exports the current dataset and loads it back (a stored upload), refusing a damaged one', async () => {
    const s = createWorkerApi();
    await s.loadDemo(demo);
    const ds = await s.snapshotDataset();
    expect(ds?.numUsers).toBe(200);
    const fresh = createWorkerApi();
    const source = { kind: 'upload', name: 'x.csv', hash: '0123456789abcdef' } as const;
    const loaded = await fresh.loadDataset(structuredClone(ds!), source, DEFAULT_SPLIT_CONFIG);
    expect(loaded).toMatchObject({ type: 'ok', source, summary: { numUsers: 200 } });
    const broken = structuredClone(ds!);
    (broken.interactions.item as Int32Array)[0] = 10_000;
    const refused = await fresh.loadDataset(broken, source, DEFAULT_SPLIT_CONFIG);
    expect(refused).toMatchObject({
      type: 'error',
      issue: { message: expect.stringMatching(/user or item that does not exist/) },
    });
  });
});
