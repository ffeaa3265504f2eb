import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { disposeBatch, makeBatch } from '../../engine/train/batches';
import { defaults } from '../config';
import { din as dinEntry } from './din';
import { checkAttention } from '../explain';
import { mmdin as mmdinEntry } from './mmdin';
import { allRows, copyWeightsByName, logitsOf, standardModelTests, tinyEncoding } from '../models.testkit';

beforeAll(async () => {
  await initBackend('wasm');
});

const small = { hiddenUnits: [32, 16] } as const;

describe('mmdin', () => {
  standardModelTests(mmdinEntry, {
    rule: 'interaction',
    variants: {
      default: {},
      'one head (multimodal DIN)': { heads: 1 },
      'no modalities (multi-head DIN)': { useModalities: false },
      'softmax, ReLU, 3 heads': { softmax: true, activation: 'relu', heads: 3 },
      'full-size heads': { heads: 2, headSize: 'full' },
    },
    overfit: { config: small, steps: 60, lr: 0.02 },
  });

  const enc = tinyEncoding(64, 5, 'interaction');
  const rows = allRows(enc).subarray(0, 16);
  const T = enc.history!.options.maxLength;

  it('exposes behaviour weights [B, T, H], exactly 0 at padding, and softmax rows summing to 1', async () => {
    const batch = makeBatch(enc, rows);
    const history = batch.history!.dataSync();
    const offset = enc.offsets[1];
    for (const softmax of [false, true]) {
      const model = await mmdinEntry.build(
        { ...defaults(mmdinEntry.configSchema), softmax },
        enc,
        makeRng(1),
      );
      const before = tf.memory().numTensors;
      const w = (await model.explain!(batch)).behaviourAttention!;
      expect(tf.memory().numTensors).toBe(before);
      expect(w.shape).toEqual([16, T, 4]);
      expect(Array.from(w.items)).toEqual(Array.from(history, (id) => (id === 0 ? -1 : id - offset - 1)));
      expect(w.items.some((i) => i === -1)).toBe(true);
      w.items.forEach((item, bt) => {
        for (let h = 0; h < 4; h++) {
          if (item === -1) expect(w.data[bt * 4 + h]).toBe(0);
          else if (softmax) expect(w.data[bt * 4 + h]).toBeGreaterThan(0);
        }
      });
      if (softmax) expect(checkAttention(w, { sumsToOne: 1, allowEmpty: true })).toEqual([]);
      model.dispose();
    }
    disposeBatch(batch);
  });

  it("gives din exactly DIN's parameters: one activation unit, no head projection, no modalities", async () => {
    const model = await dinEntry.build(defaults(dinEntry.configSchema), enc, makeRng(1));
    const prelu = (name: string) => [`${name}_w`, `${name}_b`, `${name}_alpha`];
    expect(model.variableNames).toEqual([
      'embedding',
      ...prelu('attention0_in'),
      'attention0_out_w',
      'attention0_out_b',
      ...prelu('mlp0'),
      ...prelu('mlp1'),
      'out_w',
      'out_b',
    ]);
    model.dispose();
  });

  it('sets the activation unit’s and the prediction MLP’s activations separately (PReLU adds slopes)', async () => {
    const slopes = async (attentionActivation: 'relu' | 'prelu', activation: 'relu' | 'prelu') => {
      const config = { ...defaults(mmdinEntry.configSchema), heads: 2, attentionActivation, activation };
      const model = await mmdinEntry.build(config, enc, makeRng(1));
      const names = model.variableNames!.filter((n) => n.endsWith('_alpha'));
      model.dispose();
      return names;
    };
    expect(await slopes('relu', 'relu')).toEqual([]);
    expect(await slopes('prelu', 'relu')).toEqual(['attention0_in_alpha', 'attention1_in_alpha']);
    expect(await slopes('relu', 'prelu')).toEqual(['mlp0_alpha', 'mlp1_alpha']);
  });

  it('projects each head to d_v/H (split) or to d_v (full)', async () => {
    const widths = async (headSize: 'split' | 'full') => {
      const config = { ...defaults(mmdinEntry.configSchema), heads: 4, headSize };
      const model = await mmdinEntry.build(config, enc, makeRng(1));
      const at = (name: string) => model.trainableVariables[model.variableNames!.indexOf(name)].shape;
      const shapes = { projection: at('heads_projection'), mlpIn: at('mlp0_w') };
      model.dispose();
      return shapes;
    };
    const split = await widths('split');
    const full = await widths('full');
    const dv = split.projection[0];
    expect(split.projection).toEqual([dv, 4 * Math.floor(dv / 4)]);
    expect(full.projection).toEqual([dv, 4 * dv]);
    // The tower reads every head's pooled vector.
    expect(full.mlpIn[0] - split.mlpIn[0]).toBe(4 * dv - 4 * Math.floor(dv / 4));
  });

  it('with one head and no modalities equals din given the same weights', async () => {
    const shared = { ...defaults(dinEntry.configSchema), initStd: 0.1 };
    const din = await dinEntry.build(shared, enc, makeRng(1));
    const mmdin = await mmdinEntry.build(
      { ...defaults(mmdinEntry.configSchema), ...shared, heads: 1, useModalities: false },
      enc,
      makeRng(2),
    );
    expect([...mmdin.variableNames!].sort()).toEqual([...din.variableNames!].sort());
    const batch = makeBatch(enc, rows);
    const a = logitsOf(din, batch);
    expect(Math.max(...logitsOf(mmdin, batch).map((x, i) => Math.abs(x - a[i])))).toBeGreaterThan(1e-3);
    copyWeightsByName(din, mmdin);
    const b = logitsOf(mmdin, batch);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 5));
    disposeBatch(batch);
    din.dispose();
    mmdin.dispose();
  });

  it('gives the same logits and gradients whether item vectors are computed per distinct item, per catalogue item or per slot', async () => {
    // Training with embedding L2 takes the per-slot path; evaluation the batch's distinct items, or (a batch
    // without them) the whole catalogue (31 items < 96 slots).
    const config = { ...defaults(mmdinEntry.configSchema), initStd: 0.1, l2Embedding: 0.01 };
    const model = await mmdinEntry.build(config, enc, makeRng(3));
    const batch = makeBatch(enc, rows);
    const { items, ...withoutItems } = batch;
    expect(items).toBeDefined();
    const distinct = logitsOf(model, batch);
    const catalogue = logitsOf(model, withoutItems);
    const t = model.logits(batch, true, 0);
    const perSlot = t.dataSync();
    distinct.forEach((x, i) => {
      expect(catalogue[i]).toBeCloseTo(x, 5);
      expect(perSlot[i]).toBeCloseTo(x, 5);
    });
    t.dispose();
    // The same gradients (evaluation mode, so no L2 term and no dropout) on both item paths.
    const vars = model.trainableVariables as tf.Variable[];
    const grads = (b: typeof batch) =>
      tf.tidy(() => {
        const { value, grads: g } = tf.variableGrads(
          () => tf.sum(model.logits(b, false, 0)) as tf.Scalar,
          vars,
        );
        value.dispose();
        return vars.map((v) => g[v.name]);
      });
    const a = grads(batch);
    const c = grads(withoutItems);
    a.forEach((g, i) => {
      const x = g.dataSync();
      const y = c[i].dataSync();
      x.forEach((v, k) => expect(y[k]).toBeCloseTo(v, 5));
    });
    tf.dispose([...a, ...c]);
    disposeBatch(batch);
    model.dispose();
  });

  it('refuses an encoding without behaviour sequences', async () => {
    await expect(
      mmdinEntry.build(defaults(mmdinEntry.configSchema), { ...enc, history: null }, makeRng(1)),
    ).rejects.toThrow(/behaviour sequences/);
  });
});

describe('din', () => {
  standardModelTests(dinEntry, {
    rule: 'interaction',
    variants: {
      default: {},
      softmax: { softmax: true },
      'linear activation unit': { softmax: true, attentionUnits: [] },
    },
    overfit: { config: small, steps: 60, lr: 0.02 },
  });
});
