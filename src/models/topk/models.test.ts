import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { makeStepper } from '../../engine/train/optimizers';
import { evaluateTopk, topkValue, userItemsFromPairs } from '../../engine/metrics/topk';
import {
  disposeSequenceBatch,
  disposeTopkBatch,
  epochSequences,
  epochTriples,
  makeSequenceBatch,
  makeTopkBatch,
} from '../../engine/train/topk';
import { defaults, resolveConfig, type ParamSchema } from '../config';
import type { TopkData, TopkModel, TopkModelEntry } from '../contract';
import { REGISTRY } from '../registry';
import { pop } from './pop';
import { tinyTopk } from './topk.testkit';
import { DEFAULT_TOPK_TRAIN_CONFIG } from '../../engine/train/config';

const TOPK_MODELS = REGISTRY.family('topk');

beforeAll(async () => {
  await initBackend('wasm');
});

const tiny = tinyTopk(5);

/** The variants of each model that the tests build (every ablation of tmfun). */
const VARIANTS: Record<string, Record<string, Record<string, unknown>>> = {
  pop: { default: {} },
  itemknn: { default: {}, shrunk: { k: 3, shrink: 5 } },
  ease: { default: {}, strong: { lambda: 1000 } },
  bprmf: { default: {} },
  lightgcn: { default: {}, oneLayer: { layers: 1 } },
  tmfun: {
    default: {},
    noModalityGraph: { useModalityGraph: false },
    meanFusion: { fusion: 'mean' },
    noContrastive: { clWeight: 0 },
    binaryKnn: { knnWeighting: 'binary', knnK: 3 },
    idInGraph: { idInFeatureGraph: true, clWeight: 0.05 },
    specOnly: { idInFeatureGraph: false, clWeight: 0.05, l2: 1e-4 },
  },
  sasrec: { default: {}, twoHeads: { heads: 2, blocks: 1 }, softmax: { objective: 'softmax' } },
};

async function build(spec: TopkModelEntry, overrides: Record<string, unknown>, data: TopkData, seed = 1) {
  const config = { ...defaults(spec.configSchema as ParamSchema), embeddingDim: 16, knnK: 5, ...overrides };
  return spec.build(resolveConfig(spec.configSchema, config).config, data, makeRng(seed));
}

/** One batch of all training pairs with sampled negatives. */
function fullBatch(data: TopkData, epoch: number) {
  const t = epochTriples(data.train, data.numItems, 7, epoch);
  return makeTopkBatch(t, 0, t.users.length, new Int32Array(data.numItems), epoch);
}

/**
 * The training loss of one batch of everything, by the model's objective: all BPR triples, or (a sequence
 * model) all training sequences.
 */
function trainLoss(model: TopkModel, data: TopkData, epoch: number): tf.Scalar {
  const objective = model.sequence;
  if (objective) {
    const e = epochSequences(data.sequences!.train, data.train, data.numItems, objective.maxLength, 7, epoch);
    const batch = makeSequenceBatch(e, 0, e.rows);
    try {
      return objective.loss(batch, epoch);
    } finally {
      disposeSequenceBatch(batch);
    }
  }
  const batch = fullBatch(data, epoch);
  try {
    return model.loss(batch);
  } finally {
    disposeTopkBatch(batch);
  }
}

describe('the top-k models', () => {
  it('have a variant list each here, and every default in range', () => {
    expect(Object.keys(VARIANTS).sort()).toEqual(TOPK_MODELS.map((m) => m.id).sort());
    for (const m of TOPK_MODELS) {
      const fromDefaults = Object.fromEntries(Object.entries(m.configSchema).map(([k, p]) => [k, p.default]));
      expect(resolveConfig(m.configSchema, fromDefaults).warnings, m.id).toEqual([]);
    }
  });
});

