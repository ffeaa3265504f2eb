import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrToDense } from '../../ops/csr';
import { modalityGraph, sparseModalityGraph, topNeighbours, weightedSum } from '../../ops/graph';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { makeStepper } from '../../engine/train/optimizers';
import { disposeTopkBatch, epochTriples, makeTopkBatch } from '../../engine/train/topk';
import { checkAttention } from '../explain';
import { defaults, resolveConfig } from '../config';
import { lightgcn } from './lightgcn';
import { tinyTopk } from './topk.testkit';
import { tmfun as tmfunEntry } from './tmfun';
import type { TopkData, TopkModel } from '../contract';
import { DEFAULT_TOPK_TRAIN_CONFIG } from '../../engine/train/config';

beforeAll(async () => {
  await initBackend('wasm');
});

const tiny = tinyTopk(11);

function tmfun(overrides: Record<string, unknown>, data: TopkData = tiny.data, seed = 1) {
  const config = { ...defaults(tmfunEntry.configSchema), embeddingDim: 16, knnK: 5, ...overrides };
  return tmfunEntry.build(resolveConfig(tmfunEntry.configSchema, config).config, data, makeRng(seed));
}

async function trainSteps(model: TopkModel, steps: number, lr: number): Promise<void> {
  const stepper = makeStepper({ ...DEFAULT_TOPK_TRAIN_CONFIG, learningRate: lr }, steps);
  for (let s = 0; s < steps; s++) {
    const t = epochTriples(tiny.data.train, tiny.data.numItems, 3, s + 1);
    const batch = makeTopkBatch(t, 0, t.users.length, new Int32Array(tiny.data.numItems), 1);
    stepper.step(() => model.loss(batch), model.trainableVariables, s).dispose();
    disposeTopkBatch(batch);
  }
  stepper.dispose();
  await model.refresh();
}

async function scoresOf(model: TopkModel): Promise<Float32Array> {
  const s = model.scoreUsers(Int32Array.from({ length: tiny.data.numUsers }, (_, u) => u));
  const out = (await s.data()) as Float32Array;
  s.dispose();
  return out;
}

/** Item order per user, by descending score (ties by index). */
function rankings(scores: Float32Array, numUsers: number, numItems: number): number[][] {
  return Array.from({ length: numUsers }, (_, u) =>
    [...Array(numItems).keys()].sort((a, b) => scores[u * numItems + b] - scores[u * numItems + a] || a - b),
  );
}

