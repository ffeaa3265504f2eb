import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { disposeBatch, makeBatch } from '../../engine/train/batches';
import { amfr as amfrEntry } from './amfr';
import { autoint as autointEntry } from './autoint';
import { defaults } from '../config';
import { checkAttention } from '../explain';
import { allRows, copyWeightsByName, logitsOf, standardModelTests, tinyEncoding } from '../models.testkit';

beforeAll(async () => {
  await initBackend('wasm');
});

const small = { hiddenUnits: [32, 16] } as const;

describe('amfr', () => {
  standardModelTests(amfrEntry, {
    rule: 'interaction',
    variants: {
      default: {},
      'internal only': { useExternal: false },
      'external only': { useInternal: false },
      'no modalities': { useModalities: false },
      'neither branch': { useInternal: false, useExternal: false, useLinear: false, residual: false },
    },
    overfit: { config: small, steps: 60, lr: 0.02 },
  });

  const enc = tinyEncoding(64, 5, 'interaction');
  const rows = allRows(enc).subarray(0, 9);
  const M = 6; // user_id, item_id, gender, category, tags, visual

  it('exposes field attention [L, H, M, M] (rows sum to 1) and pair attention [M, M] (upper triangle)', async () => {
    const model = await amfrEntry.build(
      { ...defaults(amfrEntry.configSchema), layers: 3, heads: 2 },
      enc,
      makeRng(1),
    );
    const batch = makeBatch(enc, rows);
    const before = tf.memory().numTensors;
    const ins = await model.explain!(batch);
    expect(tf.memory().numTensors).toBe(before);
    const field = ins.fieldAttention!;
    expect(field.shape).toEqual([3, 2, M, M]);
    expect(field.labels).toEqual(['user_id', 'item_id', 'gender', 'category', 'tags', 'visual']);
    expect(checkAttention(field, { sumsToOne: 3 })).toEqual([]);
    const pair = ins.pairAttention!;
    expect(pair.shape).toEqual([M, M]);
    expect(checkAttention(pair, { sumsToOne: 'all' })).toEqual([]);
    for (let i = 0; i < M; i++) for (let j = 0; j <= i; j++) expect(pair.data[i * M + j]).toBe(0);
    expect(pair.data[0 * M + 1]).toBeGreaterThan(0);
    disposeBatch(batch);
    model.dispose();
  });

  it('exposes only the attention of the branches it has', async () => {
    const batch = makeBatch(enc, rows);
    for (const [config, keys] of [
      [{ useExternal: false }, ['fieldAttention']],
      [{ useInternal: false }, ['pairAttention']],
    ] as const) {
      const model = await amfrEntry.build(
        { ...defaults(amfrEntry.configSchema), ...config },
        enc,
        makeRng(1),
      );
      expect(Object.keys(await model.explain!(batch))).toEqual(keys);
      model.dispose();
    }
    disposeBatch(batch);
  });

  it('gives autoint exactly the parameters of AutoInt (+ modality projections, linear part)', async () => {
    const model = await autointEntry.build(defaults(autointEntry.configSchema), enc, makeRng(1));
    const attention = [0, 1].flatMap((l) =>
      ['query', 'key', 'value', 'res'].map((w) => `interacting${l}_${w}`),
    );
    expect(model.variableNames).toEqual([
      'embedding',
      'modality_visual_w',
      'modality_visual_b',
      ...attention,
      ...['mlp0_w', 'mlp0_b', 'mlp1_w', 'mlp1_b', 'out_w', 'out_b', 'linear_w'],
    ]);
    model.dispose();
  });

  it('with the internal branch only equals autoint given the same weights', async () => {
    const shared = { ...defaults(autointEntry.configSchema), initStd: 0.1 };
    const autoint = await autointEntry.build(shared, enc, makeRng(1));
    const amfr = await amfrEntry.build(
      { ...defaults(amfrEntry.configSchema), ...shared, useExternal: false },
      enc,
      makeRng(2),
    );
    expect([...amfr.variableNames!].sort()).toEqual([...autoint.variableNames!].sort());
    const batch = makeBatch(enc, rows);
    const a = logitsOf(autoint, batch);
    expect(Math.max(...logitsOf(amfr, batch).map((x, i) => Math.abs(x - a[i])))).toBeGreaterThan(1e-3);
    copyWeightsByName(autoint, amfr);
    const b = logitsOf(amfr, batch);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 5));
    disposeBatch(batch);
    autoint.dispose();
    amfr.dispose();
  });
});

describe('autoint', () => {
  standardModelTests(autointEntry, {
    rule: 'interaction',
    variants: {
      default: {},
      'no modalities': { useModalities: false },
      'one layer, no residual': { layers: 1, residual: false },
    },
    overfit: { config: small, steps: 60, lr: 0.02 },
  });
});
