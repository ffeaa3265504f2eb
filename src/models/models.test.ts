import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../data/demo';
import { encodeCtr } from '../data/features';
import { makeRng } from '../data/random';
import { chronologicalSplit } from '../data/split';
import { initBackend } from '../engine/backends';
import { disposeBatch, makeBatch } from '../engine/train/batches';
import { ctrLoss, makeOptimizer } from '../engine/train/ctr';
import { DEFAULT_TRAIN_CONFIG } from '../engine/train/config';
import { resolveConfig } from './config';
import { checkAttention } from './explain';
import { MODELS, REGISTRY, makeRegistry } from './registry';

const dataset = generateDemo({ users: 300, items: 400 });
const encoding = encodeCtr(dataset);
const train = chronologicalSplit(dataset.interactions).train;

beforeAll(async () => {
  await initBackend('wasm');
});

describe('the model registry', () => {
  it('holds every model once, ctr then top-k, dnn first (the page default)', () => {
    expect(new Set(MODELS.map((m) => m.id)).size).toBe(MODELS.length);
    expect(MODELS[0].id).toBe('dnn');
    const families = MODELS.map((m) => m.family);
    expect(families).toEqual([...families].sort()); // all ctr, then all topk
    expect(REGISTRY.family('topk').map((m) => m.id)).toEqual([
      'pop',
      'itemknn',
      'ease',
      'bprmf',
      'lightgcn',
      'tmfun',
      'sasrec',
    ]);
    expect(() => makeRegistry([MODELS[0], MODELS[0]])).toThrow(/two models have the id "dnn"/);
  });

  it('gives every entry a label, a description, a citation and the views it supports', () => {
    for (const m of REGISTRY.models) {
      expect(m.label.length, m.id).toBeGreaterThan(0);
      expect(m.description.length, m.id).toBeGreaterThan(20);
      expect(m.citation.length, m.id).toBeGreaterThan(10);
      expect(m.views, m.id).toContain('recommend');
      // A map of embeddings needs a table to map.
      if (m.views.includes('embedding')) expect(m.embeddings, m.id).toContain('item');
    }
  });

  it('gives every setting a default within its range', () => {
    for (const m of MODELS) {
      const fromDefaults = Object.fromEntries(Object.entries(m.configSchema).map(([k, p]) => [k, p.default]));
      expect(resolveConfig(m.configSchema, fromDefaults).warnings, m.id).toEqual([]);
    }
  });
});

describe.each(REGISTRY.family('ctr').map((m) => [m.id, m] as const))('%s on the demo data', (_, spec) => {
  it('trains 2 steps with a finite, falling loss; explains what its views need; leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const model = await spec.build(resolveConfig(spec.configSchema).config, encoding, makeRng('42/init'));
    const optimizer = makeOptimizer(DEFAULT_TRAIN_CONFIG);
    const batch = makeBatch(encoding, train.subarray(0, 256), { history: spec.needs.history !== undefined });
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
    // The attention views read `explain`: a model that lists them must have it.
    expect(model.explain !== undefined).toBe(
      spec.views.includes('heads') || spec.views.includes('behaviour'),
    );
    if (model.explain) {
      const ins = await model.explain(batch);
      if (spec.views.includes('heads')) expect(ins.fieldAttention).toBeDefined();
      if (spec.views.includes('behaviour')) expect(ins.behaviourAttention).toBeDefined();
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