describe('tmfun', () => {
  it.each([
    ['without the modality graph', { useModalityGraph: false }],
    ['with the modality graph', {}],
  ])('with γ = 0 %s ranks exactly as lightgcn with the same weights', async (_, overrides) => {
    const lgcn = await lightgcn.build(
      { ...defaults(lightgcn.configSchema), embeddingDim: 16 },
      tiny.data,
      makeRng(1),
    );
    await trainSteps(lgcn, 20, 0.05);
    const model = await tmfun({ ...overrides, gamma: 0 });
    // Same ID embeddings: copy lightgcn's trained user and item tables into tmfun's.
    for (const name of ['user', 'item']) {
      model.trainableVariables[model.variableNames.indexOf(name)].assign(
        lgcn.trainableVariables[lgcn.variableNames.indexOf(name)],
      );
    }
    await model.refresh();
    const a = await scoresOf(lgcn);
    const b = await scoresOf(model);
    for (let k = 0; k < a.length; k++) expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-6);
    const { numUsers, numItems } = tiny.data;
    expect(rankings(b, numUsers, numItems)).toEqual(rankings(a, numUsers, numItems));
    lgcn.dispose();
    model.dispose();
  });

  it('draws the same initial ID embeddings as lightgcn from the same seed', async () => {
    const lgcn = await lightgcn.build(
      { ...defaults(lightgcn.configSchema), embeddingDim: 16 },
      tiny.data,
      makeRng(9),
    );
    const model = await tmfun({}, tiny.data, 9);
    for (let v = 0; v < 2; v++) {
      expect(model.variableNames[v]).toBe(lgcn.variableNames[v]);
      expect(Array.from(model.trainableVariables[v].dataSync())).toEqual(
        Array.from(lgcn.trainableVariables[v].dataSync()),
      );
    }
    lgcn.dispose();
    model.dispose();
  });

  it('with γ > 0 the modality branch changes the scores', async () => {
    const off = await tmfun({ gamma: 0 });
    const on = await tmfun({ gamma: 1 });
    const a = await scoresOf(off);
    const b = await scoresOf(on);
    expect(a.some((v, k) => Math.abs(v - b[k]) > 1e-3)).toBe(true);
    off.dispose();
    on.dispose();
  });

  it('graphFeatures: sparse rows where a modality has them (else dense), dense, or the mean of both graphs', async () => {
    const { numItems } = tiny.data;
    // Sparse rows for `noise` that link item i with i ± 1 only (each row has columns i and i + 1), so its
    // graph differs from the one its dense rows give.
    const indptr = Int32Array.from({ length: numItems + 1 }, (_, i) => 2 * i);
    const indices = Int32Array.from({ length: 2 * numItems }, (_, p) => (p >> 1) + (p & 1));
    const sparse = { cols: numItems + 1, indptr, indices, values: new Float32Array(2 * numItems).fill(1) };
    const [genre, noise] = tiny.data.modalities;
    const data: TopkData = { ...tiny.data, modalities: [genre, { ...noise, sparse }] };
    const lists = async (graphFeatures: string) => {
      const model = await tmfun({ graphFeatures }, data);
      const before = tf.memory().numTensors;
      const ins = await model.explain!(5);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      return ins.modalityGraphs!.map((g) => Array.from(g.neighbours));
    };
    const top = (g: Parameters<typeof topNeighbours>[0]) => Array.from(topNeighbours(g, 5).neighbours);
    const denseGenre = top(await modalityGraph(genre.data, numItems, genre.dim, { k: 5 }));
    const denseNoise = top(await modalityGraph(noise.data, numItems, noise.dim, { k: 5 }));
    const sparseNoise = top(sparseModalityGraph(sparse, numItems, { k: 5 }));
    expect(sparseNoise).not.toEqual(denseNoise);
    expect(sparseNoise.slice(5, 10)).toEqual([0, 2, -1, -1, -1]); // item 1: items 0 and 2 (its only two)
    expect(await lists('sparse')).toEqual([denseGenre, sparseNoise]);
    expect(await lists('dense')).toEqual([denseGenre, denseNoise]);
    const mean = weightedSum(
      [
        sparseModalityGraph(sparse, numItems, { k: 5 }),
        await modalityGraph(noise.data, numItems, noise.dim, { k: 5 }),
      ],
      [0.5, 0.5],
    );
    expect(await lists('both')).toEqual([denseGenre, top(mean)]);
  });

  it('explains: kNN lists per modality, attention rows summing to 1, ᾱ weighing the fused graph', async () => {
    const model = await tmfun({});
    await trainSteps(model, 10, 0.05);
    const before = tf.memory().numTensors;
    const ins = await model.explain!(5);
    expect(tf.memory().numTensors).toBe(before);
    const { numItems } = tiny.data;
    expect(ins.modalityGraphs!.map((g) => g.name)).toEqual(['genre', 'noise']);
    const genre = tiny.data.modalities[0];
    const expected = topNeighbours(await modalityGraph(genre.data, numItems, genre.dim, { k: 5 }), 5);
    expect(Array.from(ins.modalityGraphs![0].neighbours)).toEqual(Array.from(expected.neighbours));
    // The genre graph links items of the same group (item i is in group i mod 4).
    const nb = ins.modalityGraphs![0].neighbours;
    for (let i = 0; i < numItems; i++) expect(nb[i * 5] % 4).toBe(i % 4);
    const att = ins.modalityAttention!;
    expect(att.shape).toEqual([numItems, 2]);
    expect(checkAttention(att, { sumsToOne: 1 })).toEqual([]);
    const w = ins.modalityWeights!;
    expect(w[0] + w[1]).toBeCloseTo(1, 5);
    for (let m = 0; m < 2; m++) {
      let mean = 0;
      for (let i = 0; i < numItems; i++) mean += att.data[i * 2 + m] / numItems;
      expect(w[m]).toBeCloseTo(mean, 5);
    }
    expect(ins.fusedGraph!.neighbours.length).toBe(numItems * 5);
    model.dispose();
  });

  it('with a single modality the attention is identically 1 and the fused graph is that modality graph', async () => {
    const one: TopkData = { ...tiny.data, modalities: [tiny.data.modalities[0]] };
    const model = await tmfun({}, one);
    expect(model.variableNames.filter((n) => n.startsWith('att_'))).toEqual([]);
    const ins = await model.explain!(5);
    expect(Array.from(ins.modalityAttention!.data).every((a) => a === 1)).toBe(true);
    expect(Array.from(ins.fusedGraph!.neighbours)).toEqual(Array.from(ins.modalityGraphs![0].neighbours));
    const g = await modalityGraph(one.modalities[0].data, one.numItems, one.modalities[0].dim, { k: 5 });
    expect(csrToDense(g).length).toBe(one.numItems ** 2);
    model.dispose();
  });

  it.each([1, 2])(
    'propagates z = Ŝ^L_i f on the item graph (L_i = %i), as a host computation from the weights',
    async (itemLayers) => {
      const one: TopkData = { ...tiny.data, modalities: [tiny.data.modalities[0]] };
      const model = await tmfun({ itemLayers, gamma: 1 }, one, 4);
      // Zero ID embeddings: u_cf = i_cf = e = 0, so score(u, j) = mean_{i∈N(u)} n(z_i) · n(z_j), z = Ŝ^L (x W).
      for (const name of ['user', 'item']) {
        const v = model.trainableVariables[model.variableNames.indexOf(name)];
        v.assign(tf.zerosLike(v));
      }
      await model.refresh();
      const { numUsers: U, numItems: I, train } = one;
      const { dim, data: x } = one.modalities[0];
      const d = 16;
      const w = model.trainableVariables[model.variableNames.indexOf('proj_genre')].dataSync();
      const s = csrToDense(await modalityGraph(x, I, dim, { k: 5 }));
      let z = Array.from({ length: I }, (_, i) =>
        Array.from({ length: d }, (_, c) => {
          let acc = 0;
          for (let k = 0; k < dim; k++) acc += x[i * dim + k] * w[k * d + c];
          return acc;
        }),
      );
      for (let l = 0; l < itemLayers; l++) {
        z = z.map((_, i) =>
          Array.from({ length: d }, (_, c) => z.reduce((acc, row, j) => acc + s[i * I + j] * row[c], 0)),
        );
      }
      const zn = z.map((row) => {
        const n = Math.hypot(...row);
        return row.map((v) => v / n);
      });
      const got = await scoresOf(model);
      for (let u = 0; u < U; u++) {
        const items = Array.from(train.indices.subarray(train.indptr[u], train.indptr[u + 1]));
        const mean = Array.from(
          { length: d },
          (_, c) => items.reduce((a, i) => a + zn[i][c], 0) / items.length,
        );
        for (let j = 0; j < I; j++) {
          const want = mean.reduce((a, v, c) => a + v * zn[j][c], 0);
          expect(Math.abs(got[u * I + j] - want)).toBeLessThan(1e-4);
        }
      }
      model.dispose();
    },
  );

  it('adds λ_cl · InfoNCE to the loss only when λ_cl > 0', async () => {
    const withCl = await tmfun({ clWeight: 0.5 }, tiny.data, 5);
    const without = await tmfun({ clWeight: 0 }, tiny.data, 5);
    const t = epochTriples(tiny.data.train, tiny.data.numItems, 3, 1);
    const batch = makeTopkBatch(t, 0, t.users.length, new Int32Array(tiny.data.numItems), 1);
    const a = withCl.loss(batch);
    const b = without.loss(batch);
    // InfoNCE over P items is at least ~log(P)/2 early on, with random views.
    expect((await a.data())[0] - (await b.data())[0]).toBeGreaterThan(0.5 * 0.5);
    tf.dispose([a, b]);
    disposeTopkBatch(batch);
    withCl.dispose();
    without.dispose();
  });

  it('edge pruning changes the training loss only: scores use the full graph, and no tensor leaks', async () => {
    const pruned = await tmfun({ edgeDropout: 0.6 }, tiny.data, 5);
    const full = await tmfun({ edgeDropout: 0 }, tiny.data, 5);
    expect(Array.from(await scoresOf(pruned))).toEqual(Array.from(await scoresOf(full)));
    const t = epochTriples(tiny.data.train, tiny.data.numItems, 3, 1);
    const batch = makeTopkBatch(t, 0, t.users.length, new Int32Array(tiny.data.numItems), 1);
    const [a, b] = [pruned.loss(batch), full.loss(batch)];
    expect(Math.abs((await a.data())[0] - (await b.data())[0])).toBeGreaterThan(1e-6);
    tf.dispose([a, b]);
    disposeTopkBatch(batch);
    full.dispose();
    const before = tf.memory().numTensors;
    await trainSteps(pruned, 3, 0.01); // ends with a refresh: a new pruned graph replaces the old one
    expect(tf.memory().numTensors).toBe(before);
    pruned.dispose();
  });
});
