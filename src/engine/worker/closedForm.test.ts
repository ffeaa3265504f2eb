import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { TrainEvent, TrainOutcome } from '../protocol';
import { createWorkerApi } from './api';
import { topkValue } from '../metrics/topk';

// The closed-form top-k baselines through the worker's logic, as the page drives them, on a small demo.
const DEMO = { users: 300, items: 400 };

function request(runId: number, modelId: string, modelConfig: Record<string, unknown> = {}) {
  return { runId, modelId, modelConfig, trainConfig: {}, backend: 'wasm' as const };
}

function done(outcome: TrainOutcome) {
  if (outcome.type !== 'done' || outcome.family !== 'topk') {
    throw new Error(`expected a finished top-k run, got ${JSON.stringify(outcome).slice(0, 300)}`);
  }
  return outcome;
}

describe('session: itemknn and ease', () => {
  it('compute at build with progress, are evaluated without training, and leave tensors flat', async () => {
    const s = createWorkerApi();
    await s.initBackend('wasm');
    await s.loadDemo(DEMO);
    const before = tf.memory().numTensors;
    for (const [runId, modelId, stage] of [
      [1, 'itemknn', 'item–item similarity'],
      [2, 'ease', 'EASE inverse'],
    ] as const) {
      const events: TrainEvent[] = [];
      const { result } = done(await s.train(request(runId, modelId), (e) => events.push(e)));
      expect(result.bestEpoch, modelId).toBe(0);
      const r20 = topkValue(result.test!, 'recall', 20);
      expect(r20, modelId).toBeGreaterThan(0);
      const builds = events.flatMap((e) => (e.type === 'build' ? [e] : []));
      const last = builds.filter((b) => b.stage.startsWith(stage)).at(-1);
      expect(last, `${modelId}: ${builds.map((b) => b.stage).join(', ')}`).toBeDefined();
      expect(last!.done).toBe(last!.total);
      expect(events.some((e) => e.type === 'progress')).toBe(false);
    }
    // The trained model stays for the views; loading data disposes it and nothing else is left.
    await s.loadDemo(DEMO);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ease over its item limit ends the run with a message naming items and memory, suggesting itemknn', async () => {
    const s = createWorkerApi();
    await s.loadDemo(DEMO);
    const outcome = await s.train(request(4, 'ease', { maxItems: 100 }), () => {});
    expect(outcome.type).toBe('error');
    expect(outcome.type === 'error' && outcome.message).toMatch(
      /400 × 400 item–item matrix .* about 3 MB of memory, over its limit of 100 items\. Use itemknn/,
    );
  });
});
