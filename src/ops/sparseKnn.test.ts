import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../data/random';
import type { SparseRows } from '../data/types';
import { initBackend } from '../engine/backends';
import type { CsrGraph } from './csr';
import { modalityGraph, normalizeSym, sparseModalityGraph, symmetrize } from './graph';
import { knnGraph } from './knn';
import { bruteForceKnn } from './knn.testkit';
import { sparseKnnGraph } from './sparseKnn';

/** A random `[n, cols]` CSR matrix with about `perRow` nonzeros a row (some rows empty), values in (0, 1]. */
function randomSparse(n: number, cols: number, perRow: number, seed: number, signed = false): SparseRows {
  const rng = makeRng(seed);
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const taken = new Set<number>();
    const count = Math.floor(rng.next() * (2 * perRow + 1)); // 0 … 2·perRow
    while (taken.size < Math.min(count, cols)) taken.add(Math.floor(rng.next() * cols));
    for (const j of [...taken].sort((a, b) => a - b)) {
      indices.push(j);
      const v = 1 - rng.next();
      values.push(signed && rng.next() < 0.3 ? -v : v);
    }
    indptr[i + 1] = indices.length;
  }
  return { cols, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

function densify(x: SparseRows, n: number): Float32Array {
  const out = new Float32Array(n * x.cols);
  for (let i = 0; i < n; i++)
    for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) out[i * x.cols + x.indices[p]] = x.values[p];
  return out;
}

function rowOf(g: CsrGraph, i: number): { j: number; s: number }[] {
  const out = [];
  for (let p = g.indptr[i]; p < g.indptr[i + 1]; p++) out.push({ j: g.indices[p], s: g.values[p] });
  return out;
}

describe('sparseKnnGraph: exact cosine kNN of sparse rows', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it.each([
    ['nonnegative', false],
    ['with negative values', true],
  ])('equals a brute-force dense computation on random sparse matrices (%s)', (_, signed) => {
    for (const [n, cols, perRow, k, seed] of [
      [200, 50, 3, 10, 1],
      [150, 400, 6, 5, 2],
      [60, 8, 2, 20, 3],
    ] as const) {
      const x = randomSparse(n, cols, perRow, seed, signed);
      const ref = bruteForceKnn(densify(x, n), n, cols, k);
      const g = sparseKnnGraph(x, n, { k });
      expect(g.indptr.length).toBe(n + 1);
      for (let i = 0; i < n; i++) {
        const got = rowOf(g, i);
        expect(
          got.map((e) => e.j),
          `n ${n} row ${i}`,
        ).toEqual(
          ref
            .get(i)!
            .map((e) => e.j)
            .sort((a, b) => a - b),
        );
        for (const e of got) expect(e.s).toBeCloseTo(ref.get(i)!.find((w) => w.j === e.j)!.s, 5);
      }
    }
  });

  it('keeps the lower index among many exact ties (0/1 rows over 6 columns), as brute force does', () => {
    const n = 150;
    const x = randomSparse(n, 6, 2, 11);
    const ones = { ...x, values: new Float32Array(x.values.length).fill(1) };
    // Brute force over every pair, similarities rounded to float32 (what the graph stores and compares).
    const all = bruteForceKnn(densify(ones, n), n, 6, n);
    const g = sparseKnnGraph(ones, n, { k: 8 });
    for (let i = 0; i < n; i++) {
      const want = all
        .get(i)!
        .map((e) => ({ j: e.j, s: Math.fround(e.s) }))
        .sort((a, b) => b.s - a.s || a.j - b.j)
        .slice(0, 8);
      expect(
        rowOf(g, i).map((e) => e.j),
        `row ${i}`,
      ).toEqual(want.map((e) => e.j).sort((a, b) => a - b));
    }
  });

  it('gives the dense knnGraph’s graph on the same (densified) rows, and leaks no tensor doing so', async () => {
    const n = 120;
    const x = randomSparse(n, 30, 4, 9);
    const before = tf.memory().numTensors;
    const dense = await modalityGraph(densify(x, n), n, 30, { k: 6 });
    expect(tf.memory().numTensors).toBe(before);
    const sparse = sparseModalityGraph(x, n, { k: 6 });
    expect(sparse).toEqual(normalizeSym(symmetrize(sparseKnnGraph(x, n, { k: 6 }))));
    expect(Array.from(sparse.indptr)).toEqual(Array.from(dense.indptr));
    expect(Array.from(sparse.indices)).toEqual(Array.from(dense.indices));
    sparse.values.forEach((v, p) => expect(v).toBeCloseTo(dense.values[p], 5));
    // And the plain kNN lists, before symmetrising, are the dense builder's too.
    const d = await knnGraph(densify(x, n), n, 30, { k: 6 });
    expect(Array.from(sparseKnnGraph(x, n, { k: 6 }).indices)).toEqual(Array.from(d.indices));
  });

  it('breaks ties by the lower index, never links an item to itself, skips empty rows; binary weights', () => {
    // Rows 0–4 are the same direction (term 0 and 1), 5 only has term 2, 6 is empty, 7 shares term 1 a little.
    const rows: [number, number][][] = [
      [
        [0, 1],
        [1, 1],
      ],
      [
        [0, 2],
        [1, 2],
      ],
      [
        [0, 1],
        [1, 1],
      ],
      [
        [0, 3],
        [1, 3],
      ],
      [
        [0, 1],
        [1, 1],
      ],
      [[2, 1]],
      [],
      [
        [1, 0.1],
        [3, 1],
      ],
    ];
    const indptr = Int32Array.from([0, ...rows.map((_, i) => rows.slice(0, i + 1).flat().length)]);
    const x: SparseRows = {
      cols: 4,
      indptr,
      indices: Int32Array.from(rows.flat().map(([j]) => j)),
      values: Float32Array.from(rows.flat().map(([, v]) => v)),
    };
    const g = sparseKnnGraph(x, rows.length, { k: 3 });
    expect(rowOf(g, 0).map((e) => e.j)).toEqual([1, 2, 3]);
    expect(rowOf(g, 4).map((e) => e.j)).toEqual([0, 1, 2]);
    expect(rowOf(g, 2).map((e) => e.j)).toEqual([0, 1, 3]);
    for (const e of rowOf(g, 0)) expect(e.s).toBeCloseTo(1, 6);
    expect(rowOf(g, 5)).toEqual([]); // its only term is in no other row
    expect(rowOf(g, 6)).toEqual([]);
    expect(rowOf(g, 7).map((e) => e.j)).toEqual([0, 1, 2]); // small but positive cosine, ties by index
    const bin = sparseKnnGraph(x, rows.length, { k: 3, weighting: 'binary' });
    expect(Array.from(bin.values).every((v) => v === 1)).toBe(true);
    expect(sparseKnnGraph(x, rows.length, { k: 0 }).indices.length).toBe(0);
  });

  it('refuses rows that are not a CSR matrix of numItems rows', () => {
    const x = randomSparse(10, 5, 2, 4);
    expect(() => sparseKnnGraph(x, 11)).toThrow(/not a CSR matrix of 11 rows/);
    expect(() => sparseKnnGraph({ ...x, cols: 2 }, 10)).toThrow(/column \d outside 0..1/);
  });

  it('reports progress by blocks of rows', () => {
    const x = randomSparse(50, 10, 2, 5);
    const seen: number[] = [];
    sparseKnnGraph(x, 50, { k: 3, blockRows: 20, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([20, 40, 50]);
  });
});
