/**
 * The top-k family of the training loop (`loop.ts`, PROTOCOLS.md P2): every epoch, each training (user, item)
 * pair once in a seeded order with `negatives` uniformly sampled negatives (items outside the user's training
 * items), batches of triples built from typed arrays, the model's BPR loss; after each epoch's steps the model
 * refreshes its derived state (tmfun's fused item graph) and full-ranking validation (training items masked)
 * picks the best epoch; the test split is scored with training items masked (validation items are not).
 * A sequence model (`TopkModel.sequence`, sasrec) is fed each user's training sequence instead of triples
 * (`epochSequences`) and told which split it ranks, so it scores from the items before that split.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeRng, shuffleInPlace } from '../../data/random';
import { leftPaddedWindow, type UserSequences } from '../../data/sequences';
import type {
  EvalPhase,
  SequenceBatch,
  SequenceObjective,
  TopkBatch,
  TopkModel,
  TopkSequences,
} from '../../models/contract';
import {
  evaluateTopk,
  topkValue,
  type TopkMetricName,
  type TopkResult,
  type UserItems,
} from '../metrics/topk';
import type { Checkpoint } from './checkpoint';
import type { TopkTrainConfig } from './config';
import type { EpochPlan } from './family';
import { trainModel, type EpochReport, type Family, type TrainOptions, type TrainResult } from './loop';

export type TopkEpochReport = EpochReport<TopkResult>;
export type TopkTrainResult = TrainResult<TopkResult>;
export type TopkCheckpoint = Checkpoint<TopkTrainConfig, TopkEpochReport>;
export interface TopkTrainOptions extends TrainOptions<TopkResult, TopkTrainConfig> {
  /** Cutoffs of the test metrics; default 5, 10, 20, 50. */
  readonly testKs?: readonly number[];
}

/** The split as per-user item lists (sorted, unique); build them with `userItemsFromRows`. */
export interface TopkTrainData {
  readonly numItems: number;
  readonly train: UserItems;
  readonly valid: UserItems;
  readonly test: UserItems;
  /** Chronological sequences; sequence models need them (`topkDataFromSplit` builds them). */
  readonly sequences?: TopkSequences;
}

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

/** An epoch of training sequences: `rows` sequences of `T` positions each, in the epoch's order. */
export interface EpochSequences {
  readonly rows: number;
  readonly T: number;
  /** `[rows, T]` input tokens (item + 1, 0 = left padding). */
  readonly input: Int32Array;
  /** `[rows, T]` the next item's index at each position, -1 where there is none (padding). */
  readonly pos: Int32Array;
  /** `[rows, T]` a negative item's index per position with a target, -1 elsewhere. */
  readonly neg: Int32Array;
}

/**
 * Epoch `epoch`'s sequences (SASRec's sampler): every user with ≥ 2 training items once, in a seeded order;
 * the input is the last T items of the training sequence but its last, the target at each position the item
 * after it, and one negative per target drawn uniformly from the items outside the user's training items
 * (rejection sampling). Derived from `(seed, epoch)` alone.
 */
export function epochSequences(
  seqs: UserSequences,
  train: UserItems,
  numItems: number,
  T: number,
  seed: number,
  epoch: number,
): EpochSequences {
  const U = seqs.indptr.length - 1;
  const users: number[] = [];
  for (let u = 0; u < U; u++) if (seqs.indptr[u + 1] - seqs.indptr[u] >= 2) users.push(u);
  const rng = makeRng(`${seed}/sequence/${epoch}`);
  const order = shuffleInPlace(Int32Array.from(users), rng);
  const rows = order.length;
  const input = new Int32Array(rows * T);
  const pos = new Int32Array(rows * T).fill(-1);
  const neg = new Int32Array(rows * T).fill(-1);
  for (let r = 0; r < rows; r++) {
    const u = order[r];
    const lo = seqs.indptr[u];
    const hi = seqs.indptr[u + 1];
    const n = leftPaddedWindow(seqs.items, lo, hi - 1, T, input, r * T);
    const tlo = train.indptr[u];
    const thi = train.indptr[u + 1];
    if (thi - tlo >= numItems) throw new Error(`user ${u} has every item: no negative to sample`);
    for (let j = 0; j < n; j++) {
      const at = r * T + T - n + j;
      pos[at] = seqs.items[hi - n + j];
      let k = rng.int(numItems);
      while (contains(train.indices, tlo, thi, k)) k = rng.int(numItems);
      neg[at] = k;
    }
  }
  return { rows, T, input, pos, neg };
}

/** Uploads sequences `[start, end)` of `e` as a batch. */
export function makeSequenceBatch(e: EpochSequences, start: number, end: number): SequenceBatch {
  const { T } = e;
  const at: number[] = [];
  for (let k = start * T; k < end * T; k++) if (e.pos[k] >= 0) at.push(k);
  const pick = (a: Int32Array) => Int32Array.from(at, (k) => a[k]);
  return {
    size: end - start,
    input: tf.tensor2d(e.input.subarray(start * T, end * T), [end - start, T], 'int32'),
    at: tf.tensor1d(
      Int32Array.from(at, (k) => k - start * T),
      'int32',
    ),
    pos: tf.tensor1d(pick(e.pos), 'int32'),
    neg: tf.tensor1d(pick(e.neg), 'int32'),
  };
}

