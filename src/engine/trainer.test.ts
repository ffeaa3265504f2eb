import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../data/demo';
import { encodeCtr } from '../data/features';
import { makeRng } from '../data/random';
import { chronologicalSplit } from '../data/split';
import { defaults } from '../models/config';
import { dnnSpec } from '../models/dnn';
import { initBackend } from './backends';
import { DEFAULT_TRAIN_CONFIG, trainCtr, type TrainProgress } from './trainer';

// The default demo dataset, trained on wasm as in the browser.
const dataset = generateDemo();
const encoding = encodeCtr(dataset);
const split = chronologicalSplit(dataset.interactions);

beforeAll(async () => {
  await initBackend('wasm');
});

describe('trainCtr with dnn on the demo data (wasm)', () => {
  it('lowers the loss and reaches validation AUC ≥ 0.70, without leaking tensors', async () => {
    const startTensors = tf.memory().numTensors;
    const model = dnnSpec.build(defaults(dnnSpec.configSchema), encoding, makeRng('42/init'));
    const afterBuild = tf.memory().numTensors;
    const progress: TrainProgress[] = [];
    const tensorsAtEpochEnd: number[] = [];
    const result = await trainCtr(
      model,
      encoding,
      split,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 2 },
      {
        onProgress: (p) => progress.push(p),
        onEpoch: () => tensorsAtEpochEnd.push(tf.memory().numTensors),
      },
    );
    const first = progress[0].loss;
    const last = progress[progress.length - 1].loss;
    console.log(
      `dnn demo: valid AUC ${result.epochs.map((e) => e.valid.auc.toFixed(4)).join(' → ')}, ` +
        `test AUC ${result.test?.auc.toFixed(4)}, ${Math.round(result.rowsPerSec)} rows/s, loss ${first.toFixed(3)} → ${last.toFixed(3)}`,
    );
    expect(last).toBeLessThan(first);
    expect(result.epochs).toHaveLength(2);
    expect(Math.max(...result.epochs.map((e) => e.valid.auc))).toBeGreaterThanOrEqual(0.7);
    expect(result.test!.auc).toBeGreaterThan(0.65);
    // Flat: the same number of live tensors after each epoch, and only the model's own after the run.
    expect(tensorsAtEpochEnd[1]).toBe(tensorsAtEpochEnd[0]);
    expect(tf.memory().numTensors).toBe(afterBuild);
    model.dispose();
    expect(tf.memory().numTensors).toBe(startTensors);
  });

  it('gives identical losses for the same seed and different ones for another seed', async () => {
    const small = { ...DEFAULT_TRAIN_CONFIG, epochs: 1 };
    const rows = { ...split, train: split.train.subarray(0, 4096), valid: split.valid.subarray(0, 2000) };
    const run = async (seed: number) => {
      const model = dnnSpec.build(
        { ...defaults(dnnSpec.configSchema), dropout: 0.2 },
        encoding,
        makeRng(`${seed}/init`),
      );
      const losses: number[] = [];
      const r = await trainCtr(
        model,
        encoding,
        rows,
        { ...small, seed },
        {
          progressIntervalMs: 0,
          onProgress: (p) => losses.push(p.loss),
        },
      );
      model.dispose();
      return { losses, auc: r.epochs[0].valid.auc };
    };
    const a = await run(1);
    const b = await run(1);
    const c = await run(2);
    expect(a.losses.length).toBe(16);
    expect(b).toEqual(a);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('stops when asked and reports it', async () => {
    const model = dnnSpec.build(defaults(dnnSpec.configSchema), encoding, makeRng('1/init'));
    let reports = 0;
    const result = await trainCtr(model, encoding, split, DEFAULT_TRAIN_CONFIG, {
      progressIntervalMs: 0,
      onProgress: () => reports++,
      shouldStop: () => reports >= 3,
    });
    model.dispose();
    expect(result.stopped).toBe(true);
    expect(result.epochs).toHaveLength(0);
    expect(result.test).toBeNull();
  });

  it('stops with a message naming the cause when the loss diverges', async () => {
    const model = dnnSpec.build(
      { ...defaults(dnnSpec.configSchema), initStd: 1 },
      encoding,
      makeRng('1/init'),
    );
    const rows = { ...split, train: split.train.subarray(0, 20000) };
    await expect(
      trainCtr(
        model,
        encoding,
        rows,
        { ...DEFAULT_TRAIN_CONFIG, optimizer: 'sgd', learningRate: 1e8, epochs: 1 },
        {
          progressIntervalMs: 0,
        },
      ),
    ).rejects.toThrow(/learning rate/);
    model.dispose();
  });
});
