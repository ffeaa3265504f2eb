import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { defaults } from '../../models/config';
import { bprmf as bprmfEntry } from '../../models/topk/bprmf';
import { lightgcn } from '../../models/topk/lightgcn';
import { pop } from '../../models/topk/pop';
import { tmfun } from '../../models/topk/tmfun';
import { tinyTopk } from '../../models/topk/topk.testkit';
import type { TopkModel } from '../../models/contract';
import { initBackend } from '../backends';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { topkValue } from '../metrics/topk';
import {
  disposeTopkBatch,
  epochTriples,
  evaluateModel,
  makeTopkBatch,
  trainTopk,
  type TopkCheckpoint,
  type TopkEpochReport,
} from './topk';
import { DEFAULT_TOPK_TRAIN_CONFIG } from './config';
import { NonFiniteLossError, type TrainProgress } from './progress';

beforeAll(async () => {
  await initBackend('wasm');
});

const tiny = tinyTopk(21);
const config = { ...DEFAULT_TOPK_TRAIN_CONFIG, batchSize: 32, learningRate: 0.05, epochs: 40, patience: 3 };

function bprmf(seed = 1): Promise<TopkModel> {
  return bprmfEntry.build(
    { ...defaults(bprmfEntry.configSchema), embeddingDim: 8 },
    tiny.data,
    makeRng(seed),
  );
}

describe('epoch triples', () => {
  const { train, numItems } = tiny.split;

  it('hold every training pair once with a negative outside the user items, seeded per epoch', () => {
    const t = epochTriples(train, numItems, 42, 1);
    expect(t.users.length).toBe(train.indices.length);
    const pairs = new Set<string>();
    for (let k = 0; k < t.users.length; k++) {
      const u = t.users[k];
      const own = Array.from(train.indices.subarray(train.indptr[u], train.indptr[u + 1]));
      expect(own).toContain(t.pos[k]);
      expect(own).not.toContain(t.neg[k]);
      pairs.add(`${u}/${t.pos[k]}`);
    }
    expect(pairs.size).toBe(train.indices.length);
    const again = epochTriples(train, numItems, 42, 1);
    expect(Array.from(again.neg)).toEqual(Array.from(t.neg));
    expect(Array.from(epochTriples(train, numItems, 42, 2).users)).not.toEqual(Array.from(t.users));
  });

  it('draws several negatives per pair as consecutive triples, one negative exactly as before', () => {
    const one = epochTriples(train, numItems, 42, 3);
    expect(epochTriples(train, numItems, 42, 3, 1)).toEqual(one);
    const t = epochTriples(train, numItems, 42, 3, 3);
    expect(t.users.length).toBe(3 * train.indices.length);
    for (let k = 0; k < train.indices.length; k++) {
      const u = t.users[3 * k];
      const own = Array.from(train.indices.subarray(train.indptr[u], train.indptr[u + 1]));
      for (let r = 3 * k; r < 3 * k + 3; r++) {
        expect([t.users[r], t.pos[r]]).toEqual([u, t.pos[3 * k]]);
        expect(own).not.toContain(t.neg[r]);
      }
    }
    // The pairs are those of the one-negative epoch, in the same order.
    expect(Array.from(t.users.filter((_, r) => r % 3 === 0))).toEqual(Array.from(one.users));
    expect(Array.from(t.pos.filter((_, r) => r % 3 === 0))).toEqual(Array.from(one.pos));
  });

  it('draws negatives uniformly over the allowed items', () => {
    // One user with items 0 and 1 of 6: negatives 2..5 each ≈ 1/4 of many draws.
    const one = { indptr: Int32Array.from([0, 2]), indices: Int32Array.from([0, 1]) };
    const counts = new Array<number>(6).fill(0);
    for (let e = 1; e <= 2000; e++) for (const j of epochTriples(one, 6, 7, e).neg) counts[j]++;
    expect(counts.slice(0, 2)).toEqual([0, 0]);
    for (const c of counts.slice(2)) expect(c / 4000).toBeCloseTo(0.25, 1);
  });

  it('batches list their distinct positives in ascending order', async () => {
    const t = {
      users: Int32Array.from([0, 1, 2]),
      pos: Int32Array.from([5, 2, 5]),
      neg: Int32Array.from([1, 1, 1]),
    };
    const b = makeTopkBatch(t, 0, 3, new Int32Array(8), 1);
    expect(Array.from(await b.uniquePos.data())).toEqual([2, 5]);
    expect(b.size).toBe(3);
    disposeTopkBatch(b);
  });
});

