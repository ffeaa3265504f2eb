import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CtrEncoding } from '../data/features';
import { makeRng } from '../data/random';
import { initBackend } from '../engine/backends';
import { ctrLoss, disposeBatch, makeBatch, makeOptimizer, predictCtr } from '../engine/trainer';
import { DEFAULT_TRAIN_CONFIG } from '../engine/trainConfig';
import { auc } from '../engine/metrics';
import { defaults } from './config';
import { dnnSpec } from './dnn';

/** A tiny random ctr dataset: 3 categorical fields, one 5-d modality, labels from a hidden rule. */
function tinyEncoding(rows: number, seed: number): CtrEncoding {
  const rng = makeRng(seed);
  const vocab = [20, 30, 4];
  const offsets = Int32Array.from([0, 20, 50]);
  const fieldIds = new Int32Array(rows * 3);
  const itemIdx = new Int32Array(rows);
  const userIdx = new Int32Array(rows);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const u = 1 + rng.int(19);
    const i = 1 + rng.int(29);
    const c = 1 + rng.int(3);
    fieldIds.set([offsets[0] + u, offsets[1] + i, offsets[2] + c], r * 3);
    itemIdx[r] = i - 1;
    userIdx[r] = u;
    labels[r] = (u + i * c) % 3 === 0 ? 1 : 0;
  }
  const visual = Float32Array.from({ length: 29 * 5 }, () => rng.normal());
  return {
    fields: [
      { name: 'user_id', owner: 'user', vocabSize: 20 },
      { name: 'item_id', owner: 'item', vocabSize: 30 },
      { name: 'category', owner: 'item', vocabSize: 4 },
    ],
    offsets,
    totalVocab: vocab.reduce((a, b) => a + b),
    fieldIds,
    userIdx,
    itemIdx,
    labels,
    modalities: [{ name: 'visual', dim: 5, data: visual }],
  };
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('dnn', () => {
  const enc = tinyEncoding(256, 1);
  const rows = Int32Array.from({ length: 256 }, (_, i) => i);

  it('returns one logit per row, with and without modality fields', () => {
    for (const useModalities of [true, false]) {
      const model = dnnSpec.build({ ...defaults(dnnSpec.configSchema), useModalities }, enc, makeRng(2));
      const batch = makeBatch(enc, rows.subarray(0, 7));
      const logits = model.logits(batch, false, 0);
      expect(logits.shape).toEqual([7]);
      expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose(logits);
      disposeBatch(batch);
      model.dispose();
    }
  });

  it('sends a non-zero gradient to every trainable variable', () => {
    const model = dnnSpec.build({ ...defaults(dnnSpec.configSchema), initStd: 0.1 }, enc, makeRng(3));
    const batch = makeBatch(enc, rows.subarray(0, 64));
    const { value, grads } = tf.variableGrads(
      () => ctrLoss(model, batch, true, 1),
      model.trainableVariables as tf.Variable[],
    );
    expect(Object.keys(grads)).toHaveLength(model.trainableVariables.length);
    for (const [name, g] of Object.entries(grads)) {
      const maxAbs = tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]);
      expect(maxAbs, name).toBeGreaterThan(0);
    }
    tf.dispose([value, ...Object.values(grads)]);
    disposeBatch(batch);
    model.dispose();
  });

  it('over-fits a tiny dataset (train AUC > 0.95) and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const model = dnnSpec.build(defaults(dnnSpec.configSchema), enc, makeRng(4));
    const optimizer = makeOptimizer({ ...DEFAULT_TRAIN_CONFIG, learningRate: 0.01 });
    const batch = makeBatch(enc, rows);
    for (let step = 0; step < 300; step++) {
      optimizer.minimize(
        () => ctrLoss(model, batch, true, step),
        false,
        model.trainableVariables as tf.Variable[],
      );
    }
    disposeBatch(batch);
    const probs = await predictCtr(model, enc, rows);
    expect(auc(probs, enc.labels)).toBeGreaterThan(0.95);
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
