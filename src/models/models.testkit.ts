/**
 * Shared fixtures for the model tests (imported by `*.test.ts` only): a tiny seeded dataset with every kind
 * of field, and the checks MODELS.md asks of each model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { encodeCtr, type CtrEncoding } from '../data/features';
import { makeRng } from '../data/random';
import type { Dataset } from '../data/types';
import { ctrLoss, makeOptimizer, predictCtr } from '../engine/train/ctr';
import { DEFAULT_TRAIN_CONFIG } from '../engine/train/config';
import { auc } from '../engine/metrics/ctr';
import { defaults, type ConfigOf, type ParamSchema } from './config';
import type { CtrBatch, CtrModel, CtrModelEntry } from './contract';
import { disposeBatch, makeBatch } from '../engine/train/batches';

const USERS = 20;
const ITEMS = 30;

/**
 * `rows` interactions of 20 users × 30 items with a user field, an item field, a multi-valued `tags` field
 * (0–3 of 5 values per item), a 5-d `visual` modality and timestamps. Labels follow a hidden rule:
 * `additive` (user bias + item bias, learnable by lr) or `interaction` (a rank-2 user·item product).
 */
export function tinyDataset(rows: number, seed: number, rule: 'additive' | 'interaction'): Dataset {
  const rng = makeRng(seed);
  const normals = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const ua = normals(USERS * 2);
  const ib = normals(ITEMS * 2);
  const tagOffsets = new Int32Array(ITEMS + 1);
  const tags: number[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const n = rng.int(4);
    for (let k = 0; k < n; k++) tags.push(1 + ((i + 2 * k) % 5));
    tagOffsets[i + 1] = tags.length;
  }
  const user = new Int32Array(rows);
  const item = new Int32Array(rows);
  const timestamp = new Float64Array(rows);
  const label = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const u = rng.int(USERS);
    const i = rng.int(ITEMS);
    user[r] = u;
    item[r] = i;
    timestamp[r] = 1000 + rng.int(50); // coarse: many ties, ordered by item id
    const z =
      rule === 'additive' ? ua[u * 2] + ib[i * 2] : ua[u * 2] * ib[i * 2] + ua[u * 2 + 1] * ib[i * 2 + 1];
    label[r] = z > 0 ? 1 : 0;
  }
  const vocab = (prefix: string, n: number) => [
    '[pad]',
    ...Array.from({ length: n }, (_, k) => `${prefix}${k}`),
  ];
  return {
    name: 'tiny',
    source: { kind: 'demo', seed, users: USERS, items: ITEMS },
    numUsers: USERS,
    numItems: ITEMS,
    userKeys: vocab('u', USERS).slice(1),
    itemKeys: vocab('i', ITEMS).slice(1),
    itemTitles: vocab('item ', ITEMS).slice(1),
    userFields: [
      {
        name: 'gender',
        vocab: vocab('g', 2),
        tokens: Int32Array.from({ length: USERS }, (_, u) => 1 + (u % 2)),
      },
    ],
    itemFields: [
      {
        name: 'category',
        vocab: vocab('c', 4),
        tokens: Int32Array.from({ length: ITEMS }, (_, i) => 1 + (i % 4)),
      },
    ],
    itemMultiFields: [
      { name: 'tags', vocab: vocab('t', 5), offsets: tagOffsets, tokens: Int32Array.from(tags) },
    ],
    modalities: [{ name: 'visual', dim: 5, data: normals(ITEMS * 5) }],
    interactions: { user, item, timestamp, label },
  };
}

export function tinyEncoding(rows: number, seed: number, rule: 'additive' | 'interaction'): CtrEncoding {
  return encodeCtr(tinyDataset(rows, seed, rule), { history: { maxLength: 5, positiveOnly: false } });
}

export function allRows(enc: CtrEncoding): Int32Array {
  return Int32Array.from({ length: enc.labels.length }, (_, i) => i);
}

/** Asserts that one backward pass on `batch` gives every trainable variable a non-zero gradient. */
export function expectGradientsEverywhere(model: CtrModel, batch: CtrBatch): void {
  const vars = model.trainableVariables as tf.Variable[];
  const { value, grads } = tf.variableGrads(() => ctrLoss(model, batch, true, 1), vars);
  expect(Object.keys(grads)).toHaveLength(vars.length);
  vars.forEach((v, i) => {
    const maxAbs = tf.tidy(() => tf.max(tf.abs(grads[v.name])).dataSync()[0]);
    expect(maxAbs, model.variableNames?.[i] ?? v.name).toBeGreaterThan(0);
  });
  tf.dispose([value, ...Object.values(grads)]);
}

