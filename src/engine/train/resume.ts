/**
 * Continuing a run from a checkpoint (`checkpoint.ts`): checks that it fits the run (batch size, the family's
 * own settings, the optimizer kind, a step inside its epoch, a best epoch in its history), restores weights and
 * optimizer state, rebuilds a model's per-epoch state from the weights it was computed from, and says where the
 * loop goes on.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkShapes, entryTensor } from '../weights';
import { checkOptimizerKind, loadCheckpoint, type Checkpoint, type PartialEpoch } from './checkpoint';
import type { EpochReport, Family, LoopConfig, Trainable } from './family';
import type { Stepper } from './optimizers';

export interface Best {
  epoch: number;
  value: number;
  weights: tf.Tensor[];
}

/** Where a run starts: fresh, or restored from a checkpoint. */
export interface Start<V> {
  epoch: number;
  /** Steps of `epoch` already done. */
  stepInEpoch: number;
  globalStep: number;
  history: EpochReport<V>[];
  best: Best | null;
  partial: PartialEpoch | null;
}

/** Assigns each variable the tensor at its position. */
export const assignAll = (vars: readonly tf.Variable[], values: readonly tf.Tensor[]) =>
  vars.forEach((v, i) => v.assign(values[i]));

/** Restores `c` into the model and the fresh optimizer of `stepper`; returns where the run goes on. */
export async function restore<V, C extends LoopConfig>(
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
      await family.refresh(c.epoch + 1);
      tf.tidy(() => assignAll(vars, c.weights.map(entryTensor)));
    } else {
      await family.refresh(c.epoch + 1);
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
