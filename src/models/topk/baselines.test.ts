import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { defaults } from '../config';
import type { TopkData } from '../contract';
import { ease, easeBytes, easeRefusal } from './ease';
import { itemknn } from './itemknn';
import { tinyTopk } from './topk.testkit';

beforeAll(async () => {
  await initBackend('wasm');
});

const { data } = tinyTopk(11, 20, 24, 4, 6);
const I = data.numItems;
const ALL_USERS = Int32Array.from({ length: data.numUsers }, (_, u) => u);

/** Dense binary X `[users, items]` of the training lists, float64. */
function denseX(d: TopkData): Float64Array {
  const x = new Float64Array(d.numUsers * d.numItems);
  for (let u = 0; u < d.numUsers; u++)
    for (let p = d.train.indptr[u]; p < d.train.indptr[u + 1]; p++)
      x[u * d.numItems + d.train.indices[p]] = 1;
  return x;
}

function gram(x: Float64Array, users: number, n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let u = 0; u < users; u++)
    for (let i = 0; i < n; i++) {
      if (!x[u * n + i]) continue;
      for (let j = 0; j < n; j++) g[i * n + j] += x[u * n + j];
    }
  return g;
}

/** Gauss–Jordan inverse with partial pivoting (brute force). */
function inverse(a: Float64Array, n: number): Float64Array {
  const m = a.slice();
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  const swap = (t: Float64Array, r: number, s: number) => {
    for (let j = 0; j < n; j++) [t[r * n + j], t[s * n + j]] = [t[s * n + j], t[r * n + j]];
  };
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    swap(m, c, p);
    swap(inv, c, p);
    const piv = m[c * n + c];
    for (let j = 0; j < n; j++) {
      m[c * n + j] /= piv;
      inv[c * n + j] /= piv;
    }
    for (let r = 0; r < n; r++) {
      const f = m[r * n + c];
      if (r === c || f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[r * n + j] -= f * m[c * n + j];
        inv[r * n + j] -= f * inv[c * n + j];
      }
    }
  }
  return inv;
}

/** X·W for all users, float64. */
function scoresOf(x: Float64Array, w: Float64Array, users: number, n: number): Float64Array {
  const s = new Float64Array(users * n);
  for (let u = 0; u < users; u++)
    for (let i = 0; i < n; i++) {
      if (!x[u * n + i]) continue;
      for (let j = 0; j < n; j++) s[u * n + j] += w[i * n + j];
    }
  return s;
}

async function expectScores(got: tf.Tensor2D, want: Float64Array) {
  const values = await got.data();
  expect(values.length).toBe(want.length);
  want.forEach((v, p) => expect(values[p], `entry ${p}`).toBeCloseTo(v, 4));
}

describe('ease', () => {
  it('scores X·B with B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹ (brute force), no variables, no leak', async () => {
    const before = tf.memory().numTensors;
    const lambda = 5;
    const model = await ease.build({ ...defaults(ease.configSchema), lambda }, data, makeRng(1));
    expect(model.trainableVariables).toEqual([]);
    const x = denseX(data);
    const g = gram(x, data.numUsers, I);
    for (let i = 0; i < I; i++) g[i * I + i] += lambda;
    const p = inverse(g, I);
    const b = new Float64Array(I * I);
    for (let i = 0; i < I; i++)
      for (let j = 0; j < I; j++) b[i * I + j] = i === j ? 0 : -p[i * I + j] / p[j * I + j];
    const scores = model.scoreUsers(ALL_USERS);
    await expectScores(scores, scoresOf(x, b, data.numUsers, I));
    scores.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a catalogue over its limit, naming the items and the memory, and suggests itemknn', async () => {
    const before = tf.memory().numTensors;
    const build = ease.build({ ...defaults(ease.configSchema), maxItems: I - 1 }, data, makeRng(1));
    await expect(build).rejects.toThrow(
      new RegExp(`${I} × ${I} item–item matrix .* over its limit of ${I - 1} items.*itemknn`),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(easeRefusal(20000, 20000)).toBeNull();
    expect(easeBytes(20001)).toBe(20001 * 20001 * 16);
    // Under a raised limit, a matrix no typed array can hold is refused the same way.
    const huge = {
      numUsers: 1,
      numItems: 70000,
      modalities: [],
      train: { indptr: Int32Array.from([0, 1]), indices: Int32Array.from([0]) },
    };
    await expect(ease.build({ lambda: 250, maxItems: 100000 }, huge, makeRng(1))).rejects.toThrow(
      /EASE could not get the 78\.4 GB its 70,000 items need .*Use itemknn/,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(easeRefusal(20001, 20000)).toMatch(
      /20,001 × 20,001 .* about 6\.4 GB of memory, over its limit of 20,000 items/,
    );
  });
});

describe('itemknn', () => {
  it('scores each item by the user’s items among its k most similar (brute-force shrunk cosine), no leak', async () => {
    const before = tf.memory().numTensors;
    for (const [k, shrink] of [
      [4, 0],
      [6, 3],
    ]) {
      const progress: number[] = [];
      const model = await itemknn.build({ k, shrink }, data, makeRng(1), {
        onProgress: (p) => progress.push(p.done),
      });
      expect(model.trainableVariables).toEqual([]);
      expect(progress.at(-1)).toBe(I);
      const x = denseX(data);
      const g = gram(x, data.numUsers, I);
      const w = new Float64Array(I * I); // column j: j's k neighbours
      for (let j = 0; j < I; j++) {
        [...Array(I).keys()]
          .filter((i) => i !== j)
          .map((i) => ({ i, s: g[i * I + j] / (Math.sqrt(g[i * I + i] * g[j * I + j]) + shrink + 1e-6) }))
          .sort((a, b) => b.s - a.s || a.i - b.i)
          .slice(0, k)
          .forEach((e) => (w[e.i * I + j] = e.s));
      }
      const users = Int32Array.from([3, 0, 7]);
      const scores = model.scoreUsers(users);
      const all = scoresOf(x, w, data.numUsers, I);
      await expectScores(
        scores,
        Float64Array.from(Array.from(users).flatMap((u) => Array.from(all.subarray(u * I, (u + 1) * I)))),
      );
      scores.dispose();
      // Its explanation: each item's neighbours by similarity, strongest first (the recommendations' reasons).
      const { fusedGraph } = await model.explain!(k);
      for (let j = 0; j < I; j++) {
        const row = Array.from(fusedGraph!.neighbours.subarray(j * k, (j + 1) * k)).filter((i) => i >= 0);
        expect(row.map((i) => w[i * I + j]).every((v) => v > 0)).toBe(true);
        expect(new Set(row)).toEqual(new Set([...Array(I).keys()].filter((i) => w[i * I + j] > 0)));
        fusedGraph!.weights
          .subarray(j * k, j * k + row.length)
          .forEach((v, t) => expect(v).toBeCloseTo(w[row[t] * I + j], 5));
      }
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