/** Full-batch Adam on all rows for `steps` steps; returns the training AUC. */
export async function overfitAuc(
  model: CtrModel,
  enc: CtrEncoding,
  steps: number,
  lr = 0.01,
): Promise<number> {
  const rows = allRows(enc);
  const optimizer = makeOptimizer({ ...DEFAULT_TRAIN_CONFIG, learningRate: lr });
  const batch = makeBatch(enc, rows);
  for (let step = 0; step < steps; step++) {
    optimizer.minimize(
      () => ctrLoss(model, batch, true, step),
      false,
      model.trainableVariables as tf.Variable[],
    );
  }
  disposeBatch(batch);
  optimizer.dispose();
  return auc(await predictCtr(model, enc, rows), enc.labels);
}

/** Assigns every variable of `to` the value of `from`'s variable with the same name. */
export function copyWeightsByName(from: CtrModel, to: CtrModel): void {
  const source = new Map(from.variableNames!.map((n, i) => [n, from.trainableVariables[i]]));
  to.variableNames!.forEach((n, i) => {
    const v = source.get(n);
    if (!v) throw new Error(`no variable ${n} to copy from`);
    to.trainableVariables[i].assign(v);
  });
}

/** `[B]` logits as a plain array (tensor disposed). */
export function logitsOf(model: CtrModel, batch: CtrBatch): Float32Array {
  const t = model.logits(batch, false, 0);
  const out = Float32Array.from(t.dataSync());
  t.dispose();
  return out;
}

export interface StandardTestOptions<S extends ParamSchema> {
  /** Label rule of the tiny dataset (lr can only learn `additive`). */
  readonly rule: 'additive' | 'interaction';
  /** Settings whose models must all build and give one finite logit per row (ablations). */
  readonly variants: Readonly<Record<string, Partial<ConfigOf<S>>>>;
  /** Settings and steps for the over-fitting test. */
  readonly overfit: { readonly config?: Partial<ConfigOf<S>>; readonly steps: number; readonly lr: number };
}

/**
 * MODELS.md's tests every model must pass: output shapes (every ablation), a gradient for every variable,
 * over-fitting a tiny dataset, and no tensor left behind.
 */
export function standardModelTests<S extends ParamSchema>(
  spec: CtrModelEntry<S>,
  o: StandardTestOptions<S>,
): void {
  const enc = tinyEncoding(256, 11, o.rule);
  const rows = allRows(enc);
  const build = (config: Partial<ConfigOf<S>>, seed: number) =>
    spec.build({ ...defaults(spec.configSchema), ...config }, enc, makeRng(seed));

  it('returns one finite logit per row in every variant, without leaking tensors', async () => {
    for (const [name, config] of Object.entries(o.variants)) {
      const before = tf.memory().numTensors;
      const model = await build(config, 1);
      const batch = makeBatch(enc, rows.subarray(0, 7));
      const logits = logitsOf(model, batch);
      expect(logits.length, name).toBe(7);
      expect(logits.every(Number.isFinite), name).toBe(true);
      disposeBatch(batch);
      model.dispose();
      expect(tf.memory().numTensors, name).toBe(before);
    }
  });

  it('sends a non-zero gradient to every trainable variable', async () => {
    for (const [name, config] of Object.entries(o.variants)) {
      const model = await build({ ...config, initStd: 0.1 } as Partial<ConfigOf<S>>, 2);
      const batch = makeBatch(enc, rows.subarray(0, 64));
      expect(model.trainableVariables.length, name).toBeGreaterThan(0);
      expectGradientsEverywhere(model, batch);
      disposeBatch(batch);
      model.dispose();
    }
  });

  it('over-fits a tiny dataset (train AUC > 0.95) and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const model = await build(o.overfit.config ?? {}, 3);
    expect(await overfitAuc(model, enc, o.overfit.steps, o.overfit.lr)).toBeGreaterThan(0.95);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns its embedding tables by role: one row per item or user, a tensor the caller owns', async () => {
    const before = tf.memory().numTensors;
    const model = await build({}, 4);
    const counts = { item: enc.numItems, user: enc.fields.find((f) => f.name === 'user_id')!.vocabSize - 1 };
    expect(spec.embeddings.length).toBeGreaterThan(0);
    // The rows must be the item_id rows of the shared token table (the variable with one row per token).
    const shared = model.trainableVariables.find((v) => v.shape[0] === enc.totalVocab)!;
    const Fi = enc.itemFields.length;
    const itemIds = Int32Array.from({ length: enc.numItems }, (_, i) => enc.itemFieldIds[i * Fi]);
    for (const role of spec.embeddings) {
      const table = model.embeddings(role);
      expect(table, role).not.toBeNull();
      expect(table!.shape[0], role).toBe(counts[role]);
      if (role === 'item') {
        const expected = tf.tidy(() => tf.gather(shared, tf.tensor1d(itemIds, 'int32')));
        expect(Array.from(table!.dataSync())).toEqual(Array.from(expected.dataSync()));
        expected.dispose();
      }
      table!.dispose();
    }
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
}
