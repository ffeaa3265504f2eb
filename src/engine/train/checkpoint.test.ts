import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends';
import {
  checkOptimizerKind,
  decodeCheckpoint,
  encodeCheckpoint,
  loadCheckpoint,
  saveCheckpoint,
  type Checkpoint,
} from './checkpoint';
import { makeStepper, type OptimizerSettings } from './optimizers';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from './config';
import type { CtrEpochReport } from './ctr';
import { strFromU8, unzipSync } from 'fflate';

type CtrCheckpoint = Checkpoint<TrainConfig, CtrEpochReport>;

beforeAll(async () => {
  await initBackend('cpu');
});

/** A two-variable "model" with a quadratic loss whose gradient changes every step. */
function toyModel(seed: number) {
  const make = (values: number[], shape: number[]) => {
    const init = tf.tensor(values, shape);
    const v = tf.variable(init);
    init.dispose();
    return v;
  };
  const vars = [make([seed, -1, 0.5, 2], [2, 2]), make([0.25, seed / 2], [2])];
  const target = tf.tensor1d([0.3, -0.7]);
  return {
    trainableVariables: vars,
    variableNames: ['w', 'b'],
    loss: (step: number) =>
      tf.tidy(() => {
        const x = tf.tensor2d([[1, (step % 5) - 2]]);
        const y = tf.add(tf.matMul(x, vars[0]), vars[1]);
        return tf.sum(tf.square(tf.sub(y, target))) as tf.Scalar;
      }),
    dispose: () => tf.dispose([...vars, target]),
  };
}

const SETTINGS: readonly OptimizerSettings[] = [
  { ...DEFAULT_TRAIN_CONFIG, learningRate: 0.01 },
  { ...DEFAULT_TRAIN_CONFIG, learningRate: 0.05, optimizer: 'adagrad', schedule: 'cosine', warmupSteps: 3 },
  { ...DEFAULT_TRAIN_CONFIG, learningRate: 0.01, optimizer: 'sgd', momentum: 0.9, weightDecay: 0.01 },
  { ...DEFAULT_TRAIN_CONFIG, learningRate: 0.01, optimizer: 'sgd', clipNorm: 0.5 },
];

