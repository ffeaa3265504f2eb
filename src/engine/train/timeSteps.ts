/**
 * Times a few training steps of a model on the active backend, as the training loop runs them (the family's
 * batches, the run's optimizer and schedule): auto's speed probe (worker/speedProbe.ts) and the bench use it
 * to compare backends on the model and batch a run will actually train.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Family, LoopConfig } from './family';
import { makeStepper } from './optimizers';

export interface StepTiming {
  /** Training rows (or triples) per second over the timed steps. */
  readonly perSec: number;
  readonly steps: number;
  readonly ms: number;
}

export interface StepBudget {
  /** Untimed steps first: kernel compilation, shader pipelines, first allocations. */
  readonly warmup: number;
  /** Timed steps at least, whatever the time. */
  readonly minSteps: number;
  /** And at most. */
  readonly maxSteps: number;
  /** Timing ends at the first block boundary past this many milliseconds (once `minSteps` are done). */
  readonly budgetMs: number;
}

export const PROBE_BUDGET: StepBudget = { warmup: 2, minSteps: 4, maxSteps: 40, budgetMs: 600 };

/**
 * Steps run in blocks whose last loss is read: a GPU backend queues work, and only a read says it is done. A
 * block of a few steps keeps that sync from dominating, as the loop's own reads (a few a second) do not.
 */
const BLOCK = 4;

/** Runs `budget` of optimizer steps on the family's model (its weights change: pass a throwaway build). */
export async function timeTrainingSteps<V>(
  family: Family<V>,
  config: LoopConfig,
  budget: StepBudget = PROBE_BUDGET,
): Promise<StepTiming> {
  const perEpoch = family.stepsPerEpoch;
  const stepper = makeStepper(config, Math.max(1, perEpoch * config.epochs));
  let plan = family.plan(1);
  let planEpoch = 1;
  let global = 0;
  // A full batch: an epoch's last step may be short, so a tiny dataset wraps to its next epoch before it.
  const fullSteps = family.rows % config.batchSize === 0 || perEpoch === 1 ? perEpoch : perEpoch - 1;
  const next = (): { cost: tf.Scalar; rows: number } => {
    const epoch = 1 + Math.floor(global / fullSteps);
    if (epoch !== planEpoch) {
      plan = family.plan(epoch);
      planEpoch = epoch;
    }
    const out = plan.step(global % fullSteps, global, stepper);
    global++;
    return out;
  };
  const block = async (n: number): Promise<number> => {
    let rows = 0;
    for (let i = 0; i < n; i++) {
      const { cost, rows: r } = next();
      rows += r;
      if (i === n - 1) await cost.data();
      cost.dispose();
    }
    return rows;
  };
  try {
    if (budget.warmup > 0) await block(budget.warmup);
    const t0 = performance.now();
    let steps = 0;
    let rows = 0;
    let ms = 0;
    while (steps < budget.maxSteps && (steps < budget.minSteps || ms < budget.budgetMs)) {
      const n = Math.min(BLOCK, budget.maxSteps - steps);
      rows += await block(n);
      steps += n;
      ms = performance.now() - t0;
    }
    return { perSec: ms > 0 ? (rows / ms) * 1000 : 0, steps, ms };
  } finally {
    stepper.dispose();
  }
}
