/**
 * The ctr training loop: per-epoch seeded shuffling, batches built from typed arrays, an optimizer step per
 * batch (schedule, clipping, decay: optimizers.ts), the loss summed on the device and read only when progress
 * is reported, validation every epoch, early stopping, pause / resume, checkpoints (checkpoint.ts), and the
 * weights of the best validation epoch kept and restored. Runs unchanged in the browser worker and in Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import { makeRng, shuffleInPlace, type Rng } from '../../data/random';
import type { Split } from '../../data/split';
import type { CtrBatch, CtrModel } from '../../models/contract';
import { disposeBatch, makeBatch } from './batches';
import {
  checkShapes,
  entryTensor,
  checkOptimizerKind,
  loadCheckpoint,
  saveCheckpoint,
  type Checkpoint,
  type PartialEpoch,
} from './checkpoint';
import { CTR_METRIC_INFO, ctrMetrics, isImprovement, type CtrMetrics } from '../metrics/ctr';
import {
  LossMeter,
  NonFiniteLossError,
  reportProgress,
  yieldToEventLoop,
  type ProgressHooks,
} from './progress';
import { makeStepper, makeTfOptimizer } from './optimizers';
import { DEFAULT_TRAIN_CONFIG, TRAIN_SCHEMA, type TrainConfig } from './config';

export { TRAIN_SCHEMA, DEFAULT_TRAIN_CONFIG, type TrainConfig };
export { disposeBatch, makeBatch };

export interface TrainProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  /** Mean training loss over the steps since the previous report. */
  readonly loss: number;
  /** Training rows per second since the run (or its resumption) started; evaluation and pauses excluded. */
  readonly rowsPerSec: number;
  /** Training rows left at `rowsPerSec` plus the validations left at their mean time so far. */
  readonly etaSeconds: number;
  readonly numTensors: number;
  /** Bytes held by the backend's tensors (tfjs's count; on GPU backends it excludes texture padding). */
  readonly numBytes?: number;
  /**
   * True on the report made as the run pauses (the loop then waits; the next report, after Resume, says
   * false). The trainer always sets it; optional only so that older fixtures still type-check.
   */
  readonly paused?: boolean;
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
  /** 1-based epoch with the best validation metric (its weights are the model's weights now); 0 if none. */
  readonly bestEpoch: number;
  readonly test: CtrMetrics | null;
  /** Stopped on request (Stop): no test score. */
  readonly stopped: boolean;
  /** Ended by early stopping (patience ran out). Always set; optional only for older fixtures. */
  readonly stoppedEarly?: boolean;
  readonly rowsPerSec: number;
  readonly peakTensors: number;
}

export interface TrainOptions extends ProgressHooks {
  onEpoch?(e: EpochReport): void;
  /**
   * Receives a checkpoint after every epoch's validation, and when the run pauses. Reading the weights back
   * costs a device sync: pass it only when checkpoints are kept.
   */
  onCheckpoint?(c: Checkpoint): void | Promise<void>;
  /** Polled at each progress report; true ends the run there. */
  shouldStop?(): boolean;
  /** Milliseconds between progress reports (and yields to the event loop). */
  progressIntervalMs?: number;
  /**
   * Continue from this checkpoint: weights, optimizer state, epoch history and best epoch are restored, and
   * training goes on from its step with the same order and dropout seeds an uninterrupted run would use.
   * Needs the same data, batch size and optimizer kind.
   */
  resumeFrom?: Checkpoint;
}
/** @deprecated The old name of `TrainOptions`. */
export type TrainHooks = TrainOptions;

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

export { NonFiniteLossError };

const DROPOUT_SEED_RANGE = 2147483647;

/**
 * Epoch `epoch`'s row order and the rng its dropout seeds come from, both derived from `(seed, epoch)` alone
 * (not a run-long stream), so a run resumed at any epoch sees the same order and seeds.
 */
export function epochOrder(train: Int32Array, seed: number, epoch: number): { order: Int32Array; rng: Rng } {
  const rng = makeRng(`${seed}/train/${epoch}`);
  return { order: shuffleInPlace(Int32Array.from(train), rng), rng };
}

