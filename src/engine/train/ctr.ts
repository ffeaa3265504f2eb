/**
 * The ctr family of the training loop (`loop.ts`): each epoch the training rows once in a seeded order, in
 * batches built from typed arrays, with a dropout seed per step; the loss is sigmoid cross-entropy; AUC, GAUC
 * and logloss on the validation rows pick the best epoch (`config.earlyStoppingMetric`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import { makeRng, shuffleInPlace, type Rng } from '../../data/random';
import type { Split } from '../../data/split';
import type { CtrBatch, CtrModel } from '../../models/contract';
import { CTR_METRIC_INFO, ctrMetrics, type CtrMetrics } from '../metrics/ctr';
import { disposeBatch, makeBatch } from './batches';
import type { Checkpoint } from './checkpoint';
import type { TrainConfig } from './config';
import { trainModel, type EpochReport, type Family, type TrainOptions, type TrainResult } from './loop';
import { makeTfOptimizer } from './optimizers';

export type CtrEpochReport = EpochReport<CtrMetrics>;
export type CtrTrainResult = TrainResult<CtrMetrics>;
export type CtrTrainOptions = TrainOptions<CtrMetrics, TrainConfig>;
export type CtrCheckpoint = Checkpoint<TrainConfig, CtrEpochReport>;

/** A plain tfjs optimizer for the config's optimizer, at its learning rate (no schedule, decay or clipping). */
export function makeOptimizer(config: TrainConfig): tf.Optimizer {
  return makeTfOptimizer(config);
}

/** Mean sigmoid cross-entropy of a batch. */
export function ctrLoss(model: CtrModel, batch: CtrBatch, training: boolean, seed: number): tf.Scalar {
  return tf.tidy(
    () => tf.losses.sigmoidCrossEntropy(batch.labels, model.logits(batch, training, seed)) as tf.Scalar,
  );
}

/** Click probabilities for the given rows, in batches, as one Float32Array. */
export async function predictCtr(
  model: CtrModel,
  enc: CtrEncoding,
  rows: Int32Array,
  batchSize = 4096,
): Promise<Float32Array> {
  const out = new Float32Array(rows.length);
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = makeBatch(enc, rows.subarray(start, start + batchSize));
    const probs = tf.tidy(() => tf.sigmoid(model.logits(batch, false, 0)));
    disposeBatch(batch);
    out.set(await probs.data(), start);
    probs.dispose();
  }
  return out;
}

export async function evaluateCtr(model: CtrModel, enc: CtrEncoding, rows: Int32Array): Promise<CtrMetrics> {
  const probs = await predictCtr(model, enc, rows);
  const labels = new Float32Array(rows.length);
  const users = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    labels[i] = enc.labels[rows[i]];
    users[i] = enc.userIdx[rows[i]];
  }
  return ctrMetrics(probs, labels, users);
}

const DROPOUT_SEED_RANGE = 2147483647;

/**
 * Epoch `epoch`'s row order and the rng its dropout seeds come from, both derived from `(seed, epoch)` alone
 * (not a run-long stream), so a run resumed at any epoch sees the same order and seeds.
 */
export function epochOrder(train: Int32Array, seed: number, epoch: number): { order: Int32Array; rng: Rng } {
  const rng = makeRng(`${seed}/train/${epoch}`);
  return { order: shuffleInPlace(Int32Array.from(train), rng), rng };
}

/** The ctr family: `model` trained on `split.train` rows of `enc`, validated on `split.valid`. */
export function ctrFamily(
  model: CtrModel,
  enc: CtrEncoding,
  split: Split,
  config: TrainConfig,
): Family<CtrMetrics> {
  const vars = model.trainableVariables;
  const metric = config.earlyStoppingMetric;
  return {
    rows: split.train.length,
    stepsPerEpoch: Math.ceil(split.train.length / config.batchSize),
    metric: (v) => v[metric],
    smallerIsBetter: CTR_METRIC_INFO[metric].smallerIsBetter,
    resumeKeys: [],
    plan(epoch) {
      const { order, rng } = epochOrder(split.train, config.seed, epoch);
      return {
        skip: (steps) => {
          for (let s = 0; s < steps; s++) rng.int(DROPOUT_SEED_RANGE);
        },
        step(step, globalStep, stepper) {
          const rows = order.subarray(step * config.batchSize, (step + 1) * config.batchSize);
          const batch = makeBatch(enc, rows);
          const dropoutSeed = rng.int(DROPOUT_SEED_RANGE);
          try {
            const cost = stepper.step(() => ctrLoss(model, batch, true, dropoutSeed), vars, globalStep);
            return { cost, rows: rows.length };
          } finally {
            disposeBatch(batch);
          }
        },
      };
    },
    refresh: null,
    validate: () => evaluateCtr(model, enc, split.valid),
    test: async () => (split.test.length > 0 ? evaluateCtr(model, enc, split.test) : null),
  };
}

/**
 * Trains a ctr model in place. The validation metric `config.earlyStoppingMetric` picks the best epoch (and
 * stops the run after `config.patience` epochs without improvement, when > 0); the best epoch's weights are
 * restored at the end and the test split is scored with them (unless the run was stopped).
 */
export function trainCtr(
  model: CtrModel,
  enc: CtrEncoding,
  split: Split,
  config: TrainConfig,
  options: CtrTrainOptions = {},
): Promise<CtrTrainResult> {
  return trainModel(model, ctrFamily(model, enc, split, config), config, options);
}
