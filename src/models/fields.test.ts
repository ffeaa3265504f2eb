import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CtrMultiField } from '../data/features';
import { makeRng } from '../data/random';
import { initBackend } from '../engine/backends';
import { setSimdEnabled } from '../engine/simd/simd';
import { disposeBatch, makeBatch } from '../engine/train/batches';
import {
  FIELD_MEAN,
  FIELD_MEAN_GRAD,
  fieldEmbedding,
  itemEmbedding,
  multiFieldMean,
  multiFieldMeanComposed,
} from './fields';
import { embeddingL2, Params } from './layers';
import { tinyEncoding } from './models.testkit';

beforeAll(async () => {
  await initBackend('wasm');
});

let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

const valuesOf = (t: tf.Tensor) => Array.from(t.dataSync());
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 5);
}

const enc = tinyEncoding(64, 3, 'interaction');
const options = { useModalities: true, initStd: 0.5, l2Embedding: 0 };

describe('multiFieldMean', () => {
  it('averages the real values of each field and gives 0 for an empty one', () => {
    const table = tf.tensor2d([0, 0, 1, 2, 3, 4, 5, 6, 7, 8], [5, 2]);
    // Two fields of width 2 and 1: row 0 = {1, 3} {4}; row 1 = {2, pad} {pad}.
    const ids = tf.tensor2d([1, 3, 4, 2, 0, 0], [2, 3], 'int32');
    const fields = [
      { name: 'a', owner: 'item' as const, vocabSize: 3, offset: 0, maxLen: 2 },
      { name: 'b', owner: 'item' as const, vocabSize: 2, offset: 3, maxLen: 1 },
    ];
    const m = tf.tidy(() => multiFieldMean(table, ids, fields, 0, 2));
    expect(m.shape).toEqual([2, 2, 2]);
    expectClose(valuesOf(m), [3, 4, 7, 8, 3, 4, 0, 0]);
    tf.dispose([table, ids, m]);
  });
});

/** The plain composition multiFieldMean replaced: masked rows, a slice and a sum per field. */
function sliceMean(
  table: tf.Tensor,
  ids: tf.Tensor2D,
  fields: readonly CtrMultiField[],
  l2: number,
  B: number,
) {
  const mask = tf.cast(tf.notEqual(ids, 0), 'float32');
  const e = embeddingL2(tf.mul(tf.gather(table, ids), tf.expandDims(mask, 2)), l2, B);
  let start = 0;
  const means = fields.map((f) => {
    const sum = tf.sum(tf.slice(e, [0, start, 0], [-1, f.maxLen, -1]), 1);
    const count = tf.maximum(tf.sum(tf.slice(mask, [0, start], [-1, f.maxLen]), 1, true), 1);
    start += f.maxLen;
    return tf.div(sum, count);
  });
  return tf.stack(means, 1) as tf.Tensor3D;
}

describe('multiFieldMean against the slice-and-sum composition', () => {
  // Random shapes: rows, fields and their widths, the table, padding at random places (whole empty fields too).
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`agrees in value and gradient (seed ${seed})`, () => {
      const rng = makeRng(`multi/${seed}`);
      const V = 3 + rng.int(30);
      const d = 1 + rng.int(6);
      const n = 1 + rng.int(12);
      const fields = Array.from({ length: 1 + rng.int(3) }, (_, k) => ({
        name: `f${k}`,
        owner: 'item' as const,
        vocabSize: V,
        offset: 0,
        maxLen: 1 + rng.int(5),
      }));
      const W = fields.reduce((s, f) => s + f.maxLen, 0);
      const ids = tf.tensor2d(
        Int32Array.from({ length: n * W }, () => (rng.next() < 0.35 ? 0 : 1 + rng.int(V - 1))),
        [n, W],
        'int32',
      );
      const table = tf.tensor2d(
        Float32Array.from({ length: V * d }, () => rng.next() - 0.5),
        [V, d],
      );
      const l2 = seed % 2 === 0 ? 0.1 : 0;
      const upstream = tf.tensor3d(
        Float32Array.from({ length: n * fields.length * d }, () => rng.next() - 0.5),
        [n, fields.length, d],
      );
      const run = (f: typeof sliceMean) =>
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(
            () => tf.sum(tf.mul(f(v, ids, fields, l2, n), upstream)),
            [v],
          );
          return [value, grads[v.name]];
        });
      const v = tf.variable(table);
      const [a, ga] = run(multiFieldMean);
      const [b, gb] = run(sliceMean);
      expectClose(valuesOf(a), valuesOf(b));
      expectClose(valuesOf(ga), valuesOf(gb));
      const m = tf.tidy(() => multiFieldMean(table, ids, fields, l2, n));
      const ref = tf.tidy(() => sliceMean(table, ids, fields, l2, n));
      expect(m.shape).toEqual([n, fields.length, d]);
      expectClose(valuesOf(m), valuesOf(ref));
      tf.dispose([a, ga, b, gb, m, ref, v, ids, table, upstream]);
    });
  }

  it('gives zeros for fields whose lists are all empty (width 0)', () => {
    const table = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const ids = tf.zeros([3, 0], 'int32') as tf.Tensor2D;
    const fields = [{ name: 'tags', owner: 'item' as const, vocabSize: 2, offset: 0, maxLen: 0 }];
    const m = tf.tidy(() => multiFieldMean(table, ids, fields, 0, 3));
    expect(m.shape).toEqual([3, 1, 2]);
    expect(valuesOf(m)).toEqual([0, 0, 0, 0, 0, 0]);
    tf.dispose([table, ids, m]);
  });
});

