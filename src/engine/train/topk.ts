/**
 * The top-k training loop (PROTOCOLS.md P2): every epoch, each training (user, item) pair once in a seeded
 * order with one uniformly sampled negative (an item outside the user's training items), batches of
 * triples built from typed arrays, an optimizer step per batch (optimizers.ts), the loss summed on the
 * device and read only when progress is reported; after each epoch the model refreshes its per-epoch state
 * and full-ranking validation (`evaluateTopk`, training items masked) picks the best epoch; early stopping
 * after `patience` epochs without improvement; the best epoch's weights are restored and the test split is
 * scored with training items masked (validation items are not). Progress / stop / pause hooks as `trainCtr`;
 * a checkpoint after every epoch (checkpoint.ts), and continuing from one.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeRng, shuffleInPlace } from '../../data/random';
import type { TopkBatch, TopkModel } from '../../models/contract';
import {
  checkOptimizerKind,
  checkShapes,
  entryTensor,
  loadCheckpoint,
  saveCheckpoint,
  type Checkpoint,
} from './checkpoint';
import { makeStepper } from './optimizers';
import {
  evaluateTopk,
  topkValue,
  type TopkMetricName,
  type TopkResult,
  type UserItems,
} from '../metrics/topk';
import { DEFAULT_TOPK_TRAIN_CONFIG, TOPK_TRAIN_SCHEMA, type TopkTrainConfig } from './config';
import { LossMeter, reportProgress, yieldToEventLoop, type ProgressHooks } from './progress';

export { DEFAULT_TOPK_TRAIN_CONFIG, TOPK_TRAIN_SCHEMA, type TopkTrainConfig };

/** The split as per-user item lists (sorted, unique); build them with `userItemsFromRows`. */
export interface TopkTrainData {
  readonly numItems: number;
  readonly train: UserItems;
  readonly valid: UserItems;
  readonly test: UserItems;
}

export interface TopkEpochReport {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly valid: TopkResult;
  /** The test split's metrics after this epoch: only with `traceTest` (a diagnostic, never used to pick). */
  readonly test?: TopkResult;
  readonly trainSeconds: number;
  readonly evalSeconds: number;
  readonly triplesPerSec: number;
}

export interface TopkTrainResult {
  readonly epochs: readonly TopkEpochReport[];
  /** 1-based best validation epoch (its weights are the model's now); 0 when nothing was trained. */
  readonly bestEpoch: number;
  /** Validation metrics at the best epoch (for an untrained model: of the model as built). */
  readonly valid: TopkResult | null;
  /** Null when the run was stopped. */
  readonly test: TopkResult | null;
  readonly stopped: boolean;
  readonly stoppedEarly: boolean;
  /** Mean training time per epoch (evaluation excluded), ms; 0 when nothing was trained. */
  readonly msPerEpoch: number;
  readonly peakTensors: number;
}

export interface TopkTrainOptions extends ProgressHooks {
  onEpoch?(e: TopkEpochReport): void;
  /** Polled at each progress report; true ends the run there (no test score). */
  shouldStop?(): boolean;
  progressIntervalMs?: number;
  /** Cutoffs of the test metrics; default 5, 10, 20, 50. */
  readonly testKs?: readonly number[];
  /**
   * Also score the test split after every epoch (the bench's `--trace-test`): shows how much test metrics move
   * from epoch to epoch around the epoch validation picks. The pick, the stop and the result do not change.
   */
  readonly traceTest?: boolean;
  /**
   * Receives a checkpoint after every epoch's validation (epoch boundaries only: a run paused mid-epoch keeps
   * the one before). Reading the weights back costs a device sync: pass it only when checkpoints are kept.
   */
  onCheckpoint?(c: TopkCheckpoint): void | Promise<void>;
  /**
   * Continue from this checkpoint: weights, optimizer state, epoch history and best epoch are restored, and
   * training goes on with the epochs an uninterrupted run would train (same triples, same steps). Needs the same
   * data, model, batch size, negatives and optimizer kind. A model that draws per-epoch state from its own rng
   * (tmfun's edge pruning) draws it afresh, so such a run is not bit-identical to an uninterrupted one.
   */
  readonly resumeFrom?: TopkCheckpoint;
}

export type TopkCheckpoint = Checkpoint<TopkTrainConfig, TopkEpochReport>;

