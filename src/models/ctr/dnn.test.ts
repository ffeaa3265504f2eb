import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { disposeBatch, makeBatch } from '../../engine/train/batches';
import { defaults } from '../config';
import { dnn as dnnEntry } from './dnn';
import { allRows, expectGradientsEverywhere, overfitAuc, tinyEncoding } from '../models.testkit';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('dnn', () => {
  const enc = tinyEncoding(256, 1, 'interaction');
  const rows = allRows(enc);

  it('returns one logit per row, with and without modality fields', async () => {
    for (const useModalities of [true, false]) {
      const model = await dnnEntry.build(
        { ...defaults(dnnEntry.configSchema), useModalities },
        enc,
        makeRng(2),
      );
      const batch = makeBatch(enc, rows.subarray(0, 7));
      const logits = model.logits(batch, false, 0);
      expect(logits.shape).toEqual([7]);
      expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
      tf.dispose(logits);
      disposeBatch(batch);
      model.dispose();
    }
  });

  it('sends a non-zero gradient to every trainable variable', async () => {
    const model = await dnnEntry.build({ ...defaults(dnnEntry.configSchema), initStd: 0.1 }, enc, makeRng(3));
    const batch = makeBatch(enc, rows.subarray(0, 64));
    expectGradientsEverywhere(model, batch);
    disposeBatch(batch);
    model.dispose();
  });

  it('over-fits a tiny dataset (train AUC > 0.95) and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const model = await dnnEntry.build(defaults(dnnEntry.configSchema), enc, makeRng(4));
    expect(await overfitAuc(model, enc, 60, 0.02)).toBeGreaterThan(0.95);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