describe.each(TOPK_MODELS.map((m) => [m.id, m] as const))('%s', (id, spec) => {
  it('scores [users, items] finitely in every variant and leaks no tensor', async () => {
    for (const [name, overrides] of Object.entries(VARIANTS[id])) {
      const before = tf.memory().numTensors;
      const model = await build(spec, overrides, tiny.data);
      // `trains: false` marks exactly the models without weights (auto does not time their steps).
      expect(model.trainableVariables.length === 0, name).toBe(spec.trains === false);
      const loss = trainLoss(model, tiny.data, 1);
      expect(Number.isFinite((await loss.data())[0]), name).toBe(true);
      loss.dispose();
      const scores = model.scoreUsers(Int32Array.from([0, 3, 5]));
      expect(scores.shape, name).toEqual([3, tiny.data.numItems]);
      expect(Array.from(await scores.data()).every(Number.isFinite), name).toBe(true);
      scores.dispose();
      await model.explain?.(4);
      model.dispose();
      expect(tf.memory().numTensors, name).toBe(before);
    }
  });

  // The closed-form models learn nothing (no variables): the gradient and over-fit tests are for the others.
  const learned = spec.trains !== false;
  if (learned)
    it('sends a non-zero gradient to every trainable variable', async () => {
      for (const [name, overrides] of Object.entries(VARIANTS[id])) {
        const model = await build(spec, overrides, tiny.data, 2);
        const { value, grads } = tf.variableGrads(
          () => trainLoss(model, tiny.data, 1),
          model.trainableVariables as tf.Variable[],
        );
        expect(model.trainableVariables.length, name).toBeGreaterThan(0);
        model.trainableVariables.forEach((v, i) => {
          const g = grads[v.name];
          expect(g, `${name}: ${model.variableNames[i]}`).toBeDefined();
          const norm = tf.tidy(() => tf.norm(g).dataSync()[0]);
          expect(norm, `${name}: ${model.variableNames[i]}`).toBeGreaterThan(0);
        });
        tf.dispose([value, ...Object.values(grads)]);
        model.dispose();
      }
    });

  // sasrec predicts the next item of a sequence: its over-fit test is in sasrec.test.ts.
  if (learned && id !== 'sasrec')
    it('over-fits a tiny dataset: BPR loss falls and Recall@5 > 0.9', async () => {
      // 4 items per user, all of them training and ground truth (nothing masked).
      const small = tinyTopk(6, 16, 32, 4, 4);
      const data = { ...small.data, train: small.all };
      const before = tf.memory().numTensors;
      const model = await build(spec, { l2: 0 }, data, 3);
      const stepper = makeStepper({ ...DEFAULT_TOPK_TRAIN_CONFIG, learningRate: 0.05 }, 300);
      const losses: number[] = [];
      for (let step = 0; step < 300; step++) {
        const batch = fullBatch(data, step + 1);
        const cost = stepper.step(() => model.loss(batch), model.trainableVariables, step);
        if (step % 50 === 0 || step === 299) losses.push((await cost.data())[0]);
        cost.dispose();
        disposeTopkBatch(batch);
        if (step % 25 === 24) await model.refresh();
      }
      await model.refresh();
      expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.5);
      const none = userItemsFromPairs(data.numUsers, [], []);
      const result = await evaluateTopk((u) => model.scoreUsers(u), data.numItems, none, small.all, {
        ks: [5],
      });
      expect(topkValue(result, 'recall', 5)).toBeGreaterThan(0.9);
      stepper.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

  it('returns the user and item embeddings its scores are the dot products of', async () => {
    const before = tf.memory().numTensors;
    const model = await build(spec, {}, tiny.data, 5);
    const users = Int32Array.from([0, 3]);
    const scores = model.scoreUsers(users);
    if (spec.embeddings.length === 0) {
      expect(model.embeddings('item')).toBeNull();
    } else {
      const u = model.embeddings('user')!;
      const i = model.embeddings('item')!;
      expect(u.shape[0]).toBe(tiny.data.numUsers);
      expect(i.shape[0]).toBe(tiny.data.numItems);
      const dots = tf.tidy(() => tf.matMul(tf.gather(u, tf.tensor1d(users, 'int32')), i, false, true));
      const got = await scores.data();
      (await dots.data()).forEach((x, k) => expect(got[k]).toBeCloseTo(x, 4));
      tf.dispose([u, i, dots]);
    }
    scores.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops its cached scores when a training step starts (STYLE §3)', async () => {
    const model: TopkModel = await build(spec, {}, tiny.data, 4);
    const users = Int32Array.from([1, 2]);
    const first = model.scoreUsers(users);
    const again = model.scoreUsers(users);
    expect(Array.from(await again.data())).toEqual(Array.from(await first.data()));
    if (model.trainableVariables.length > 0) {
      const stepper = makeStepper({ ...DEFAULT_TOPK_TRAIN_CONFIG, learningRate: 0.1 }, 1);
      stepper.step(() => trainLoss(model, tiny.data, 1), model.trainableVariables, 0).dispose();
      stepper.dispose();
      const after = model.scoreUsers(users);
      expect(Array.from(await after.data())).not.toEqual(Array.from(await first.data()));
      after.dispose();
    }
    tf.dispose([first, again]);
    model.dispose();
  });
});

describe('pop', () => {
  it('scores every item by its training count, ranking ties by the lower item index', async () => {
    const train = userItemsFromPairs(3, [0, 0, 1, 1, 2], [2, 1, 2, 3, 0]); // counts: 1, 1, 2, 1, 0
    const model = await pop.build({}, { numUsers: 3, numItems: 5, train, modalities: [] });
    const scores = model.scoreUsers(Int32Array.from([0]));
    expect(Array.from(await scores.data())).toEqual([1, 1, 2, 1, 0]);
    const { indices } = tf.topk(scores, 5);
    expect(Array.from(await indices.data())).toEqual([2, 0, 1, 3, 4]);
    tf.dispose([scores, indices]);
    model.dispose();
  });
});