/** Random list-field rows (whole empty fields too) over a random table, and an upstream gradient. */
function randomCase(seed: string) {
  const rng = makeRng(seed);
  const V = 2 + rng.int(40);
  // 1 … 13 columns: the SIMD loops' blocks of 4 and their scalar tails, each alone and together.
  const d = 1 + rng.int(13);
  const n = 1 + rng.int(20);
  const fields = Array.from({ length: 1 + rng.int(3) }, (_, k) => ({
    name: `f${k}`,
    owner: 'item' as const,
    vocabSize: V,
    offset: 0,
    maxLen: rng.int(7),
  }));
  const W = fields.reduce((s, f) => s + f.maxLen, 0);
  const empty = rng.next() * 0.8;
  const ids = tf.tensor2d(
    Int32Array.from({ length: n * W }, () => (rng.next() < empty ? 0 : 1 + rng.int(V - 1))),
    [n, W],
    'int32',
  );
  const table = tf.tensor2d(
    Float32Array.from({ length: V * d }, () => rng.next() - 0.5),
    [V, d],
  );
  const upstream = tf.tensor3d(
    Float32Array.from({ length: n * fields.length * d }, () => rng.next() - 0.5),
    [n, fields.length, d],
  );
  return { fields, ids, table, upstream, n, l2: rng.next() < 0.5 ? 0.1 : 0 };
}

/** Value and table gradient of `Σ f(table) ⊙ upstream`, and the kernels that ran. */
function valueAndGrad(f: typeof multiFieldMean, c: ReturnType<typeof randomCase>, v: tf.Variable) {
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(f(v, c.ids, c.fields, c.l2, c.n), c.upstream)),
      [v],
    );
    return [f(v, c.ids, c.fields, c.l2, c.n), grads[v.name]];
  });
}

describe('the FieldMean kernels against the composition', () => {
  const runs = [
    { backend: 'wasm', simd: true },
    { backend: 'wasm', simd: false },
    { backend: 'cpu', simd: true },
  ] as const;
  afterEach(async () => {
    setSimdEnabled(true);
    await initBackend('wasm');
  });
  for (const { backend, simd } of runs) {
    it(`agree in value and gradient on ${backend}${simd ? '' : ' without SIMD'}`, async () => {
      await initBackend(backend);
      setSimdEnabled(simd);
      expect(tf.getKernel(FIELD_MEAN, backend)).toBeDefined();
      expect(tf.getKernel(FIELD_MEAN_GRAD, backend)).toBeDefined();
      for (let seed = 0; seed < 25; seed++) {
        const c = randomCase(`fieldMean/${backend}/${simd}/${seed}`);
        const v = tf.variable(c.table);
        const [a, ga] = valueAndGrad(multiFieldMean, c, v);
        const [b, gb] = valueAndGrad(multiFieldMeanComposed, c, v);
        expect(a.shape).toEqual(b.shape);
        expectClose(valuesOf(a), valuesOf(b));
        expect(ga.shape).toEqual(gb.shape);
        expectClose(valuesOf(ga), valuesOf(gb));
        tf.dispose([a, ga, b, gb, v, c.ids, c.table, c.upstream]);
      }
    });
  }

  it('run as one kernel forward and one backward', async () => {
    const c = randomCase('fieldMean/profile');
    const v = tf.variable(c.table);
    const info = await tf.profile(() => tf.dispose(valueAndGrad(multiFieldMean, c, v)));
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain(FIELD_MEAN);
    expect(names).toContain(FIELD_MEAN_GRAD);
    expect(names).not.toContain('UnsortedSegmentSum');
    tf.dispose([v, c.ids, c.table, c.upstream]);
  });

  it('rejects ids outside the table', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      await initBackend(backend);
      const table = tf.zeros([4, 2]);
      const ids = tf.tensor2d([1, 4], [1, 2], 'int32');
      const fields = [{ name: 'a', owner: 'item' as const, vocabSize: 4, offset: 0, maxLen: 2 }];
      expect(() => tf.tidy(() => multiFieldMean(table, ids, fields, 0, 1))).toThrow(/4 is not in/);
      tf.dispose([table, ids]);
    }
  });
});