interface Best {
  epoch: number;
  value: number;
  weights: tf.Tensor[];
}

/** Where a run starts: fresh, or restored from a checkpoint into `model` and the optimizer. */
interface Start {
  epoch: number;
  /** Steps of `epoch` already done. */
  stepInEpoch: number;
  globalStep: number;
  history: EpochReport[];
  best: Best | null;
  partial: PartialEpoch | null;
}

async function restore(
  model: CtrModel,
  optimizer: tf.Optimizer,
  c: Checkpoint,
  config: TrainConfig,
  stepsPerEpoch: number,
): Promise<Start> {
  if (c.config.batchSize !== config.batchSize) {
    throw new Error(`The checkpoint used batch size ${c.config.batchSize}, this run ${config.batchSize}.`);
  }
  checkOptimizerKind(c.config, config);
  const stepInEpoch = c.step - c.epoch * stepsPerEpoch;
  // stepInEpoch === stepsPerEpoch: paused after an epoch's last step, before its validation.
  if (stepInEpoch < 0 || stepInEpoch > stepsPerEpoch || (stepInEpoch === stepsPerEpoch && !c.partial)) {
    throw new Error(`Checkpoint step ${c.step} is not in epoch ${c.epoch + 1} of ${stepsPerEpoch} steps.`);
  }
  if (c.best) checkShapes(c.best.weights, model.trainableVariables, 'best weights');
  await loadCheckpoint(model, optimizer, c);
  return {
    epoch: c.epoch + 1,
    stepInEpoch,
    globalStep: c.step,
    history: [...c.history],
    best: c.best
      ? { epoch: c.best.epoch, value: c.best.value, weights: c.best.weights.map(entryTensor) }
      : null,
    partial: c.partial,
  };
}

/**
 * Trains `model` in place. The validation metric `config.earlyStoppingMetric` picks the best epoch (and
 * stops the run after `config.patience` epochs without improvement, when > 0); the best epoch's weights are
 * restored at the end and the test split is scored with them (unless the run was stopped).
 */
