import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../data/random';
import { initBackend } from '../engine/backends';
import { userItemsFromPairs } from '../engine/metrics/topk';
import { csrToDense } from './csr';
import {
  cooccurrenceRows,
  easeWeights,
  itemKnnSimilarity,
  itemUsers,
  userRows,
  userRowsTransposed,
} from './itemItem';

/** A random binary user × item matrix as lists and dense (row-major); every item has a user. */
function randomData(users: number, items: number, density: number, seed: number) {
  const rng = makeRng(seed);
  const us: number[] = [];
  const is: number[] = [];
  const x = new Float64Array(users * items);
  for (let u = 0; u < users; u++)
    for (let i = 0; i < items; i++)
      if (rng.next() < density || u === i % users) {
        us.push(u);
        is.push(i);
        x[u * items + i] = 1;
      }
  return { lists: userItemsFromPairs(users, us, is), x };
}

function gram(x: Float64Array, users: number, items: number): Float64Array {
  const g = new Float64Array(items * items);
  for (let u = 0; u < users; u++)
    for (let i = 0; i < items; i++)
      for (let j = 0; j < items; j++) g[i * items + j] += x[u * items + i] * x[u * items + j];
  return g;
}

/** Solves M·y = r (Gaussian elimination, partial pivoting); M is m × m row-major, overwritten. */
function solve(m: Float64Array, r: Float64Array, n: number): Float64Array {
  const y = r.slice();
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i * n + c]) > Math.abs(m[p * n + c])) p = i;
    for (let j = 0; j < n; j++) [m[c * n + j], m[p * n + j]] = [m[p * n + j], m[c * n + j]];
    [y[c], y[p]] = [y[p], y[c]];
    for (let i = c + 1; i < n; i++) {
      const f = m[i * n + c] / m[c * n + c];
      for (let j = c; j < n; j++) m[i * n + j] -= f * m[c * n + j];
      y[i] -= f * y[c];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let j = i + 1; j < n; j++) s -= m[i * n + j] * y[j];
    y[i] = s / m[i * n + i];
  }
  return y;
}

describe('item–item matrices (host)', () => {
  const users = 9;
  const items = 7;
  const { lists, x } = randomData(users, items, 0.4, 1);

  it('counts co-occurrences XᵀX, any block of rows, from the item-wise transpose', () => {
    const byItem = itemUsers(lists, items);
    for (let i = 0; i < items; i++)
      for (let p = byItem.indptr[i]; p < byItem.indptr[i + 1]; p++)
        expect(x[byItem.indices[p] * items + i]).toBe(1);
    const g = gram(x, users, items);
    const block = new Float64Array(3 * items);
    cooccurrenceRows(lists, byItem, items, 2, 5, block);
    expect(Array.from(block)).toEqual(Array.from(g.subarray(2 * items, 5 * items)));
  });

  it('EASE equals a brute-force solve: each column the ridge regression of item j on the others', () => {
    const lambda = 3;
    const b = easeWeights(lists, items, lambda);
    const g = gram(x, users, items);
    for (let j = 0; j < items; j++) {
      // min ‖X_j − X_{−j} β‖² + λ‖β‖²  ⇔  (G_{−j,−j} + λI) β = G_{−j, j}; B_jj = 0.
      const others = [...Array(items).keys()].filter((i) => i !== j);
      const m = new Float64Array(others.length ** 2);
      others.forEach((a, r) =>
        others.forEach((c, s) => (m[r * others.length + s] = g[a * items + c] + (r === s ? lambda : 0))),
      );
      const beta = solve(
        m,
        Float64Array.from(others, (i) => g[i * items + j]),
        others.length,
      );
      expect(b[j * items + j]).toBe(0);
      others.forEach((i, r) => expect(b[i * items + j], `B[${i}, ${j}]`).toBeCloseTo(beta[r], 5));
    }
    expect(() => easeWeights(lists, items, 0)).toThrow(/λ > 0/);
  });

  it('lays out users’ training rows as X_u and as X_uᵀ', () => {
    const sel = Int32Array.from([4, 0]);
    const rows = userRows(lists, sel, items);
    const cols = userRowsTransposed(lists, sel, items);
    sel.forEach((u, r) => {
      for (let i = 0; i < items; i++) {
        expect(rows[r * items + i]).toBe(x[u * items + i]);
        expect(cols[i * sel.length + r]).toBe(x[u * items + i]);
      }
    });
  });
});

describe.each(['cpu', 'wasm'] as const)('ItemKNN similarity on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('equals a brute-force shrunk cosine, each item keeping its k most similar (ties: lower index)', async () => {
    const users = 12;
    const items = 15;
    const { lists, x } = randomData(users, items, 0.3, 2);
    const g = gram(x, users, items);
    for (const [k, shrink] of [
      [3, 0],
      [5, 2],
      [20, 0],
    ]) {
      const before = tf.memory().numTensors;
      // Blocks of 4 rows: the block loop and its last short block are exercised.
      const w = await itemKnnSimilarity(lists, items, { k, shrink, blockFloats: 4 * items });
      expect(tf.memory().numTensors).toBe(before);
      const dense = csrToDense(w);
      for (let j = 0; j < items; j++) {
        const sims = [...Array(items).keys()]
          .filter((i) => i !== j)
          .map((i) => ({
            i,
            s: g[i * items + j] / (Math.sqrt(g[i * items + i] * g[j * items + j]) + shrink + 1e-6),
          }))
          .sort((a, b) => b.s - a.s || a.i - b.i)
          .slice(0, k)
          .filter((e) => e.s > 0);
        const want = new Float64Array(items);
        for (const e of sims) want[e.i] = e.s;
        for (let i = 0; i < items; i++)
          expect(dense[j * items + i], `k ${k} shrink ${shrink}: row ${j}, item ${i}`).toBeCloseTo(
            want[i],
            5,
          );
      }
    }
  });
});
