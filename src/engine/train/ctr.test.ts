import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { makeRng } from '../../data/random';
import { chronologicalSplit } from '../../data/split';
import { defaults } from '../../models/config';
import { autoint } from '../../models/ctr/autoint';
import { dnn } from '../../models/ctr/dnn';
import type { CtrModel } from '../../models/contract';
import { initBackend } from '../backends';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { evaluateCtr, trainCtr, type CtrCheckpoint, type CtrEpochReport, type CtrTrainOptions } from './ctr';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from './config';
import { NonFiniteLossError, type TrainProgress } from './progress';

// The default demo dataset, trained on wasm as in the browser.
const dataset = generateDemo();
const encoding = encodeCtr(dataset);
const split = chronologicalSplit(dataset.interactions);

beforeAll(async () => {
  await initBackend('wasm');
});

describe('trainCtr with dnn on the demo data (wasm)', () => {
  it('stops with a message naming the epoch, step and learning rate when the loss becomes NaN', async () => {
    const model = await dnn.build(defaults(dnn.configSchema), encoding, makeRng('42/init'));
    const before = tf.memory().numTensors;
    // A weight that is already NaN: every loss from the first step on is NaN.
    const v = model.trainableVariables[0];
    tf.tidy(() => v.assign(tf.fill(v.shape, NaN)));
    const progress: TrainProgress[] = [];
    const run = trainCtr(
      model,
      encoding,
      split,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 1 },
      {
        onProgress: (p) => progress.push(p),
      },
    );
    await expect(run).rejects.toThrow(NonFiniteLossError);
    await expect(run).rejects.toThrow(/loss became NaN at epoch 1, step \d+: the learning rate \(0\.001\)/);
    expect(progress.every((p) => Number.isFinite(p.loss))).toBe(true); // nothing NaN reached the curves
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('lowers the loss and reaches validation AUC ≥ 0.70, without leaking tensors', async () => {
    const startTensors = tf.memory().numTensors;
    const model = await dnn.build(defaults(dnn.configSchema), encoding, makeRng('42/init'));
    const afterBuild = tf.memory().numTensors;
    const progress: TrainProgress[] = [];
    const tensorsAtEpochEnd: number[] = [];
    const bytesAtEpochEnd: number[] = [];
    const result = await trainCtr(
      model,
      encoding,
      split,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 2 },
      {
        onProgress: (p) => progress.push(p),
        onEpoch: () => {
          tensorsAtEpochEnd.push(tf.memory().numTensors);
          bytesAtEpochEnd.push(tf.memory().numBytes);
        },
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
    expect(bytesAtEpochEnd[1]).toBe(bytesAtEpochEnd[0]);
    for (const p of progress) {
      expect(p.paused).toBe(false);
      expect(p.rowsPerSec).toBeGreaterThan(0);
      expect(Number.isFinite(p.etaSeconds) && p.etaSeconds >= 0).toBe(true);
    }
    expect(result.stoppedEarly).toBe(false);
    expect(tf.memory().numTensors).toBe(afterBuild);
    model.dispose();
    expect(tf.memory().numTensors).toBe(startTensors);
  });

  it('stops when asked and reports it', async () => {
    const model = await dnn.build(defaults(dnn.configSchema), encoding, makeRng('1/init'));
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

  it('scores a run stopped after an epoch with its best weights so far', async () => {
    const model = await dnn.build(defaults(dnn.configSchema), encoding, makeRng('2/init'));
    let epochs = 0;
    const result = await trainCtr(
      model,
      encoding,
      split,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 3 },
      {
        onEpoch: () => epochs++,
        shouldStop: () => epochs >= 1,
      },
    );
    expect(result.stopped).toBe(true);
    expect(result.epochs).toHaveLength(1);
    expect(result.bestEpoch).toBe(1);
    // The model holds the best epoch's weights: scoring them again gives the result's test figures.
    expect(result.test).toEqual(await evaluateCtr(model, encoding, split.test));
    model.dispose();
  });

  it('stops with a message naming the cause when the loss diverges', async () => {
    const model = await dnn.build({ ...defaults(dnn.configSchema), initStd: 1 }, encoding, makeRng('1/init'));
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

// A slice of the demo data and a narrow dnn keep the cpu runs short: 8 steps of 128 rows per epoch.
const small = {
  train: split.train.subarray(0, 1024),
  valid: split.valid.subarray(0, 1000),
  test: split.test.subarray(0, 1000),
};
const SMALL_CONFIG: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batchSize: 128 };

function buildDnn(seed: number): Promise<CtrModel> {
  return dnn.build(
    { ...defaults(dnn.configSchema), embeddingDim: 8, hiddenUnits: [32], dropout: 0.2 },
    encoding,
    makeRng(`${seed}/init`),
  );
}

/** Trains a fresh dnn and returns the loss of every step (a report per step) and the result. */
async function lossesOf(model: CtrModel, config: TrainConfig, options: CtrTrainOptions = {}) {
  const losses: number[] = [];
  const result = await trainCtr(model, encoding, small, config, {
    progressIntervalMs: 0,
    ...options,
    onProgress: (p) => {
      losses.push(p.loss);
      options.onProgress?.(p);
    },
  });
  return { losses, result };
}

/** An epoch report without its timings, which legitimately differ between runs. */
const untimed = ({ epoch, trainLoss, valid }: CtrEpochReport) => ({ epoch, trainLoss, valid });

describe.each(['cpu', 'wasm'] as const)('trainCtr determinism and checkpoints on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('gives identical losses for the same seed and different ones for another seed', async () => {
    const config = { ...SMALL_CONFIG, epochs: 1 };
    const run = async (seed: number) => {
      const model = await buildDnn(seed);
      const r = await lossesOf(model, { ...config, seed });
      model.dispose();
      return { losses: r.losses, valid: r.result.epochs[0].valid };
    };
    const a = await run(1);
    const b = await run(1);
    const c = await run(2);
    expect(a.losses.length).toBe(8);
    expect(b).toEqual(a);
    expect(c.losses).not.toEqual(a.losses);
  });

  it('gives identical losses for the same seed with autoint (attention, its own kernels on wasm)', async () => {
    const config = { ...SMALL_CONFIG, epochs: 1, seed: 4 };
    const run = async () => {
      const model = await autoint.build(
        { ...defaults(autoint.configSchema), hiddenUnits: [16], dropout: 0.1 },
        encoding,
        makeRng('4/init'),
      );
      const r = await lossesOf(model, config);
      model.dispose();
      return r.losses;
    };
    const a = await run();
    expect(a.length).toBe(8);
    expect(new Set(a).size).toBeGreaterThan(1);
    expect(await run()).toEqual(a);
  });

  it('continues from an epoch-end or a paused mid-epoch checkpoint exactly as an uninterrupted run', async () => {
    const before = tf.memory().numTensors;
    const config: TrainConfig = {
      ...SMALL_CONFIG,
      epochs: 2,
      schedule: 'cosine',
      warmupSteps: 4,
      weightDecay: 1e-3,
      clipNorm: 1,
      seed: 5,
    };
    const straightModel = await buildDnn(5);
    const straight = await lossesOf(straightModel, config);
    straightModel.dispose();
    expect(straight.losses).toHaveLength(16);

    // Epoch 1 only, pausing after step 5 and after the last step 8 (each pause hands out a checkpoint),
    // then stopping.
    const checkpoints: CtrCheckpoint[] = [];
    let epochsDone = 0;
    let reports = 0;
    const firstModel = await buildDnn(5);
    const first = await lossesOf(firstModel, config, {
      onProgress: () => reports++,
      pauseGate: () => (reports === 4 || reports === 7 ? Promise.resolve() : null),
      onEpoch: () => epochsDone++,
      onCheckpoint: (c) => {
        checkpoints.push(decodeCheckpoint<TrainConfig, CtrEpochReport>(encodeCheckpoint(c)));
      },
      shouldStop: () => epochsDone === 1,
    });
    firstModel.dispose();
    expect(first.result.stopped).toBe(true);
    expect(first.losses).toEqual(straight.losses.slice(0, 8));
    expect(checkpoints.map((c) => [c.epoch, c.step])).toEqual([
      [0, 5],
      [0, 8],
      [1, 8],
    ]);

    for (const ckpt of checkpoints) {
      const model = await buildDnn(99); // other initial weights: the checkpoint must replace them
      const resumed = await lossesOf(model, config, { resumeFrom: ckpt });
      expect(resumed.losses).toEqual(straight.losses.slice(ckpt.step));
      expect(resumed.result.epochs.map(untimed)).toEqual(straight.result.epochs.map(untimed));
      expect(resumed.result.bestEpoch).toBe(straight.result.bestEpoch);
      expect(resumed.result.test).toEqual(straight.result.test);
      model.dispose();
    }

    const model = await buildDnn(1);
    await expect(
      trainCtr(model, encoding, small, { ...config, batchSize: 64 }, { resumeFrom: checkpoints[1] }),
    ).rejects.toThrow(/batch size/);
    await expect(
      trainCtr(model, encoding, small, { ...config, optimizer: 'sgd' }, { resumeFrom: checkpoints[1] }),
    ).rejects.toThrow(/adam state/);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** A model whose every row gets the same logit `b`: validation AUC is exactly 0.5 in every epoch. */
function constantModel(): CtrModel & { bias: tf.Variable } {
  const init = tf.scalar(0);
  const bias = tf.variable(init);
  init.dispose();
  return {
    bias,
    trainableVariables: [bias],
    variableNames: ['bias'],
    logits: (batch) => tf.tidy(() => tf.add(tf.zerosLike(batch.labels), bias) as tf.Tensor1D),
    embeddings: () => null,
    dispose: () => bias.dispose(),
  };
}

describe('trainCtr early stopping and pause', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('stops after `patience` epochs without a better metric and restores the best epoch’s weights', async () => {
    const model = constantModel();
    const biasAfter: number[] = [];
    const result = await trainCtr(
      model,
      encoding,
      small,
      { ...SMALL_CONFIG, epochs: 10, patience: 2, learningRate: 0.01 },
      { onEpoch: () => biasAfter.push(model.bias.dataSync()[0]) },
    );
    // AUC 0.5 every epoch never strictly improves: best is epoch 1, and epochs 2, 3 use up the patience.
    expect(result.epochs.map((e) => e.valid.auc)).toEqual([0.5, 0.5, 0.5]);
    expect(result.stoppedEarly).toBe(true);
    expect(result.stopped).toBe(false);
    expect(result.bestEpoch).toBe(1);
    expect(biasAfter[2]).not.toBe(biasAfter[0]); // training moved the bias on …
    expect(model.bias.dataSync()[0]).toBe(biasAfter[0]); // … and the best epoch's value is back
    expect(result.test).not.toBeNull();
    model.dispose();
  });

  it('picks the best epoch by logloss (smaller is better) when asked, and runs every epoch without patience', async () => {
    const model = constantModel();
    const result = await trainCtr(model, encoding, small, {
      ...SMALL_CONFIG,
      epochs: 3,
      learningRate: 0.01,
      earlyStoppingMetric: 'logloss',
    });
    const loglosses = result.epochs.map((e) => e.valid.logloss);
    expect(result.epochs).toHaveLength(3);
    expect(result.stoppedEarly).toBe(false);
    expect(result.bestEpoch).toBe(loglosses.indexOf(Math.min(...loglosses)) + 1);
    model.dispose();
  });

  it('waits while paused, says so in the progress report, and trains as if never paused', async () => {
    const config = { ...SMALL_CONFIG, epochs: 1, seed: 3 };
    const unpausedModel = await buildDnn(3);
    const unpaused = await lossesOf(unpausedModel, config);
    unpausedModel.dispose();

    const model = await buildDnn(3);
    let gate: Promise<void> | null = null;
    let release = () => {};
    const seen: TrainProgress[] = [];
    const running = lossesOf(model, config, {
      onProgress: (p) => {
        seen.push(p);
        if (seen.length === 3) gate = new Promise<void>((resolve) => (release = resolve));
      },
      pauseGate: () => gate,
    });
    const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
    while (!seen.some((p) => p.paused)) await turn();
    const reportsWhenPaused = seen.length;
    for (let i = 0; i < 20; i++) await turn(); // the loop must not move while paused
    expect(seen.length).toBe(reportsWhenPaused);
    expect(seen.map((p) => p.paused)).toEqual([false, false, false, true]);
    gate = null;
    release();
    const paused = await running;
    model.dispose();
    expect(seen[seen.length - 1].paused).toBe(false);
    expect(paused.losses).toEqual(unpaused.losses);
    expect(paused.result.epochs.map(untimed)).toEqual(unpaused.result.epochs.map(untimed));
  });
});