describe('fieldEmbedding', () => {
  it('stacks categorical, multi-valued and modality fields as [B, M, d]', () => {
    const p = new Params(makeRng(1));
    const fe = fieldEmbedding(p, enc, 4, options);
    expect(fe.fieldNames).toEqual(['user_id', 'item_id', 'gender', 'category', 'tags', 'visual']);
    const rows = Int32Array.from([0, 1, 2]);
    const batch = makeBatch(enc, rows);
    const e = tf.tidy(() => fe.apply(batch, false));
    expect(e.shape).toEqual([3, 6, 4]);
    const table = valuesOf(fe.table);
    const got = valuesOf(e);
    const F = enc.fields.length;
    rows.forEach((r, b) => {
      // Categorical: rows of the table.
      for (let f = 0; f < F; f++) {
        const id = enc.fieldIds[r * F + f];
        expectClose(got.slice((b * 6 + f) * 4, (b * 6 + f + 1) * 4), table.slice(id * 4, id * 4 + 4));
      }
      // Multi-valued: the mean of its values' rows.
      const item = enc.itemIdx[r];
      const ids = Array.from(
        enc.itemMultiIds.subarray(item * enc.multiWidth, (item + 1) * enc.multiWidth),
      ).filter((id) => id !== 0);
      const mean = [0, 1, 2, 3].map(
        (t) => ids.reduce((s, id) => s + table[id * 4 + t], 0) / Math.max(1, ids.length),
      );
      expectClose(got.slice((b * 6 + 4) * 4, (b * 6 + 5) * 4), mean);
    });
    tf.dispose(e);
    disposeBatch(batch);
    p.dispose();
  });

  it('leaves out modality fields when asked', () => {
    const p = new Params(makeRng(1));
    const fe = fieldEmbedding(p, enc, 4, { ...options, useModalities: false });
    expect(fe.numFields).toBe(5);
    p.dispose();
  });
});

describe('itemEmbedding', () => {
  it('builds [e_item; e_category; mean(tags); P x] for real items and exact zeros for padding', () => {
    const p = new Params(makeRng(2));
    const table = p.normal('table', [enc.totalVocab, 4], 0.5);
    const ie = itemEmbedding(p, enc, table, 4, { ...options, modalityDim: 3 });
    expect(ie.partNames).toEqual(['item_id', 'category', 'tags', 'visual']);
    expect(ie.dim).toBe(3 * 4 + 3);
    const tokens = tf.tensor1d([0, 5], 'int32'); // padding, item 4
    const v = tf.tidy(() => ie.apply(tokens, false, 2));
    const vs = valuesOf(v);
    expect(vs.slice(0, ie.dim).every((x) => x === 0)).toBe(true);
    const t = valuesOf(table);
    const itemRow = enc.itemFieldIds[4 * enc.itemFields.length];
    expectClose(vs.slice(ie.dim, ie.dim + 4), t.slice(itemRow * 4, itemRow * 4 + 4));
    tf.dispose([tokens, v]);
    p.dispose();
  });
});

describe('embeddingL2', () => {
  it('adds the gradient of l2 · Σx² / B and leaves the forward value alone', () => {
    const x = tf.tensor2d([1, -2, 3, 0.5], [2, 2]);
    const l2 = 0.1;
    const f = (t: tf.Tensor) => tf.sum(tf.mul(t, tf.tensor1d([1, 2])));
    const withL2 = tf.grad((t: tf.Tensor) => f(embeddingL2(t, l2, 2)));
    const explicit = tf.grad((t: tf.Tensor) => tf.add(f(t), tf.mul(l2 / 2, tf.sum(tf.square(t)))));
    const [a, b] = tf.tidy(() => [withL2(x), explicit(x)]);
    expectClose(valuesOf(a), valuesOf(b));
    const y = tf.tidy(() => embeddingL2(x, l2, 2));
    expect(valuesOf(y)).toEqual(valuesOf(x));
    tf.dispose([x, a, b, y]);
  });
});