export function disposeSequenceBatch(b: SequenceBatch): void {
  tf.dispose([b.input, b.at, b.pos, b.neg]);
}

/** `recall@20` → ['recall', 20]. */
function parseMetric(name: TopkTrainConfig['earlyStoppingMetric']): [TopkMetricName, number] {
  const [metric, k] = name.split('@');
  return [metric as TopkMetricName, Number(k)];
}

/**
 * Full-ranking metrics of `model` against `truth`, the training items masked; `phase` tells a sequence model
 * which split `truth` is.
 */
export function evaluateModel(
  model: TopkModel,
  data: TopkTrainData,
  truth: UserItems,
  ks?: readonly number[],
  phase: EvalPhase = 'valid',
): Promise<TopkResult> {
  return evaluateTopk((u) => model.scoreUsers(u, phase), data.numItems, data.train, truth, ks ? { ks } : {});
}

const DROPOUT_SEED_RANGE = 2147483647;

/** The steps of one epoch of a sequence model: sequences in batches of `config.batchSize`. */
function sequencePlan(
  objective: SequenceObjective,
  vars: TopkModel['trainableVariables'],
  seqs: TopkSequences,
  data: TopkTrainData,
  config: TopkTrainConfig,
  epoch: number,
): EpochPlan {
  const e = epochSequences(seqs.train, data.train, data.numItems, objective.maxLength, config.seed, epoch);
  const rng = makeRng(`${config.seed}/dropout/${epoch}`);
  return {
    skip: (steps) => {
      for (let s = 0; s < steps; s++) rng.int(DROPOUT_SEED_RANGE);
    },
    step(step, globalStep, stepper) {
      const start = step * config.batchSize;
      const end = Math.min(e.rows, start + config.batchSize);
      const batch = makeSequenceBatch(e, start, end);
      const seed = rng.int(DROPOUT_SEED_RANGE);
      try {
        return { cost: stepper.step(() => objective.loss(batch, seed), vars, globalStep), rows: end - start };
      } finally {
        disposeSequenceBatch(batch);
      }
    },
  };
}

/** Users with at least two training items: the sequences a sequence model trains on per epoch. */
function sequenceRows(seqs: UserSequences): number {
  let n = 0;
  for (let u = 0; u + 1 < seqs.indptr.length; u++) if (seqs.indptr[u + 1] - seqs.indptr[u] >= 2) n++;
  return n;
}

/** The top-k family: `model` trained on `data.train`, validated on `data.valid`, tested on `data.test`. */
export function topkFamily(
  model: TopkModel,
  data: TopkTrainData,
  config: TopkTrainConfig,
  testKs: readonly number[] = [5, 10, 20, 50],
): Family<TopkResult> {
  const vars = model.trainableVariables;
  const [metric, metricK] = parseMetric(config.earlyStoppingMetric);
  const validKs = [...new Set([10, 20, metricK])].sort((a, b) => a - b);
  const objective = model.sequence;
  const seqs = data.sequences;
  if (objective && !seqs)
    throw new Error('a sequence model needs the chronological sequences (topkDataFromSplit)');
  const n = objective && seqs ? sequenceRows(seqs.train) : data.train.indices.length;
  const marker = new Int32Array(data.numItems);
  return {
    rows: n,
    stepsPerEpoch: Math.ceil(n / config.batchSize),
    metric: (v) => topkValue(v, metric, metricK),
    smallerIsBetter: false,
    resumeKeys: [{ key: 'negatives', label: 'negatives per positive' }],
    plan(epoch) {
      if (objective && seqs) return sequencePlan(objective, vars, seqs, data, config, epoch);
      const triples = epochTriples(data.train, data.numItems, config.seed, epoch, config.negatives);
      const N = config.negatives;
      return {
        skip: () => {},
        step(step, globalStep, stepper) {
          const start = step * config.batchSize;
          const end = Math.min(n, start + config.batchSize);
          const batch = makeTopkBatch(triples, start * N, end * N, marker, globalStep + 1);
          try {
            return { cost: stepper.step(() => model.loss(batch), vars, globalStep), rows: end - start };
          } finally {
            disposeTopkBatch(batch);
          }
        },
      };
    },
    refresh: (nextEpoch) => model.refresh(nextEpoch),
    validate: () => evaluateModel(model, data, data.valid, validKs, 'valid'),
    test: () => evaluateModel(model, data, data.test, testKs, 'test'),
  };
}

/**
 * Trains a top-k model in place with BPR triples and returns the history, the best epoch and its validation
 * and test metrics. A model without trainable variables (pop) is only evaluated.
 */
export function trainTopk(
  model: TopkModel,
  data: TopkTrainData,
  config: TopkTrainConfig,
  options: TopkTrainOptions = {},
): Promise<TopkTrainResult> {
  return trainModel(model, topkFamily(model, data, config, options.testKs), config, options);
}
