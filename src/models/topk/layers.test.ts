import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../../engine/backends';
import { disposeSparse, toSparse } from '../../ops/sparse';
import { bprLoss, embeddingL2, graphBprLoss, infoNce, l2Normalize, lightGcnPropagate } from './layers';

beforeAll(async () => {
  await initBackend('wasm');
});

function randomRows(n: number, d: number, seed: number): number[][] {
  const rng = makeRng(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, k) => s + v * b[k], 0);
const cos = (a: number[], b: number[]) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));

describe('top-k layers', () => {
  it('BPR and the L2 term match their formulas', () => {
    const [u, p, n] = [randomRows(4, 3, 1), randomRows(4, 3, 2), randomRows(4, 3, 3)];
    const want = u.reduce((s, ui, b) => s + Math.log1p(Math.exp(-(dot(ui, p[b]) - dot(ui, n[b])))), 0) / 4;
    const got = tf.tidy(() => bprLoss(tf.tensor2d(u), tf.tensor2d(p), tf.tensor2d(n)).dataSync()[0]);
    expect(got).toBeCloseTo(want, 5);
    const sq = [u, p, n].flat(2).reduce((s, v) => s + v * v, 0);
    const l2 = tf.tidy(
      () =>
        embeddingL2(
          [u, p, n].map((x) => tf.tensor2d(x)),
          0.1,
          4,
        ).dataSync()[0],
    );
    expect(l2).toBeCloseTo((0.1 * sq) / 2 / 4, 5);
  });

  it('InfoNCE is the mean of both directions of cross-entropy over cosine / τ', () => {
    const [a, b] = [randomRows(5, 4, 4), randomRows(5, 4, 5)];
    const tau = 0.2;
    const s = a.map((ai) => b.map((bj) => cos(ai, bj) / tau));
    const ce = (m: number[][]) =>
      m.reduce((acc, row, p) => acc + Math.log(row.reduce((t, v) => t + Math.exp(v), 0)) - row[p], 0) /
      m.length;
    const st = s[0].map((_, j) => s.map((row) => row[j]));
    const got = tf.tidy(() => infoNce(tf.tensor2d(a), tf.tensor2d(b), tau).dataSync()[0]);
    expect(got).toBeCloseTo((ce(s) + ce(st)) / 2, 4);
  });

  it('l2Normalize gives unit rows and keeps zero rows zero', () => {
    const n = tf.tidy(() => l2Normalize(tf.tensor2d([3, 4, 0, 0], [2, 2])).arraySync());
    expect(n[0][0]).toBeCloseTo(0.6, 6);
    expect(n[0][1]).toBeCloseTo(0.8, 6);
    expect(n[1]).toEqual([0, 0]);
  });

  it('bprLoss has the stock composition’s value and gradients to the bit', () => {
    const before = tf.memory().numTensors;
    const stock = (u: tf.Tensor, p: tf.Tensor, n: tf.Tensor) =>
      tf.mean(tf.softplus(tf.neg(tf.sub(tf.sum(tf.mul(u, p), 1), tf.sum(tf.mul(u, n), 1))))) as tf.Scalar;
    const ours = (u: tf.Tensor, p: tf.Tensor, n: tf.Tensor) =>
      bprLoss(u as tf.Tensor2D, p as tf.Tensor2D, n as tf.Tensor2D);
    for (let trial = 0; trial < 10; trial++) {
      const rng = makeRng(300 + trial);
      const [B, d] = [1 + rng.int(300), 1 + rng.int(70)];
      const xs = [0, 1, 2].map((k) => tf.tensor2d(randomRows(B, d, 400 + 3 * trial + k)));
      const scale = tf.scalar(0.5 + rng.next());
      const [a, b] = [stock, ours].map((f) =>
        tf.tidy(() => {
          const { value, grads } = tf.valueAndGrads((u: tf.Tensor, p: tf.Tensor, n: tf.Tensor) =>
            tf.mul(f(u, p, n), scale),
          )(xs);
          return [value.dataSync(), ...grads.map((g) => g.dataSync())];
        }),
      );
      expect(b).toEqual(a);
      tf.dispose([...xs, scale]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('graphBprLoss (L2 over row counts) matches BPR + embeddingL2 on gathered rows, values and gradients', () => {
    const before = tf.memory().numTensors;
    for (let trial = 0; trial < 12; trial++) {
      const rng = makeRng(100 + trial);
      const [U, I, d, B] = [1 + rng.int(9), 2 + rng.int(14), 1 + rng.int(9), 1 + rng.int(40)];
      const ids = (n: number) =>
        tf.tensor1d(
          Array.from({ length: B }, () => rng.int(n)),
          'int32',
        );
      const batch = { size: B, users: ids(U), pos: ids(I), neg: ids(I), uniquePos: ids(I) };
      const [users, items, outU, outI] = [U, I, U, I].map((n, k) =>
        tf.tensor2d(randomRows(n, d, 200 + 4 * trial + k)),
      );
      const lambda = 0.001 + rng.next();
      const stock = (eu: tf.Tensor, ei: tf.Tensor, ou: tf.Tensor, oi: tf.Tensor) =>
        tf.add(
          bprLoss(
            tf.gather(ou, batch.users) as tf.Tensor2D,
            tf.gather(oi, batch.pos) as tf.Tensor2D,
            tf.gather(oi, batch.neg) as tf.Tensor2D,
          ),
          embeddingL2(
            [tf.gather(eu, batch.users), tf.gather(ei, batch.pos), tf.gather(ei, batch.neg)] as tf.Tensor2D[],
            lambda,
            B,
          ),
        ) as tf.Scalar;
      const ours = (eu: tf.Tensor, ei: tf.Tensor, ou: tf.Tensor, oi: tf.Tensor) =>
        graphBprLoss({ users: ou, items: oi }, { users: eu, items: ei }, batch, lambda);
      const [a, b] = [stock, ours].map((f) =>
        tf.tidy(() => {
          const { value, grads } = tf.valueAndGrads(f)([users, items, outU, outI]);
          return [value.dataSync(), ...grads.map((g) => g.dataSync())];
        }),
      );
      a.forEach((want, k) => want.forEach((v, i) => expect(b[k][i]).toBeCloseTo(v, 5)));
      tf.dispose([users, items, outU, outI, batch.users, batch.pos, batch.neg, batch.uniquePos]);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('l2Normalize with a scale is the scaled unit rows, values and gradients (exactly for a power of 2)', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(randomRows(37, 5, 9));
    const dy = tf.tensor2d(randomRows(37, 5, 10));
    for (const scale of [0.5, 0.3, 2.5]) {
      const [a, b] = [
        (v: tf.Tensor2D) => l2Normalize(v, scale),
        (v: tf.Tensor2D) => tf.mul(l2Normalize(v), scale) as tf.Tensor2D,
      ].map((f) =>
        tf.tidy(() => {
          const { value, grad } = tf.valueAndGrad((v: tf.Tensor) => f(v as tf.Tensor2D))(x, dy);
          return [value.dataSync(), grad.dataSync()];
        }),
      );
      for (let k = 0; k < 2; k++) {
        if (scale === 0.5) expect(a[k]).toEqual(b[k]);
        else a[k].forEach((v, i) => expect(v).toBeCloseTo(b[k][i], 6));
      }
    }
    tf.dispose([x, dy]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('LightGCN propagation is the mean of layers 0..L', () => {
    // Path graph 0–1–2 with unit weights (not normalised, to keep the arithmetic visible).
    const adj = toSparse({
      numRows: 3,
      numCols: 3,
      indptr: Int32Array.from([0, 1, 3, 4]),
      indices: Int32Array.from([1, 0, 2, 1]),
      values: null,
    });
    const e0 = [[1], [0], [0]];
    const out = tf.tidy(() => lightGcnPropagate(adj, tf.tensor2d(e0), 2).arraySync());
    // E1 = [0, 1, 0], E2 = [1, 0, 1] → mean = [2/3, 1/3, 1/3]
    [2 / 3, 1 / 3, 1 / 3].forEach((v, i) => expect(out[i][0]).toBeCloseTo(v, 6));
    disposeSparse(adj);
  });
});