/** Whether `item` is in the sorted slice `indices[lo, hi)`. */
function contains(indices: Int32Array, lo: number, hi: number, item: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = indices[mid];
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

export interface Triples {
  readonly users: Int32Array;
  readonly pos: Int32Array;
  readonly neg: Int32Array;
}

/**
 * Epoch `epoch`'s triples: every training pair once, shuffled, each with `negatives` negatives drawn uniformly
 * from the items outside the user's training items (rejection sampling), as `negatives` consecutive triples
 * (pair k → triples k·N … k·N + N − 1). Derived from `(seed, epoch)` alone; one negative draws exactly what it
 * always did.
 */
export function epochTriples(
  train: UserItems,
  numItems: number,
  seed: number,
  epoch: number,
  negatives = 1,
): Triples {
  const { indptr, indices } = train;
  const n = indices.length;
  const pairUser = new Int32Array(n);
  for (let u = 0; u + 1 < indptr.length; u++) pairUser.fill(u, indptr[u], indptr[u + 1]);
  const rng = makeRng(`${seed}/topk/${epoch}`);
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  shuffleInPlace(order, rng);
  const N = negatives;
  const users = new Int32Array(n * N);
  const pos = new Int32Array(n * N);
  const neg = new Int32Array(n * N);
  for (let k = 0; k < n; k++) {
    const e = order[k];
    const u = pairUser[e];
    const lo = indptr[u];
    const hi = indptr[u + 1];
    if (hi - lo >= numItems) throw new Error(`user ${u} has every item: no negative to sample`);
    for (let r = k * N; r < (k + 1) * N; r++) {
      let j = rng.int(numItems);
      while (contains(indices, lo, hi, j)) j = rng.int(numItems);
      users[r] = u;
      pos[r] = indices[e];
      neg[r] = j;
    }
  }
  return { users, pos, neg };
}

/** Uploads triples `[start, end)` as a batch; `marker` (length numItems, reused) finds distinct positives. */
export function makeTopkBatch(
  t: Triples,
  start: number,
  end: number,
  marker: Int32Array,
  stamp: number,
): TopkBatch {
  const pos = t.pos.subarray(start, end);
  const unique: number[] = [];
  for (const i of pos) {
    if (marker[i] !== stamp) {
      marker[i] = stamp;
      unique.push(i);
    }
  }
  unique.sort((a, b) => a - b);
  return {
    size: end - start,
    users: tf.tensor1d(t.users.subarray(start, end), 'int32'),
    pos: tf.tensor1d(pos, 'int32'),
    neg: tf.tensor1d(t.neg.subarray(start, end), 'int32'),
    uniquePos: tf.tensor1d(unique, 'int32'),
  };
}

export function disposeTopkBatch(b: TopkBatch): void {
  tf.dispose([b.users, b.pos, b.neg, b.uniquePos]);
}

/** `recall@20` → ['recall', 20]. */
function parseMetric(name: TopkTrainConfig['earlyStoppingMetric']): [TopkMetricName, number] {
  const [metric, k] = name.split('@');
  return [metric as TopkMetricName, Number(k)];
}

/** Full-ranking metrics of `model` against `truth`, the training items masked. */
export function evaluateModel(
  model: TopkModel,
  data: TopkTrainData,
  truth: UserItems,
  ks?: readonly number[],
): Promise<TopkResult> {
  return evaluateTopk((u) => model.scoreUsers(u), data.numItems, data.train, truth, ks ? { ks } : {});
}

interface TopkBest {
  epoch: number;
  value: number;
  valid: TopkResult;
  weights: tf.Tensor[];
}

/** Restores `c` into `model` and the optimizer; returns where the run goes on. */
async function restoreTopk(
  model: TopkModel,
  optimizer: tf.Optimizer,
  c: TopkCheckpoint,
  config: TopkTrainConfig,
  stepsPerEpoch: number,
): Promise<{ history: TopkEpochReport[]; best: TopkBest | null }> {
  for (const key of ['batchSize', 'negatives'] as const) {
    if (c.config[key] !== config[key]) {
      throw new Error(`The checkpoint used ${key} ${c.config[key]}, this run ${config[key]}.`);
    }
  }
  checkOptimizerKind(c.config, config);
  if (c.partial || c.step !== c.epoch * stepsPerEpoch || c.history.length !== c.epoch) {
    throw new Error(
      `Checkpoint step ${c.step} is not the end of epoch ${c.epoch} of ${stepsPerEpoch} steps.`,
    );
  }
  const bestReport = c.best ? c.history.find((h) => h.epoch === c.best!.epoch) : undefined;
  if (c.best && !bestReport)
    throw new Error(`The checkpoint's best epoch ${c.best.epoch} is not in its history.`);
  if (c.best) checkShapes(c.best.weights, model.trainableVariables, 'best weights');
  await loadCheckpoint(model, optimizer, c);
  return {
    history: [...c.history],
    best:
      c.best && bestReport
        ? {
            epoch: c.best.epoch,
            value: c.best.value,
            valid: bestReport.valid,
            weights: c.best.weights.map(entryTensor),
          }
        : null,
  };
}

/**
 * Trains `model` in place with BPR triples and returns the history, the best epoch and its validation and
 * test metrics. A model without trainable variables (pop) is only evaluated.
 */
export async function trainTopk(
  model: TopkModel,
  data: TopkTrainData,
  config: TopkTrainConfig,
  options: TopkTrainOptions = {},
): Promise<TopkTrainResult> {
  const interval = options.progressIntervalMs ?? 250;
  const vars = model.trainableVariables;
  const [metric, metricK] = parseMetric(config.earlyStoppingMetric);
  const validKs = [...new Set([10, 20, metricK])].sort((a, b) => a - b);
  const testKs = options.testKs ?? [5, 10, 20, 50];
  let peakTensors = tf.memory().numTensors;
  if (vars.length === 0) {
    await model.refresh();
    const valid = await evaluateModel(model, data, data.valid, validKs);
    const test = await evaluateModel(model, data, data.test, testKs);
    return {
      epochs: [],
      bestEpoch: 0,
      valid,
      test,
      stopped: false,
      stoppedEarly: false,
      msPerEpoch: 0,
      peakTensors,
    };
  }

  const n = data.train.indices.length;
  const stepsPerEpoch = Math.ceil(n / config.batchSize);
  const stepper = makeStepper(config, stepsPerEpoch * config.epochs);
  const marker = new Int32Array(data.numItems);
  let history: TopkEpochReport[] = [];
  let best: TopkBest | null = null;
  let stopped = false;
  let stoppedEarly = false;
  let globalStep = 0;
  let trainMs = 0;
  let triplesDone = 0;
  let evalMs = 0;

  try {
    let firstEpoch = 1;
    if (options.resumeFrom) {
      ({ history, best } = await restoreTopk(
        model,
        stepper.optimizer,
        options.resumeFrom,
        config,
        stepsPerEpoch,
      ));
      firstEpoch = options.resumeFrom.epoch + 1;
      globalStep = options.resumeFrom.step;
      triplesDone = options.resumeFrom.epoch * n;
      // The per-epoch state (tmfun's fused graph) from the restored weights, as after that epoch.
      await model.refresh();
      if (best && config.patience > 0 && firstEpoch - 1 - best.epoch >= config.patience) stoppedEarly = true;
    }
    for (let epoch = firstEpoch; epoch <= config.epochs && !stopped && !stoppedEarly; epoch++) {
      const triples = epochTriples(data.train, data.numItems, config.seed, epoch, config.negatives);
      const meter = new LossMeter();
      let epochMs = 0;
      let lastReport = performance.now();
      let trainLoss = 0;
      try {
        for (let step = 0; step < stepsPerEpoch; step++) {
          const t0 = performance.now();
          const start = step * config.batchSize;
          const end = Math.min(n, start + config.batchSize);
          const N = config.negatives;
          const batch = makeTopkBatch(triples, start * N, end * N, marker, globalStep + 1);
          let cost: tf.Scalar;
          try {
            cost = stepper.step(() => model.loss(batch), vars, globalStep);
          } finally {
            disposeTopkBatch(batch);
          }
          globalStep++;
          meter.add(cost, end - start);
          triplesDone += end - start;
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
                rowsDone: triplesDone,
                trainMs,
                rowsLeft: (stepsPerEpoch * config.epochs - globalStep) * config.batchSize,
                evalsLeft: config.epochs - epoch + 1,
                evalMs,
                evals: history.length,
              },
              options,
            );
            if (gate) await gate;
            lastReport = performance.now();
            if (options.shouldStop?.()) {
              stopped = true;
              break;
            }
          }
        }
        trainLoss = (await meter.total()) / n;
      } finally {
        meter.dispose();
      }
      if (stopped) break;

      const e0 = performance.now();
      await model.refresh();
      const valid = await evaluateModel(model, data, data.valid, validKs);
      const epochEvalMs = performance.now() - e0;
      evalMs += epochEvalMs;
      const traced = options.traceTest ? await evaluateModel(model, data, data.test, testKs) : undefined;
      const report: TopkEpochReport = {
        epoch,
        trainLoss,
        valid,
        ...(traced ? { test: traced } : {}),
        trainSeconds: epochMs / 1000,
        evalSeconds: epochEvalMs / 1000,
        triplesPerSec: epochMs > 0 ? (n / epochMs) * 1000 : 0,
      };
      history.push(report);
      const value = topkValue(valid, metric, metricK);
      if (!best || value > best.value) {
        best?.weights.forEach((w) => w.dispose());
        best = { epoch, value, valid, weights: vars.map((v) => tf.clone(v)) };
      }
      options.onEpoch?.(report);
      if (options.onCheckpoint) {
        const state = { epoch, step: globalStep, config, history, best, partial: null };
        await options.onCheckpoint(await saveCheckpoint(model, stepper.optimizer, state));
      }
      if (config.patience > 0 && epoch - best.epoch >= config.patience) stoppedEarly = true;
      await yieldToEventLoop();
      if (options.shouldStop?.()) stopped = true;
    }

    const kept = best;
    if (kept) vars.forEach((v, i) => v.assign(kept.weights[i]));
    await model.refresh();
    const test = !stopped && kept ? await evaluateModel(model, data, data.test, testKs) : null;
    return {
      epochs: history,
      bestEpoch: kept?.epoch ?? 0,
      valid: kept?.valid ?? null,
      test,
      stopped,
      stoppedEarly,
      msPerEpoch:
        history.length > 0 ? history.reduce((s, e) => s + e.trainSeconds, 0) * (1000 / history.length) : 0,
      peakTensors,
    };
  } finally {
    best?.weights.forEach((w) => w.dispose());
    stepper.dispose();
  }
}
