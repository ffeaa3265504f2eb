import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../data/demo';
import { encodeCtr } from '../data/features';
import { makeRng } from '../data/random';
import { chronologicalSplit } from '../data/split';
import { initBackend } from '../engine/backends';
import { disposeBatch, makeBatch } from '../engine/batches';
import { ctrLoss, makeOptimizer } from '../engine/trainer';
import { DEFAULT_TRAIN_CONFIG } from '../engine/trainConfig';
import { MODEL_CATALOG } from './catalog';
import { resolveConfig } from './config';
import { MODELS } from './index';
import { checkAttention } from './inspect';

const dataset = generateDemo({ users: 300, items: 400 });
const encoding = encodeCtr(dataset);
const train = chronologicalSplit(dataset.interactions).train;

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the model registry', () => {
  it('lists the same ids in the same order as the catalog, dnn first (the page default)', () => {
    expect(MODELS.map((m) => m.id)).toEqual(MODEL_CATALOG.map((m) => m.id));
    expect(MODELS.map((m) => m.id)).toEqual(['dnn', 'lr', 'autoint', 'amfr', 'din', 'mmdin']);
    MODELS.forEach((m, i) => expect(m.configSchema).toBe(MODEL_CATALOG[i].configSchema));
  });

  it('gives every setting a default within its range', () => {
    for (const m of MODELS) {
      const fromDefaults = Object.fromEntries(Object.entries(m.configSchema).map(([k, p]) => [k, p.default]));
      expect(resolveConfig(m.configSchema, fromDefaults).warnings, m.id).toEqual([]);
    }
  });
});

describe.each(MODELS.map((m) => [m.id, m] as const))('%s on the demo data', (_, spec) => {
  it('trains 2 steps with a finite, falling loss; inspects and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const model = spec.build(resolveConfig(spec.configSchema).config, encoding, makeRng('42/init'));
    const optimizer = makeOptimizer(DEFAULT_TRAIN_CONFIG);
    const batch = makeBatch(encoding, train.subarray(0, 256), { history: spec.needsHistory === true });
    const losses: number[] = [];
    for (let step = 0; step < 2; step++) {
      const cost = optimizer.minimize(
        () => ctrLoss(model, batch, true, step),
        true,
        model.trainableVariables as tf.Variable[],
      )!;
      losses.push((await cost.data())[0]);
      cost.dispose();
    }
    const after = ctrLoss(model, batch, false, 0);
    losses.push((await after.data())[0]);
    after.dispose();
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[2]).toBeLessThan(losses[0]);
    if (model.inspect) {
      const ins = await model.inspect(batch);
      if (ins.fieldAttention) expect(checkAttention(ins.fieldAttention, { sumsToOne: 3 })).toEqual([]);
      if (ins.pairAttention) expect(checkAttention(ins.pairAttention, { sumsToOne: 'all' })).toEqual([]);
      if (ins.behaviourAttention) {
        expect(ins.behaviourAttention.shape.slice(0, 2)).toEqual([256, 20]);
        expect(checkAttention(ins.behaviourAttention)).toEqual([]);
      }
    }
    disposeBatch(batch);
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
