/**
 * The ctr training loop: seeded shuffling, batches built from typed arrays, an optimizer step per batch, the
 * loss summed on the device and read only when progress is reported, validation every epoch, and the weights
 * of the best validation epoch kept and restored. Runs unchanged in the browser worker and in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../data/features';
import { makeRng, shuffleInPlace } from '../data/random';
import type { Split } from '../data/split';
import type { CtrBatch, CtrModel } from '../models/types';
import { disposeBatch, makeBatch } from './batches';
import { ctrMetrics, type CtrMetrics } from './metrics';
import { DEFAULT_TRAIN_CONFIG, TRAIN_SCHEMA, type TrainConfig } from './trainConfig';

export { TRAIN_SCHEMA, DEFAULT_TRAIN_CONFIG, type TrainConfig };
export { disposeBatch, makeBatch };

export interface TrainProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  /** Mean training loss over the steps since the previous report. */
  readonly loss: number;
  /** Training rows per second since the run started (evaluation excluded). */
  readonly rowsPerSec: number;
  readonly etaSeconds: number;
  readonly numTensors: number;
}

export interface EpochReport {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly valid: CtrMetrics;
  readonly trainSeconds: number;
  readonly evalSeconds: number;
  readonly rowsPerSec: number;
}

export interface TrainResult {
  readonly epochs: readonly EpochReport[];
  /** 1-based epoch with the best validation AUC (its weights are the model's weights now); 0 if none. */
  readonly bestEpoch: number;
  readonly test: CtrMetrics | null;
  readonly stopped: boolean;
  readonly rowsPerSec: number;
  readonly peakTensors: number;
}

export interface TrainHooks {
  onProgress?(p: TrainProgress): void;
  onEpoch?(e: EpochReport): void;
  /** Polled between steps; true ends the run after the current step. */
  shouldStop?(): boolean;
  /** Milliseconds between progress reports (and yields to the event loop). */
  progressIntervalMs?: number;
}

export function makeOptimizer(config: TrainConfig): tf.Optimizer {
  switch (config.optimizer) {
    case 'adam':
      return tf.train.adam(config.learningRate, 0.9, 0.999, 1e-7);
    case 'adagrad':
      return tf.train.adagrad(config.learningRate);
    case 'sgd':
      return tf.train.sgd(config.learningRate);
  }
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

/** Lets queued messages (Stop, Pause) in; a plain promise would only run microtasks. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class NonFiniteLossError extends Error {}

/**
 * Trains `model` in place. Validation AUC picks the best epoch; its weights are restored at the end and the
 * test split is scored with them (unless the run was stopped).
 */
export async function trainCtr(
  model: CtrModel,
  enc: CtrEncoding,
  split: Split,
  config: TrainConfig,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const interval = hooks.progressIntervalMs ?? 250;
  const rng = makeRng(`${config.seed}/train`);
  const optimizer = makeOptimizer(config);
  const order = Int32Array.from(split.train);
  const stepsPerEpoch = Math.ceil(order.length / config.batchSize);
  const totalRows = order.length * config.epochs;
  const epochs: EpochReport[] = [];
  let best: { epoch: number; auc: number; weights: tf.Tensor[] } | null = null;
  let stopped = false;
  let trainMs = 0;
  let rowsDone = 0;
  let peakTensors = tf.memory().numTensors;

  try {
    for (let epoch = 1; epoch <= config.epochs && !stopped; epoch++) {
      shuffleInPlace(order, rng);
      let epochLoss = tf.scalar(0);
      let windowLoss = tf.scalar(0);
      let windowSteps = 0;
      let epochRows = 0;
      let epochMs = 0;
      let lastReport = performance.now();
      for (let step = 0; step < stepsPerEpoch; step++) {
        const t0 = performance.now();
        const rows = order.subarray(step * config.batchSize, (step + 1) * config.batchSize);
        const batch = makeBatch(enc, rows);
        const dropoutSeed = rng.int(2147483647);
        const cost = optimizer.minimize(
          () => ctrLoss(model, batch, true, dropoutSeed),
          true,
          model.trainableVariables as tf.Variable[],
        )!;
        disposeBatch(batch);
        const weighted = tf.mul(cost, rows.length) as tf.Scalar;
        const nextEpoch = tf.add(epochLoss, weighted) as tf.Scalar;
        const nextWindow = tf.add(windowLoss, cost) as tf.Scalar;
        [cost, weighted, epochLoss, windowLoss].forEach((t) => t.dispose());
        epochLoss = nextEpoch;
        windowLoss = nextWindow;
        windowSteps++;
        epochRows += rows.length;
        rowsDone += rows.length;
        const t1 = performance.now();
        epochMs += t1 - t0;
        trainMs += t1 - t0;
        peakTensors = Math.max(peakTensors, tf.memory().numTensors);

        const last = step === stepsPerEpoch - 1;
        if (t1 - lastReport >= interval || last) {
          const loss = (await windowLoss.data())[0] / windowSteps;
          if (!Number.isFinite(loss)) {
            throw new NonFiniteLossError(
              `The training loss became ${loss} at epoch ${epoch}, step ${step + 1}: the learning rate ` +
                `(${config.learningRate}) is probably too high.`,
            );
          }
          windowLoss.dispose();
          windowLoss = tf.scalar(0);
          windowSteps = 0;
          const rowsPerSec = rowsDone / (trainMs / 1000);
          hooks.onProgress?.({
            epoch,
            epochs: config.epochs,
            step: step + 1,
            stepsPerEpoch,
            loss,
            rowsPerSec,
            etaSeconds: (totalRows - rowsDone) / rowsPerSec,
            numTensors: tf.memory().numTensors,
          });
          await yieldToEventLoop();
          lastReport = performance.now();
          if (hooks.shouldStop?.()) {
            stopped = true;
            break;
          }
        }
      }
      const trainLoss = (await epochLoss.data())[0] / Math.max(1, epochRows);
      epochLoss.dispose();
      windowLoss.dispose();
      if (stopped) break;

      const e0 = performance.now();
      const valid = await evaluateCtr(model, enc, split.valid);
      const report: EpochReport = {
        epoch,
        trainLoss,
        valid,
        trainSeconds: epochMs / 1000,
        evalSeconds: (performance.now() - e0) / 1000,
        rowsPerSec: epochRows / (epochMs / 1000),
      };
      epochs.push(report);
      if (!best || valid.auc > best.auc) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch, auc: valid.auc, weights: model.trainableVariables.map((v) => tf.clone(v)) };
      }
      hooks.onEpoch?.(report);
      await yieldToEventLoop();
      if (hooks.shouldStop?.()) stopped = true;
    }

    if (best) model.trainableVariables.forEach((v, i) => v.assign(best!.weights[i]));
    const test = !stopped && best && split.test.length > 0 ? await evaluateCtr(model, enc, split.test) : null;
    return {
      epochs,
      bestEpoch: best?.epoch ?? 0,
      test,
      stopped,
      rowsPerSec: trainMs > 0 ? rowsDone / (trainMs / 1000) : 0,
      peakTensors,
    };
  } finally {
    best?.weights.forEach((w) => w.dispose());
    optimizer.dispose();
  }
}