export async function trainCtr(
  model: CtrModel,
  enc: CtrEncoding,
  split: Split,
  config: TrainConfig,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const interval = options.progressIntervalMs ?? 250;
  const n = split.train.length;
  const stepsPerEpoch = Math.ceil(n / config.batchSize);
  const stepper = makeStepper(config, stepsPerEpoch * config.epochs);
  const vars = model.trainableVariables;
  const { smallerIsBetter } = CTR_METRIC_INFO[config.earlyStoppingMetric];
  let start: Start = { epoch: 1, stepInEpoch: 0, globalStep: 0, history: [], best: null, partial: null };
  let best: Best | null = null;
  let stopped = false;
  let stoppedEarly = false;
  let trainMs = 0;
  let rowsDone = 0;
  let evalMs = 0;
  let evals = 0;
  let peakTensors = tf.memory().numTensors;

  try {
    if (options.resumeFrom) {
      start = await restore(model, stepper.optimizer, options.resumeFrom, config, stepsPerEpoch);
    }
    const { history } = start;
    let { globalStep } = start;
    best = start.best;
    const rowsAt = (step: number) =>
      Math.floor(step / stepsPerEpoch) * n + Math.min(n, (step % stepsPerEpoch) * config.batchSize);
    let rowsLeft = n * config.epochs - rowsAt(globalStep);
    if (best && config.patience > 0 && start.epoch - 1 - best.epoch >= config.patience) stoppedEarly = true;
    const checkpoint = async (epochsDone: number, partial: PartialEpoch | null) => {
      const state = { epoch: epochsDone, step: globalStep, config, history, best, partial };
      await options.onCheckpoint?.(await saveCheckpoint(model, stepper.optimizer, state));
    };

    for (let epoch = start.epoch; epoch <= config.epochs && !stopped && !stoppedEarly; epoch++) {
      const { order, rng } = epochOrder(split.train, config.seed, epoch);
      const resumed = epoch === start.epoch;
      const firstStep = resumed ? start.stepInEpoch : 0;
      for (let s = 0; s < firstStep; s++) rng.int(DROPOUT_SEED_RANGE); // replay the seeds of steps done
      const meter = new LossMeter(resumed && start.partial ? start.partial.lossSum : 0);
      let epochRows = resumed && start.partial ? start.partial.rows : 0;
      let epochRowsTimed = 0; // rows trained in this session, for the epoch's speed
      let epochMs = 0;
      let lastReport = performance.now();
      let trainLoss = 0;
      try {
        for (let step = firstStep; step < stepsPerEpoch; step++) {
          const t0 = performance.now();
          const rows = order.subarray(step * config.batchSize, (step + 1) * config.batchSize);
          const batch = makeBatch(enc, rows);
          const dropoutSeed = rng.int(DROPOUT_SEED_RANGE);
          let cost: tf.Scalar;
          try {
            cost = stepper.step(() => ctrLoss(model, batch, true, dropoutSeed), vars, globalStep);
          } finally {
            disposeBatch(batch);
          }
          globalStep++;
          meter.add(cost, rows.length);
          epochRows += rows.length;
          epochRowsTimed += rows.length;
          rowsDone += rows.length;
          rowsLeft -= rows.length;
          const t1 = performance.now();
          epochMs += t1 - t0;
          trainMs += t1 - t0;
          peakTensors = Math.max(peakTensors, tf.memory().numTensors);

          const last = step === stepsPerEpoch - 1;
          if (t1 - lastReport >= interval || last) {
            const { gate } = await reportProgress(
              meter,
              config.learningRate,
              {
                epoch,
                epochs: config.epochs,
                step: step + 1,
                stepsPerEpoch,
                rowsDone,
                trainMs,
                rowsLeft,
                evalsLeft: config.epochs - epoch + 1,
                evalMs,
                evals,
              },
              options,
            );
            if (gate) {
              if (options.onCheckpoint) {
                await checkpoint(epoch - 1, { lossSum: await meter.total(), rows: epochRows });
              }
              await gate;
            }
            lastReport = performance.now();
            if (options.shouldStop?.()) {
              stopped = true;
              break;
            }
          }
        }
        trainLoss = (await meter.total()) / Math.max(1, epochRows);
      } finally {
        meter.dispose();
      }
      if (stopped) break;

      const e0 = performance.now();
      const valid = await evaluateCtr(model, enc, split.valid);
      const epochEvalMs = performance.now() - e0;
      evalMs += epochEvalMs;
      evals++;
      const report: EpochReport = {
        epoch,
        trainLoss,
        valid,
        trainSeconds: epochMs / 1000,
        evalSeconds: epochEvalMs / 1000,
        rowsPerSec: epochMs > 0 ? (epochRowsTimed / epochMs) * 1000 : 0,
      };
      history.push(report);
      const value = valid[config.earlyStoppingMetric];
      if (!best || isImprovement(value, best.value, smallerIsBetter)) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch, value, weights: vars.map((v) => tf.clone(v)) };
      }
      options.onEpoch?.(report);
      if (config.patience > 0 && epoch - best.epoch >= config.patience) stoppedEarly = true;
      if (options.onCheckpoint) await checkpoint(epoch, null);
      await yieldToEventLoop();
      if (options.shouldStop?.()) stopped = true;
    }

    const kept = best;
    if (kept) vars.forEach((v, i) => v.assign(kept.weights[i]));
    const test = !stopped && kept && split.test.length > 0 ? await evaluateCtr(model, enc, split.test) : null;
    return {
      epochs: history,
      bestEpoch: kept?.epoch ?? 0,
      test,
      stopped,
      stoppedEarly,
      rowsPerSec: trainMs > 0 ? rowsDone / (trainMs / 1000) : 0,
      peakTensors,
    };
  } finally {
    best?.weights.forEach((w) => w.dispose());
    stepper.dispose();
  }
}
