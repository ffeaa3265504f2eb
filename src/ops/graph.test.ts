import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../engine/backends';
import { csrToDense, nonEmptyRows, type CsrGraph } from './csr';
import {
  bipartiteAdjacency,
  modalityGraph,
  normalizeSym,
  sampleEdgesByDegree,
  symmetrize,
  topNeighbours,
  userMeanMatrix,
  weightedSum,
} from './graph';
import { knnGraph } from './knn';
import { bruteForceKnn } from './knn.testkit';
import { makeRng } from '../data/random';

function rowOf(g: CsrGraph, i: number): { j: number; s: number }[] {
  const out = [];
  for (let p = g.indptr[i]; p < g.indptr[i + 1]; p++) out.push({ j: g.indices[p], s: g.values[p] });
  return out;
}

function expectRowsMatch(g: CsrGraph, ref: Map<number, { j: number; s: number }[]>) {
  for (const [i, want] of ref) {
    const got = rowOf(g, i);
    expect(
      got.map((e) => e.j),
      `row ${i}`,
    ).toEqual(want.map((e) => e.j).sort((a, b) => a - b));
    for (const e of got) expect(e.s).toBeCloseTo(want.find((w) => w.j === e.j)!.s, 5);
  }
}

function randomFeatures(n: number, dim: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.normal());
}

describe.each(['cpu', 'wasm'] as const)('item graphs on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('kNN equals a brute-force reference on random data, in one block or many, leaking nothing', async () => {
    const n = 300;
    const dim = 16;
    const x = randomFeatures(n, dim, 1);
    const ref = bruteForceKnn(x, n, dim, 10);
    const before = tf.memory().numTensors;
    const whole = await knnGraph(x, n, dim, { k: 10 });
    const blocks = await knnGraph(x, n, dim, { k: 10, blockRows: 7 });
    expect(tf.memory().numTensors).toBe(before);
    expectRowsMatch(whole, ref);
    expect(Array.from(blocks.indices)).toEqual(Array.from(whole.indices));
    expect(Array.from(blocks.indptr)).toEqual(Array.from(whole.indptr));
  });

  it('breaks ties by the lower item index, never links an item to itself, and skips zero rows', async () => {
    // Items 0–5 are the same direction; 6 is orthogonal; 7 is all zeros; 8 is opposite to 0–5.
    const dim = 4;
    const rows = [
      [1, 1, 0, 0],
      [2, 2, 0, 0],
      [1, 1, 0, 0],
      [3, 3, 0, 0],
      [1, 1, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 1, 1],
      [0, 0, 0, 0],
      [-1, -1, 0, 0],
    ];
    const x = Float32Array.from(rows.flat());
    const g = await knnGraph(x, rows.length, dim, { k: 3 });
    expect(rowOf(g, 0).map((e) => e.j)).toEqual([1, 2, 3]);
    expect(rowOf(g, 5).map((e) => e.j)).toEqual([0, 1, 2]);
    expect(rowOf(g, 2).map((e) => e.j)).toEqual([0, 1, 3]);
    for (const e of rowOf(g, 0)) expect(e.s).toBeCloseTo(1, 6);
    expect(rowOf(g, 6)).toEqual([]); // cosine 0 with everything: no edge
    expect(rowOf(g, 7)).toEqual([]);
    expect(rowOf(g, 8)).toEqual([]); // only negative similarities
    const bin = await knnGraph(x, rows.length, dim, { k: 3, weighting: 'binary' });
    expect(Array.from(bin.values).every((v) => v === 1)).toBe(true);
  });

  it('builds a graph of more than 5,000 items in row blocks and still matches brute force', async () => {
    const n = 5200;
    const dim = 8;
    const x = randomFeatures(n, dim, 2);
    // The default block budget gives floor(2^22 / 5200) = 806 rows per block: never the dense N × N.
    const g = await knnGraph(x, n, dim, { k: 10 });
    const sample = [0, 1, 805, 806, 2500, 5199];
    expectRowsMatch(g, bruteForceKnn(x, n, dim, 10, sample));
  });
});