describe('trainTopk', () => {
  it('stops early, restores the best epoch, scores the test split, and keeps tensors flat', async () => {
    const model = await bprmf();
    const before = tf.memory().numTensors;
    const perEpoch: number[] = [];
    const reports: TopkEpochReport[] = [];
    const result = await trainTopk(model, tiny.split, config, {
      onEpoch: (e) => {
        reports.push(e);
        perEpoch.push(tf.memory().numTensors);
      },
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochs.length).toBe(result.bestEpoch + config.patience);
    const best = Math.max(...reports.map((e) => topkValue(e.valid, 'recall', 20)));
    expect(topkValue(result.valid!, 'recall', 20)).toBe(best);
    expect(reports[result.bestEpoch - 1].valid).toBe(result.valid);
    // The restored weights give the best epoch's validation metrics again.
    const again = await evaluateModel(model, tiny.split, tiny.split.valid, [10, 20]);
    expect(topkValue(again, 'recall', 20)).toBeCloseTo(best, 10);
    expect(result.test!.ks).toEqual([5, 10, 20, 50]);
    expect(topkValue(result.test!, 'recall', 20)).toBeGreaterThan(0.3); // pop-like structure is learnable
    expect(result.msPerEpoch).toBeGreaterThan(0);
    expect(new Set(perEpoch.slice(1)).size).toBe(1); // flat from epoch to epoch (epoch 1 creates the cache)
    expect(perEpoch[0]).toBe(perEpoch[1]);
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });

  it('traces the test metrics of every epoch without changing the pick or the result', async () => {
    const run = async (traceTest: boolean) => {
      const model = await bprmf(4);
      const result = await trainTopk(model, tiny.split, { ...config, epochs: 8 }, { traceTest });
      model.dispose();
      return result;
    };
    const plain = await run(false);
    const traced = await run(true);
    expect(plain.epochs.every((e) => e.test === undefined)).toBe(true);
    expect(traced.epochs.every((e) => e.test !== undefined)).toBe(true);
    expect(traced.bestEpoch).toBe(plain.bestEpoch);
    expect(traced.valid).toEqual(plain.valid);
    expect(traced.test).toEqual(plain.test);
    // The traced test of the best epoch is the test result the run reports.
    expect(traced.epochs[traced.bestEpoch - 1].test).toEqual(traced.test);
    // And it moves from epoch to epoch (else the trace would say nothing).
    const n20 = traced.epochs.map((e) => topkValue(e.test!, 'ndcg', 20));
    expect(new Set(n20).size).toBeGreaterThan(1);
  });

  // Pruned tmfun: each epoch trains on its own draw of the user–item graph, which a resumed run must draw again.
  it('continues from an epoch checkpoint exactly as the uninterrupted run, without leaking', async () => {
    const cfg = { ...config, epochs: 6, patience: 0 };
    const build = () =>
      tmfun.build(
        { ...defaults(tmfun.configSchema), embeddingDim: 8, knnK: 5, edgeDropout: 0.5 },
        tiny.data,
        makeRng(2),
      );
    const whole = await build();
    const saved: Uint8Array[] = [];
    const a = await trainTopk(whole, tiny.split, cfg, {
      onCheckpoint: (c) => void saved.push(encodeCheckpoint(c)),
    });
    expect(saved.length).toBe(6);
    const ckpt = decodeCheckpoint<TopkCheckpoint['config'], TopkEpochReport>(saved[2]);
    expect([ckpt.epoch, ckpt.step, ckpt.history.length]).toEqual([
      3,
      3 * Math.ceil(tiny.split.train.indices.length / 32),
      3,
    ]);

    const before = tf.memory().numTensors;
    const part = await build();
    const b = await trainTopk(part, tiny.split, cfg, { resumeFrom: ckpt });
    const strip = (r: typeof a) => r.epochs.map((e) => [e.epoch, e.trainLoss, e.valid]);
    expect(strip(b)).toEqual(strip(a));
    expect(b.bestEpoch).toBe(a.bestEpoch);
    expect(b.test).toEqual(a.test);
    part.trainableVariables.forEach((v, i) =>
      expect(Array.from(v.dataSync())).toEqual(Array.from(whole.trainableVariables[i].dataSync())),
    );
    part.dispose();
    expect(tf.memory().numTensors).toBe(before);
    whole.dispose();
  });

  it('continues from a checkpoint made as the run paused mid-epoch exactly as the uninterrupted run', async () => {
    const cfg = { ...config, epochs: 3, patience: 0 };
    const build = () =>
      tmfun.build(
        { ...defaults(tmfun.configSchema), embeddingDim: 8, knnK: 5, edgeDropout: 0.5 },
        tiny.data,
        makeRng(2),
      );
    const whole = await build();
    const a = await trainTopk(whole, tiny.split, cfg, { progressIntervalMs: 0 });

    // The gate is asked before a report is counted: the 5th report, step 2 of epoch 2 (3 steps an epoch),
    // pauses; its checkpoint is taken and the run stops.
    const steps = Math.ceil(tiny.split.train.indices.length / 32);
    expect(steps).toBe(3);
    let reports = 0;
    let paused: TopkCheckpoint | null = null;
    const first = await build();
    await trainTopk(first, tiny.split, cfg, {
      progressIntervalMs: 0,
      onProgress: () => reports++,
      pauseGate: () => (reports === 4 ? Promise.resolve() : null),
      onCheckpoint: (c) => {
        if (c.partial)
          paused = decodeCheckpoint<TopkCheckpoint['config'], TopkEpochReport>(encodeCheckpoint(c));
      },
      shouldStop: () => paused !== null,
    });
    first.dispose();
    const ckpt = paused as TopkCheckpoint | null;
    expect([ckpt?.epoch, ckpt?.step]).toEqual([1, 5]);
    // tmfun's fused graph of epoch 2 came from the weights after epoch 1: the checkpoint keeps them.
    expect(ckpt!.epochStart).not.toBeNull();

    const before = tf.memory().numTensors;
    const part = await build();
    const b = await trainTopk(part, tiny.split, cfg, { resumeFrom: ckpt! });
    const strip = (r: typeof a) => r.epochs.map((e) => [e.epoch, e.trainLoss, e.valid]);
    expect(strip(b)).toEqual(strip(a));
    expect(b.test).toEqual(a.test);
    part.trainableVariables.forEach((v, i) =>
      expect(Array.from(v.dataSync())).toEqual(Array.from(whole.trainableVariables[i].dataSync())),
    );
    part.dispose();
    expect(tf.memory().numTensors).toBe(before);
    whole.dispose();
  });

  it('refuses a checkpoint of another batch size, or one whose step is outside its epoch', async () => {
    const model = await bprmf(3);
    let ckpt: TopkCheckpoint | null = null;
    await trainTopk(model, tiny.split, { ...config, epochs: 1 }, { onCheckpoint: (c) => void (ckpt = c) });
    model.dispose();
    const fresh = await bprmf(3);
    await expect(
      trainTopk(fresh, tiny.split, { ...config, batchSize: 16 }, { resumeFrom: ckpt! }),
    ).rejects.toThrow('The checkpoint used batch size 32, this run 16.');
    await expect(
      trainTopk(fresh, tiny.split, config, { resumeFrom: { ...ckpt!, step: ckpt!.step - 1 } }),
    ).rejects.toThrow(/is not in epoch 2/);
    fresh.dispose();
  });

  it('trains with several negatives per positive: the same steps, a different loss, no leak', async () => {
    const run = async (negatives: number) => {
      const model = await bprmf(5);
      const before = tf.memory().numTensors;
      const progress: TrainProgress[] = [];
      const result = await trainTopk(
        model,
        tiny.split,
        { ...config, epochs: 2, patience: 0, negatives },
        { progressIntervalMs: 0, onProgress: (p) => progress.push(p) },
      );
      const after = tf.memory().numTensors;
      model.dispose();
      return { result, steps: progress.length, leaked: after - before };
    };
    const one = await run(1);
    const four = await run(4);
    expect(four.steps).toBe(one.steps);
    expect(four.leaked).toBe(one.leaked);
    expect(four.result.epochs.map((e) => e.trainLoss)).not.toEqual(one.result.epochs.map((e) => e.trainLoss));
    expect(four.result.epochs.every((e) => Number.isFinite(e.trainLoss))).toBe(true);
  });

  it('learns: validation Recall@20 of lightgcn beats its untrained self', async () => {
    const model = await lightgcn.build(
      { ...defaults(lightgcn.configSchema), embeddingDim: 8 },
      tiny.data,
      makeRng(2),
    );
    const untrained = await evaluateModel(model, tiny.split, tiny.split.valid, [20]);
    const result = await trainTopk(model, tiny.split, { ...config, epochs: 15 });
    expect(topkValue(result.valid!, 'recall', 20)).toBeGreaterThan(topkValue(untrained, 'recall', 20) + 0.1);
    model.dispose();
  });

  it('stops on request (a test score only once an epoch finished) and pauses at a progress report', async () => {
    const model = await bprmf(3);
    const progress: TrainProgress[] = [];
    let paused = false;
    const result = await trainTopk(
      model,
      tiny.split,
      { ...config, patience: 0 },
      {
        progressIntervalMs: 0,
        onProgress: (p) => progress.push(p),
        pauseGate: () => {
          if (paused) return null;
          paused = true;
          return new Promise((resolve) => setTimeout(resolve, 10));
        },
        shouldStop: () => progress.length >= 5,
      },
    );
    expect(result.stopped).toBe(true);
    // Whether an epoch ended before the stop depends on the machine's speed; the score follows it.
    expect(result.test === null).toBe(result.epochs.length === 0);
    expect(progress[0].paused).toBe(true);
    expect(progress[1].paused).toBe(false);
    expect(progress.every((p) => Number.isFinite(p.loss))).toBe(true);
    model.dispose();
  });

  it('stops with a message naming the epoch, step and learning rate when the loss becomes NaN', async () => {
    const model = await bprmf();
    const before = tf.memory().numTensors;
    // A weight that is already NaN: every loss from the first step on is NaN.
    const v = model.trainableVariables[0];
    tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
    const progress: TrainProgress[] = [];
    const run = trainTopk(model, tiny.split, config, { onProgress: (p) => progress.push(p) });
    await expect(run).rejects.toThrow(NonFiniteLossError);
    await expect(run).rejects.toThrow(/loss became NaN at epoch 1, step \d+: the learning rate \(0\.05\)/);
    expect(progress.every((p) => Number.isFinite(p.loss))).toBe(true); // nothing NaN reached the curves
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('only evaluates a model without variables (pop)', async () => {
    const model = await pop.build({}, tiny.data);
    const result = await trainTopk(model, tiny.split, config);
    expect(result.epochs).toEqual([]);
    expect(result.bestEpoch).toBe(0);
    expect(result.test).not.toBeNull();
    model.dispose();
  });
});
