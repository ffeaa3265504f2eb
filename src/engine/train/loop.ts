/**
 * The one training loop, for both model families: epochs of optimizer steps over an order derived from
 * `(seed, epoch)` alone, the loss summed on the device and read only when progress is reported, pause / stop
 * at any report, a checkpoint after every epoch and on pause (mid-epoch) and continuing from one, a NaN guard,
 * validation after every epoch, the best epoch's weights kept, early stopping, and the test split scored with
 * the best weights. The family (`ctr.ts`, `topk.ts`) supplies what differs: the batches and their loss, the
 * per-epoch refresh of a model's derived state, and the metrics. Runs unchanged in the browser worker and in
 * Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkShapes, entryTensor, readVariables, type TensorEntry } from '../weights';
import {
  checkOptimizerKind,
  loadCheckpoint,
  saveCheckpoint,
  type Checkpoint,
  type PartialEpoch,
} from './checkpoint';
import { makeStepper, type OptimizerSettings, type Stepper } from './optimizers';
import { LossMeter, reportProgress, yieldToEventLoop, type ProgressHooks } from './progress';

/** The settings the loop reads (both families' training schemas have them). */
export interface LoopConfig extends OptimizerSettings {
  readonly epochs: number;
  readonly batchSize: number;
  readonly patience: number;
  readonly seed: number;
}

export interface EpochReport<V> {
  readonly epoch: number;
  /** Mean training loss of the epoch (per row). */
  readonly trainLoss: number;
  readonly valid: V;
  /** The test split's metrics after this epoch: only with `traceTest` (a diagnostic, never used to pick). */
  readonly test?: V;
  readonly trainSeconds: number;
  readonly evalSeconds: number;
  /** Training rows (ctr rows, top-k positive pairs) per second in this epoch. */
  readonly rowsPerSec: number;
}

export interface TrainResult<V> {
  readonly epochs: readonly EpochReport<V>[];
  /** 1-based epoch with the best validation metric (its weights are the model's now); 0 when none. */
  readonly bestEpoch: number;
  /** Validation metrics of the best epoch (of the model as built when it has nothing to train). */
  readonly valid: V | null;
  /** Null when the run was stopped, or there is no test split. */
  readonly test: V | null;
  /** Stopped on request (Stop). */
  readonly stopped: boolean;
  /** Ended by early stopping (patience ran out). */
  readonly stoppedEarly: boolean;
  /** Training rows per second since the run (or its resumption) started; evaluation and pauses excluded. */
  readonly rowsPerSec: number;
  /** Mean training time per epoch (evaluation excluded), ms; 0 when nothing was trained. */
  readonly msPerEpoch: number;
  readonly peakTensors: number;
}

/** One epoch's batches, in an order fixed by `(seed, epoch)`. */
export interface EpochPlan {
  /** Step `step` of the epoch: its loss (the caller disposes it) and its number of training rows. */
  step(
    step: number,
    globalStep: number,
    stepper: Stepper,
  ): { readonly cost: tf.Scalar; readonly rows: number };
  /** Replays the random draws of `steps` steps already done (a resumed epoch sees the same dropout seeds). */
  skip(steps: number): void;
}

/** What differs between the families: batches, evaluation, and the model's per-epoch state. */
export interface Family<V> {
  /** Training rows per epoch (the unit of speed and of the loss mean). */
  readonly rows: number;
  readonly stepsPerEpoch: number;
  /** The metric that picks the best epoch, and its direction. */
  metric(v: V): number;
  readonly smallerIsBetter: boolean;
  /** Settings a checkpoint must share with this run to be continued (beyond batch size and optimizer kind). */
  readonly resumeKeys: readonly { readonly key: string; readonly label: string }[];
  plan(epoch: number): EpochPlan;
  /**
   * Recomputes what the model derives from its weights outside a step (tmfun's fused item graph), after an
   * epoch's steps and after weights are restored; null for models that derive nothing.
   */
  readonly refresh: (() => Promise<void>) | null;
  validate(): Promise<V>;
  /** The test split's metrics, or null when there is no test split. */
  test(): Promise<V | null>;
}

export interface TrainOptions<V, C extends LoopConfig> extends ProgressHooks {
  onEpoch?(e: EpochReport<V>): void;
  /**
   * Receives a checkpoint after every epoch's validation, and when the run pauses. Reading the weights back
   * costs a device sync: pass it only when checkpoints are kept.
   */
  onCheckpoint?(c: Checkpoint<C, EpochReport<V>>): void | Promise<void>;
  /** Polled at each progress report; true ends the run there (no test score). */
  shouldStop?(): boolean;
  /** Milliseconds between progress reports (and yields to the event loop). */
  progressIntervalMs?: number;
  /** Also score the test split after every epoch (the bench's `--trace-test`): never used to pick. */
  readonly traceTest?: boolean;
  /**
   * Continue from this checkpoint: weights, optimizer state, history, best epoch and (mid-epoch) the loss so
   * far are restored, and training goes on from its step with the order and dropout seeds an uninterrupted
   * run would use. Needs the same data, model, batch size and optimizer kind.
   */
  readonly resumeFrom?: Checkpoint<C, EpochReport<V>>;
}

