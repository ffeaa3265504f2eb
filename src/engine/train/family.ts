/**
 * The training loop's contract with a model family (`ctr.ts`, `topk.ts`): what a family supplies (`Family`:
 * batches and their loss, the per-epoch refresh, the metrics), what the loop reports (`EpochReport`,
 * `TrainResult`), and the options a caller passes (`TrainOptions`).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { Checkpoint } from './checkpoint';
import type { OptimizerSettings, Stepper } from './optimizers';
import type { ProgressHooks } from './progress';

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
  /**
   * The best epoch's weights scored on the test split (a stopped run's best so far); null when no epoch
   * finished, or there is no test split.
   */
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
   * epoch's steps and after weights are restored, for the training epoch `nextEpoch` (omitted: after the
   * last epoch, for scoring); null for models that derive nothing.
   */
  readonly refresh: ((nextEpoch?: number) => Promise<void>) | null;
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