describe('checkpoints restore weights and optimizer state exactly', () => {
  it.each(SETTINGS.map((s) => [s.optimizer + (s.momentum ? '+momentum' : ''), s] as const))(
    '%s: 30 steps → checkpoint → fresh model and optimizer → 30 steps equals 60 straight steps',
    async (_name, settings) => {
      const before = tf.memory().numTensors;
      const total = 60;
      const run = async (
        model: ReturnType<typeof toyModel>,
        from: number,
        to: number,
        stepper = makeStepper(settings, total),
      ) => {
        const losses: number[] = [];
        for (let t = from; t < to; t++) {
          const loss = stepper.step(() => model.loss(t), model.trainableVariables, t);
          losses.push((await loss.data())[0]);
          loss.dispose();
        }
        return { losses, stepper };
      };

      const straight = toyModel(1);
      const a = await run(straight, 0, total);
      const expectedWeights = await Promise.all(straight.trainableVariables.map((v) => v.data()));
      a.stepper.dispose();
      straight.dispose();

      const first = toyModel(1);
      const b = await run(first, 0, 30);
      const config = { ...DEFAULT_TRAIN_CONFIG, ...settings };
      const ckpt = decodeCheckpoint(
        encodeCheckpoint(
          await saveCheckpoint(first, b.stepper.optimizer, {
            epoch: 1,
            step: 30,
            config,
            history: [],
            best: null,
            partial: null,
            epochStart: null,
          }),
        ),
      ) as CtrCheckpoint;
      b.stepper.dispose();
      first.dispose();

      const resumed = toyModel(7); // different initial weights: the checkpoint must overwrite them
      const stepper = makeStepper(settings, total);
      await loadCheckpoint(resumed, stepper.optimizer, ckpt);
      const c = await run(resumed, 30, total, stepper);
      expect([...b.losses, ...c.losses]).toEqual(a.losses); // bit-identical, not just close
      const got = await Promise.all(resumed.trainableVariables.map((v) => v.data()));
      expect(got).toEqual(expectedWeights);
      stepper.dispose();
      resumed.dispose();
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('rejects a checkpoint of another shape and an optimizer that has already stepped', async () => {
    const model = toyModel(1);
    const stepper = makeStepper(SETTINGS[0], 10);
    stepper.step(() => model.loss(0), model.trainableVariables, 0).dispose();
    const ckpt = await saveCheckpoint(model, stepper.optimizer, {
      epoch: 0,
      step: 1,
      config: DEFAULT_TRAIN_CONFIG,
      history: [],
      best: null,
      partial: null,
      epochStart: null,
    });
    await expect(loadCheckpoint(model, stepper.optimizer, ckpt)).rejects.toThrow(/fresh optimizer/);
    const fresh = makeStepper(SETTINGS[0], 10);
    const wrong: CtrCheckpoint = { ...ckpt, weights: [ckpt.weights[1], ckpt.weights[0]] };
    await expect(loadCheckpoint(model, fresh.optimizer, wrong)).rejects.toThrow(/shape/);
    fresh.dispose();
    stepper.dispose();
    model.dispose();
  });
});

describe('checkpoint serialisation', () => {
  async function sample(): Promise<CtrCheckpoint> {
    const model = toyModel(3);
    const stepper = makeStepper(SETTINGS[0], 10);
    stepper.step(() => model.loss(0), model.trainableVariables, 0).dispose();
    const best = model.trainableVariables.map((v) => tf.clone(v));
    const ckpt: CtrCheckpoint = await saveCheckpoint(model, stepper.optimizer, {
      epoch: 2,
      step: 20,
      config: { ...DEFAULT_TRAIN_CONFIG, schedule: 'cosine' as const },
      history: [
        {
          epoch: 1,
          trainLoss: 0.6,
          valid: { auc: NaN, gauc: 0.7, logloss: Infinity },
          trainSeconds: 1,
          evalSeconds: 0.1,
          rowsPerSec: 1000,
        },
      ],
      best: { epoch: 1, value: 0.75, weights: best },
      partial: { lossSum: 12.5, rows: 40 },
      epochStart: [{ name: 'w', shape: [2], dtype: 'float32', data: new Float32Array([1, -2]) }],
    });
    tf.dispose(best);
    stepper.dispose();
    model.dispose();
    return ckpt;
  }

  it('holds the optimizer state tfjs reports, with int32 iterations, and frees what getWeights made', async () => {
    const before = tf.memory().numTensors;
    const ckpt = await sample();
    expect(tf.memory().numTensors).toBe(before);
    // Adam: iter, 2 first moments, 2 second moments, then β₁ᵗ and β₂ᵗ.
    expect(ckpt.optimizer.map((e) => e.name)).toEqual([
      'iter',
      expect.stringMatching(/\/m$/),
      expect.stringMatching(/\/m$/),
      expect.stringMatching(/\/v$/),
      expect.stringMatching(/\/v$/),
      'accBeta1',
      'accBeta2',
    ]);
    expect(ckpt.optimizer[0]).toMatchObject({ dtype: 'int32', shape: [], data: new Float32Array([1]) });
    expect(ckpt.optimizer[5].data[0]).toBeCloseTo(0.9 * 0.9, 6);
    expect(ckpt.weights.map((w) => w.shape)).toEqual([[2, 2], [2]]);
  });

  it('round-trips through structured clone and through the binary form, NaN and Infinity included', async () => {
    const ckpt = await sample();
    expect(structuredClone(ckpt)).toEqual(ckpt);
    const bytes = encodeCheckpoint(ckpt);
    expect(decodeCheckpoint(bytes)).toEqual(ckpt);
    // At an unaligned offset inside a larger buffer, as a Blob slice or file read may hand it over.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeCheckpoint(shifted.subarray(3))).toEqual(ckpt);
    const floats = [...ckpt.weights, ...ckpt.optimizer, ...ckpt.best!.weights, ...ckpt.epochStart!].reduce(
      (n, e) => n + e.data.length,
      0,
    );
    expect(bytes.length).toBeLessThan(floats * 4 + 2048); // compact: the values plus a small header
  });

  it('is the weights-file format of model export: checkpoint.json with a tfjs weights manifest + weights.bin', async () => {
    const ckpt = await sample();
    const files = unzipSync(encodeCheckpoint(ckpt));
    expect(Object.keys(files).sort()).toEqual(['checkpoint.json', 'weights.bin']);
    const json = JSON.parse(strFromU8(files['checkpoint.json'])) as {
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      history: { valid: { auc: unknown } }[];
    };
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(json.history[0].valid.auc).toBe('NaN'); // the one convention for non-finite numbers
    // tfjs itself reads the tensors back from the manifest and the bytes.
    const bin = files['weights.bin'];
    const buffer = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
    const decoded = tf.io.decodeWeights(buffer, json.weightsManifest[0].weights);
    expect(Object.keys(decoded)).toContain('weights/w');
    expect(Array.from(await decoded['epochStart/w'].data())).toEqual([1, -2]);
    expect(Array.from(await decoded['weights/b'].data())).toEqual(Array.from(ckpt.weights[1].data));
    tf.dispose(Object.values(decoded));
  });

  it('rejects bytes that are not a checkpoint or are cut short', async () => {
    expect(() => decodeCheckpoint(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(
      /Not a recplay checkpoint/,
    );
    const bytes = encodeCheckpoint(await sample());
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 4))).toThrow(/checkpoint is damaged/);
  });
});

describe('checkOptimizerKind', () => {
  it('lets a run take state of its own kind only (SGD with momentum keeps velocities, plain SGD none)', () => {
    const adam = { optimizer: 'adam', momentum: 0 } as const;
    const sgd = { optimizer: 'sgd', momentum: 0 } as const;
    const momentum = { optimizer: 'sgd', momentum: 0.9 } as const;
    expect(() => checkOptimizerKind(adam, { ...adam, momentum: 0.5 })).not.toThrow(); // Adam ignores momentum
    expect(() => checkOptimizerKind(momentum, { ...momentum, momentum: 0.5 })).not.toThrow();
    expect(() => checkOptimizerKind(adam, momentum)).toThrow(
      'The checkpoint holds adam state; this run uses sgd+momentum.',
    );
    expect(() => checkOptimizerKind(momentum, sgd)).toThrow(
      'The checkpoint holds sgd+momentum state; this run uses sgd.',
    );
  });
});
