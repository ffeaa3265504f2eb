import { describe, expect, it } from 'vitest';
import type { TrainEvent } from './protocol';
import { createSession } from './session';

// The worker's logic, driven as the page drives it, in Node.
describe('session', () => {
  it('refuses to train before a dataset is loaded, with a message', async () => {
    const s = createSession();
    const outcome = await s.train(
      { runId: 1, modelId: 'dnn', modelConfig: {}, trainConfig: {}, backend: 'wasm' },
      () => {},
    );
    expect(outcome).toEqual({ type: 'error', runId: 1, message: 'No dataset is loaded.' });
  });

  it('loads the demo, trains with run-tagged events, reports adjusted settings, and stops on request', async () => {
    const s = createSession();
    const summary = await s.loadDemo({ users: 300, items: 400 });
    expect(summary.numUsers).toBe(300);
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
    const s = createSession();
    await s.loadDemo({ users: 50, items: 60 });
    const outcome = await s.train(
      { runId: 2, modelId: 'nope', modelConfig: {}, trainConfig: {}, backend: 'cpu' },
      () => {},
    );
    expect(outcome).toMatchObject({ type: 'error', message: 'Unknown model "nope".' });
  });
});
