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
import { readVariables, type TensorEntry } from '../weights';
import { saveCheckpoint, type PartialEpoch } from './checkpoint';
import type { EpochReport, Family, LoopConfig, Trainable, TrainOptions, TrainResult } from './family';
import { makeStepper } from './optimizers';
import { LossMeter, reportProgress, yieldToEventLoop } from './progress';
import { assignAll, restore, type Best, type Start } from './resume';

export type {
  EpochPlan,
  EpochReport,
  Family,
  LoopConfig,
  Trainable,
  TrainOptions,
  TrainResult,
} from './family';

/** True when `value` strictly beats `best`; NaN never beats anything, and anything beats a NaN best. */
export function isImprovement(value: number, best: number, smallerIsBetter: boolean): boolean {
  if (Number.isNaN(value)) return false;
  if (Number.isNaN(best)) return true;
  return smallerIsBetter ? value < best : value > best;
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
      await family.refresh?.(epoch + 1);
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
    // Every run that finished an epoch ends with a score: a stopped one scores its best epoch so far.
    const test = kept ? await family.test() : null;
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
