/**
 * Inside an epoch of the training loop: the running loss kept on the backend (read only when
 * progress is reported, since a read waits for the device), the check that it is still finite, and the
 * yield that lets Pause / Stop messages in.
 */
import * as tf from '@tensorflow/tfjs-core';

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
  /** True on the report made as the run pauses (the loop then waits; the next report, after Resume, false). */
  readonly paused: boolean;
}

export class NonFiniteLossError extends Error {}

/** Lets queued messages (Stop, Pause, Resume) in; a plain promise would only run microtasks. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** An epoch's loss: the row-weighted sum (for its mean) and the steps since the last report. */
export class LossMeter {
  private sum: tf.Scalar;
  private window = tf.scalar(0);
  private windowSteps = 0;

  /** `initialSum`: the weighted sum of the steps a resumed epoch already did. */
  constructor(initialSum = 0) {
    this.sum = tf.scalar(initialSum);
  }

  /** Adds one step's mean loss `cost` over `rows` rows, and disposes `cost`. */
  add(cost: tf.Scalar, rows: number): void {
    const weighted = tf.mul(cost, rows);
    const sum = tf.add(this.sum, weighted) as tf.Scalar;
    const window = tf.add(this.window, cost) as tf.Scalar;
    tf.dispose([cost, weighted, this.sum, this.window]);
    this.sum = sum;
    this.window = window;
    this.windowSteps++;
  }

  /**
   * The mean loss of the steps since the last call, which starts a new window. A NaN or infinite loss throws
   * NonFiniteLossError, naming `where` it happened and the learning rate that probably caused it.
   */
  async takeWindowMean(where: string, learningRate: number): Promise<number> {
    const loss = (await this.window.data())[0] / this.windowSteps;
    if (!Number.isFinite(loss)) {
      throw new NonFiniteLossError(
        `The training loss became ${loss} at ${where}: the learning rate (${learningRate}) is probably too high.`,
      );
    }
    this.window.dispose();
    this.window = tf.scalar(0);
    this.windowSteps = 0;
    return loss;
  }

  /** The weighted sum so far (for the epoch's mean, or a mid-epoch checkpoint). */
  async total(): Promise<number> {
    return (await this.sum.data())[0];
  }

  dispose(): void {
    tf.dispose([this.sum, this.window]);
  }
}

/** Seconds left: the training rows left at the current rate, plus the evaluations left at their mean time. */
export function etaSeconds(
  rowsLeft: number,
  rowsPerSec: number,
  evalsLeft: number,
  evalMsTotal: number,
  evalsDone: number,
): number {
  const train = rowsPerSec > 0 ? rowsLeft / rowsPerSec : 0;
  return train + (evalsDone > 0 ? (evalsLeft * evalMsTotal) / evalsDone / 1000 : 0);
}

/** Where a run stands, as a trainer knows it at a report. */
export interface ProgressState {
  readonly epoch: number;
  readonly epochs: number;
  /** Steps done in this epoch. */
  readonly step: number;
  readonly stepsPerEpoch: number;
  readonly loss: number;
  /** Rows (or triples) trained since the run or its resumption started, and the training time they took. */
  readonly rowsDone: number;
  readonly trainMs: number;
  readonly rowsLeft: number;
  /** Validations still to run, and the time and count of those done. */
  readonly evalsLeft: number;
  readonly evalMs: number;
  readonly evals: number;
  readonly paused: boolean;
}

/** The progress event of `s`: speed, time left, and the backend's tensor count and bytes now. */
export function progressReport(s: ProgressState): TrainProgress {
  const rowsPerSec = s.trainMs > 0 ? s.rowsDone / (s.trainMs / 1000) : 0;
  const memory = tf.memory();
  return {
    epoch: s.epoch,
    epochs: s.epochs,
    step: s.step,
    stepsPerEpoch: s.stepsPerEpoch,
    loss: s.loss,
    rowsPerSec,
    etaSeconds: etaSeconds(s.rowsLeft, rowsPerSec, s.evalsLeft, s.evalMs, s.evals),
    numTensors: memory.numTensors,
    numBytes: memory.numBytes,
    paused: s.paused,
  };
}

/** The hooks a trainer's caller passes for progress and pausing (both trainers' options extend it). */
export interface ProgressHooks {
  onProgress?(p: TrainProgress): void;
  /**
   * Polled at each progress report: a promise while the run should pause — the loop reports `paused: true`
   * and awaits it — or null. Resolve it on Resume, and on Stop.
   */
  pauseGate?(): Promise<void> | null;
}

/**
 * A report within an epoch: reads the loss window (throwing if it is not finite), yields so Pause / Stop
 * messages get in, then sends the progress event, marked paused when a pause gate is up. Returns that gate,
 * for the caller to wait on after whatever it does before pausing (the ctr trainer checkpoints); it is
 * wrapped in an object because an async function returning a promise would wait for it instead.
 */
export async function reportProgress(
  meter: LossMeter,
  learningRate: number,
  state: Omit<ProgressState, 'loss' | 'paused'>,
  hooks: ProgressHooks,
): Promise<{ readonly gate: Promise<void> | null }> {
  const loss = await meter.takeWindowMean(`epoch ${state.epoch}, step ${state.step}`, learningRate);
  await yieldToEventLoop();
  const gate = hooks.pauseGate?.() ?? null;
  hooks.onProgress?.(progressReport({ ...state, loss, paused: gate !== null }));
  return { gate };
}