describe('graph normalisation', () => {
  const g: CsrGraph = {
    numRows: 4,
    numCols: 4,
    indptr: Int32Array.from([0, 2, 3, 3, 4]),
    indices: Int32Array.from([1, 3, 0, 0]),
    values: Float32Array.from([0.5, 0.2, 0.8, 0.3]),
  };

  it('symmetrises by the larger weight of the two directions', () => {
    const s = csrToDense(symmetrize(g));
    const want = [
      [0, 0.8, 0, 0.3],
      [0.8, 0, 0, 0],
      [0, 0, 0, 0],
      [0.3, 0, 0, 0],
    ];
    want.flat().forEach((v, i) => expect(s[i]).toBeCloseTo(v, 6));
  });

  it('D^-1/2 S D^-1/2: entries S_ij / √(d_i d_j), symmetric, Ŝ·√d = √d, isolated rows empty', () => {
    const sym = symmetrize(g);
    const dense = csrToDense(sym);
    const deg = [0, 1, 2, 3].map((i) => dense.slice(i * 4, i * 4 + 4).reduce((a, b) => a + b, 0));
    const norm = csrToDense(normalizeSym(sym));
    for (let i = 0; i < 4; i++) {
      let rowTimesSqrtDeg = 0;
      for (let j = 0; j < 4; j++) {
        const want = dense[i * 4 + j] === 0 ? 0 : dense[i * 4 + j] / Math.sqrt(deg[i] * deg[j]);
        expect(norm[i * 4 + j]).toBeCloseTo(want, 6);
        expect(norm[i * 4 + j]).toBeCloseTo(norm[j * 4 + i], 6);
        rowTimesSqrtDeg += norm[i * 4 + j] * Math.sqrt(deg[j]);
      }
      expect(rowTimesSqrtDeg).toBeCloseTo(Math.sqrt(deg[i]), 5);
    }
    expect(deg[2]).toBe(0);
  });

  it('modalityGraph = normalizeSym(symmetrize(knn)); weightedSum adds graphs; topNeighbours sorts and pads', async () => {
    await initBackend('wasm');
    const x = randomFeatures(40, 6, 3);
    const mg = await modalityGraph(x, 40, 6, { k: 4 });
    const manual = normalizeSym(symmetrize(await knnGraph(x, 40, 6, { k: 4 })));
    expect(Array.from(mg.values)).toEqual(Array.from(manual.values));
    const sum = csrToDense(weightedSum([mg, g4(mg)], [0.25, 0.75]));
    const a = csrToDense(mg);
    const b = csrToDense(g4(mg));
    sum.forEach((v, i) => expect(v).toBeCloseTo(0.25 * a[i] + 0.75 * b[i], 6));
    const top = topNeighbours(g, 2);
    expect(Array.from(top.neighbours)).toEqual([1, 3, 0, -1, -1, -1, 0, -1]);
    expect(top.weights[0]).toBeCloseTo(0.5, 6);
  });
});

/** The same pattern with different weights. */
function g4(g: CsrGraph): CsrGraph {
  return { ...g, values: Float32Array.from(g.values, (v, i) => v * (1 + (i % 3))) };
}

describe('user–item matrices', () => {
  it('lists the users with at least one item', () => {
    // Users 0 and 3 empty, 1 with two items, 2 with one.
    const lists = { indptr: Int32Array.from([0, 0, 2, 3, 3]), indices: Int32Array.from([4, 7, 1]) };
    expect(Array.from(nonEmptyRows(lists))).toEqual([1, 2]);
    expect(Array.from(nonEmptyRows({ indptr: Int32Array.from([0]) }))).toEqual([]);
  });

  // 3 users, 4 items; user 2 has no items, item 3 no users.
  const r = { indptr: Int32Array.from([0, 2, 3, 3]), indices: Int32Array.from([0, 2, 2]) };

  it('bipartite adjacency: [[0, R], [Rᵀ, 0]] normalised by 1/√(deg_u deg_i), symmetric', () => {
    const a = bipartiteAdjacency(3, 4, r);
    const dense = csrToDense(a);
    const n = 7;
    const degU = [2, 1, 0];
    const degI = [1, 0, 2, 0];
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        const v = dense[p * n + q];
        expect(v).toBeCloseTo(dense[q * n + p], 7);
        const userItem = p < 3 && q >= 3 ? [p, q - 3] : null;
        const linked =
          userItem !== null &&
          Array.from(r.indices.subarray(r.indptr[userItem[0]], r.indptr[userItem[0] + 1])).includes(
            userItem[1],
          );
        if (linked) expect(v).toBeCloseTo(1 / Math.sqrt(degU[userItem![0]] * degI[userItem![1]]), 6);
        else if (!(p >= 3 && q < 3)) expect(v).toBe(0);
      }
    }
    expect(a.indptr[n]).toBe(6); // each interaction twice
  });

  it('user mean matrix rows average the user items (empty rows stay zero)', () => {
    const m = csrToDense(userMeanMatrix(4, r));
    expect(Array.from(m)).toEqual([0.5, 0, 0.5, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });

  it('edge pruning keeps round(keep·nnz) edges of the graph, sorted, and drops hub–hub edges first', () => {
    // User 0 rates items 0..9; users 1..9 rate item 0 and their own niche item 9 + u.
    const lists: number[][] = [Array.from({ length: 10 }, (_, i) => i)];
    for (let u = 1; u < 10; u++) lists.push([0, 9 + u]);
    const g = {
      indptr: Int32Array.from([0, ...lists.map((_, u) => lists.slice(0, u + 1).flat().length)]),
      indices: Int32Array.from(lists.flat()),
    };
    const rng = makeRng(3);
    const kept = new Map<string, number>();
    for (let t = 0; t < 400; t++) {
      const s = sampleEdgesByDegree(g, 19, 0.5, rng);
      expect(s.indices.length).toBe(Math.round(0.5 * 28));
      for (let u = 0; u < 10; u++) {
        const row = Array.from(s.indices.subarray(s.indptr[u], s.indptr[u + 1]));
        expect(row).toEqual([...row].sort((a, b) => a - b));
        for (const i of row) {
          expect(lists[u]).toContain(i);
          kept.set(`${u}/${i}`, (kept.get(`${u}/${i}`) ?? 0) + 1);
        }
      }
    }
    // Hub user × hub item (1/√(10·10)) survives far less often than niche user × niche item (1/√(2·1)).
    expect(kept.get('0/0') ?? 0).toBeLessThan(0.5 * (kept.get('1/10') ?? 0));
    expect(sampleEdgesByDegree(g, 19, 1, rng).indices).toEqual(g.indices);
    expect(sampleEdgesByDegree(g, 19, 0, rng).indices.length).toBe(0);
  });
});