/** The model as the loop sees it. */
export interface Trainable {
  readonly trainableVariables: readonly tf.Variable[];
  readonly variableNames: readonly string[];
}

interface Best {
  epoch: number;
  value: number;
  weights: tf.Tensor[];
}

/** Where a run starts: fresh, or restored from a checkpoint. */
interface Start<V> {
  epoch: number;
  /** Steps of `epoch` already done. */
  stepInEpoch: number;
  globalStep: number;
  history: EpochReport<V>[];
  best: Best | null;
  partial: PartialEpoch | null;
}

/** True when `value` strictly beats `best`; NaN never beats anything, and anything beats a NaN best. */
export function isImprovement(value: number, best: number, smallerIsBetter: boolean): boolean {
  if (Number.isNaN(value)) return false;
  if (Number.isNaN(best)) return true;
  return smallerIsBetter ? value < best : value > best;
}

const assignAll = (vars: readonly tf.Variable[], values: readonly tf.Tensor[]) =>
  vars.forEach((v, i) => v.assign(values[i]));

async function restore<V, C extends LoopConfig>(
  model: Trainable,
  family: Family<V>,
  stepper: Stepper,
  c: Checkpoint<C, EpochReport<V>>,
  config: C,
): Promise<Start<V>> {
  const saved = c.config as Record<string, unknown>;
  const current = config as Record<string, unknown>;
  for (const { key, label } of [{ key: 'batchSize', label: 'batch size' }, ...family.resumeKeys]) {
    if (saved[key] !== current[key]) {
      throw new Error(
        `The checkpoint used ${label} ${String(saved[key])}, this run ${String(current[key])}.`,
      );
    }
  }
  checkOptimizerKind(c.config, config);
  const steps = family.stepsPerEpoch;
  const stepInEpoch = c.step - c.epoch * steps;
  // stepInEpoch === steps: paused after an epoch's last step, before its validation.
  if (
    stepInEpoch < 0 ||
    stepInEpoch > steps ||
    (stepInEpoch > 0 && !c.partial) ||
    c.history.length !== c.epoch
  ) {
    throw new Error(`Checkpoint step ${c.step} is not in epoch ${c.epoch + 1} of ${steps} steps.`);
  }
  if (c.best && !c.history.some((h) => h.epoch === c.best!.epoch))
    throw new Error(`The checkpoint's best epoch ${c.best.epoch} is not in its history.`);
  const vars = model.trainableVariables;
  if (c.best) checkShapes(c.best.weights, vars, 'best weights');
  await loadCheckpoint(model, stepper.optimizer, c);
  if (family.refresh) {
    // The derived state the epoch's steps saw came from the weights at the epoch's start.
    if (c.epochStart) {
      checkShapes(c.epochStart, vars, 'epoch-start weights');
      tf.tidy(() => assignAll(vars, c.epochStart!.map(entryTensor)));
      await family.refresh();
      tf.tidy(() => assignAll(vars, c.weights.map(entryTensor)));
    } else {
      await family.refresh();
    }
  }
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
 * Trains `model` in place and returns the history, the best epoch and its validation and test metrics. A
 * model without trainable variables (pop) is only evaluated.
 */
export async function trainModel<V, C extends LoopConfig>(
  model: Trainable,
  family: Family<V>,
  config: C,
  options: TrainOptions<V, C> = {},
): Promise<TrainResult<V>> {
  const vars = model.trainableVariables;
  let peakTensors = tf.memory().numTensors;
  if (vars.length === 0) {
    await family.refresh?.();
    const valid = await family.validate();
    const test = await family.test();
    const none = {
      epochs: [],
      bestEpoch: 0,
      stopped: false,
      stoppedEarly: false,
      rowsPerSec: 0,
      msPerEpoch: 0,
    };
    return { ...none, valid, test, peakTensors };
  }

  const interval = options.progressIntervalMs ?? 250;
  const n = family.rows;
  const steps = family.stepsPerEpoch;
  const stepper = makeStepper(config, steps * config.epochs);
  let start: Start<V> = { epoch: 1, stepInEpoch: 0, globalStep: 0, history: [], best: null, partial: null };
  let best: Best | null = null;
  let epochStart: TensorEntry[] | null = null;
  let stopped = false;
  let stoppedEarly = false;
  let trainMs = 0;
  let rowsDone = 0;
  let evalMs = 0;
  let evals = 0;

  try {
    if (options.resumeFrom) start = await restore(model, family, stepper, options.resumeFrom, config);
    const { history } = start;
    let { globalStep } = start;
    best = start.best;
    const rowsAt = (step: number) =>
      Math.floor(step / steps) * n + Math.min(n, (step % steps) * config.batchSize);
    let rowsLeft = n * config.epochs - rowsAt(globalStep);
    if (best && config.patience > 0 && start.epoch - 1 - best.epoch >= config.patience) stoppedEarly = true;
    const checkpoint = async (epochsDone: number, partial: PartialEpoch | null) => {
      const state = { epoch: epochsDone, step: globalStep, config, history, best, partial, epochStart };
      await options.onCheckpoint?.(await saveCheckpoint(model, stepper.optimizer, state));
    };
    // A mid-epoch checkpoint of a model with derived state keeps the weights that state came from.
    const keepEpochStart = options.onCheckpoint !== undefined && family.refresh !== null;

    for (let epoch = start.epoch; epoch <= config.epochs && !stopped && !stoppedEarly; epoch++) {
      const plan = family.plan(epoch);
      const resumed = epoch === start.epoch;
      const firstStep = resumed ? start.stepInEpoch : 0;
      plan.skip(firstStep);
      if (keepEpochStart) {
        epochStart =
          resumed && options.resumeFrom?.epochStart
            ? [...options.resumeFrom.epochStart]
            : await readVariables(vars, model.variableNames);
      }
      const meter = new LossMeter(resumed && start.partial ? start.partial.lossSum : 0);
      let epochRows = resumed && start.partial ? start.partial.rows : 0;
      let epochRowsTimed = 0; // rows trained in this session, for the epoch's speed
      let epochMs = 0;
      let lastReport = performance.now();
      let trainLoss = 0;
      try {
        for (let step = firstStep; step < steps; step++) {
          const t0 = performance.now();
          const { cost, rows } = plan.step(step, globalStep, stepper);
          globalStep++;
          meter.add(cost, rows);
          epochRows += rows;
          epochRowsTimed += rows;
          rowsDone += rows;
          rowsLeft -= rows;
          const t1 = performance.now();
          epochMs += t1 - t0;
          trainMs += t1 - t0;
          peakTensors = Math.max(peakTensors, tf.memory().numTensors);

          if (t1 - lastReport >= interval || step === steps - 1) {
            const report = { epoch, epochs: config.epochs, step: step + 1, stepsPerEpoch: steps, rowsDone };
            const { gate } = await reportProgress(
              meter,
              config.learningRate,
              { ...report, trainMs, rowsLeft, evalsLeft: config.epochs - epoch + 1, evalMs, evals },
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
      await family.refresh?.();
      const valid = await family.validate();
      const epochEvalMs = performance.now() - e0;
      evalMs += epochEvalMs;
      evals++;
      const traced = options.traceTest ? await family.test() : null;
      const report: EpochReport<V> = {
        epoch,
        trainLoss,
        valid,
        ...(traced ? { test: traced } : {}),
        trainSeconds: epochMs / 1000,
        evalSeconds: epochEvalMs / 1000,
        rowsPerSec: epochMs > 0 ? (epochRowsTimed / epochMs) * 1000 : 0,
      };
      history.push(report);
      const value = family.metric(valid);
      if (!best || isImprovement(value, best.value, family.smallerIsBetter)) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch, value, weights: vars.map((v) => tf.clone(v)) };
      }
      options.onEpoch?.(report);
      if (config.patience > 0 && epoch - best.epoch >= config.patience) stoppedEarly = true;
      epochStart = null;
      if (options.onCheckpoint) await checkpoint(epoch, null);
      await yieldToEventLoop();
      if (options.shouldStop?.()) stopped = true;
    }

    const kept = best;
    if (kept) assignAll(vars, kept.weights);
    await family.refresh?.();
    const test = !stopped && kept ? await family.test() : null;
    return {
      epochs: history,
      bestEpoch: kept?.epoch ?? 0,
      valid: kept ? (history.find((h) => h.epoch === kept.epoch)?.valid ?? null) : null,
      test,
      stopped,
      stoppedEarly,
      rowsPerSec: trainMs > 0 ? rowsDone / (trainMs / 1000) : 0,
      msPerEpoch:
        history.length > 0 ? history.reduce((s, e) => s + e.trainSeconds, 0) * (1000 / history.length) : 0,
      peakTensors,
    };
  } finally {
    best?.weights.forEach((w) => w.dispose());
    stepper.dispose();
  }
}
