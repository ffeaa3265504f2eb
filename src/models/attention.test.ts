import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeRng } from '../data/random';
import { initBackend } from '../engine/backends';
import { activationUnit, interactingLayer, pairAttention, weightedSum } from './attention';
import { Params, prelu } from './layers';

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

const rng = makeRng(7);
const randomTensor = (shape: number[]) =>
  tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rng.normal()),
    shape,
  );
const valuesOf = (v: tf.Tensor) => Array.from(v.dataSync());

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], -Math.log10(tol));
}

/** `[n, k] · [k, m]` on plain arrays. */
function matmul(a: number[], b: number[], n: number, k: number, m: number): number[] {
  const out = new Array<number>(n * m).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) for (let t = 0; t < k; t++) out[i * m + j] += a[i * k + t] * b[t * m + j];
  return out;
}
const softmax = (xs: number[]) => {
  const mx = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - mx));
  const s = e.reduce((a, b) => a + b);
  return e.map((x) => x / s);
};

describe('interactingLayer', () => {
  it('matches a direct computation of multi-head self-attention with residual', () => {
    const [B, M, d, H, dh] = [2, 3, 4, 2, 3];
    const p = new Params(makeRng(1));
    const layer = interactingLayer(p, 'l', d, H, dh, true);
    const x = randomTensor([B, M, d]);
    const { out, attention } = tf.tidy(() => layer.apply(x as tf.Tensor3D));
    expect(out.shape).toEqual([B, M, H * dh]);
    expect(attention.shape).toEqual([B, H, M, M]);
    const [wq, wk, wv, wres] = p.variables.map(valuesOf);
    const xs = valuesOf(x);
    const expectedOut: number[] = [];
    const expectedAtt: number[] = new Array<number>(B * H * M * M);
    for (let b = 0; b < B; b++) {
      const e = xs.slice(b * M * d, (b + 1) * M * d);
      const [q, k, v, res] = [wq, wk, wv, wres].map((w) => matmul(e, w, M, d, H * dh));
      const o = new Array<number>(M * H * dh).fill(0);
      for (let h = 0; h < H; h++) {
        for (let i = 0; i < M; i++) {
          const scores = [...Array(M).keys()].map(
            (j) =>
              [...Array(dh).keys()].reduce(
                (s, t) => s + q[i * H * dh + h * dh + t] * k[j * H * dh + h * dh + t],
                0,
              ) / Math.sqrt(dh),
          );
          const a = softmax(scores);
          a.forEach((w, j) => {
            expectedAtt[((b * H + h) * M + i) * M + j] = w;
            for (let t = 0; t < dh; t++) o[i * H * dh + h * dh + t] += w * v[j * H * dh + h * dh + t];
          });
        }
      }
      expectedOut.push(...o.map((val, n) => Math.max(0, val + res[n])));
    }
    expectClose(valuesOf(attention), expectedAtt);
    expectClose(valuesOf(out), expectedOut);
    tf.dispose([x, out, attention]);
    p.dispose();
  });

  it('has attention rows that sum to 1', () => {
    const p = new Params(makeRng(2));
    const layer = interactingLayer(p, 'l', 8, 3, 4, false);
    const x = randomTensor([5, 6, 8]);
    const { out, attention } = tf.tidy(() => layer.apply(x as tf.Tensor3D));
    const sums = tf.sum(attention, 3);
    expectClose(valuesOf(sums), new Array<number>(5 * 3 * 6).fill(1), 1e-5);
    tf.dispose([x, out, attention, sums]);
    p.dispose();
  });
});

describe('pairAttention', () => {
  it('pools e_i ⊙ e_j over the pairs i < j with weights that sum to 1', () => {
    const [B, M, d] = [3, 4, 5];
    const p = new Params(makeRng(3));
    const pa = pairAttention(p, 'pair', M, d, 6);
    expect(pa.pairs).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    const x = randomTensor([B, M, d]);
    const { out, attention } = tf.tidy(() => pa.apply(x as tf.Tensor3D));
    expect(attention.shape).toEqual([B, 6]);
    const a = valuesOf(attention);
    const xs = valuesOf(x);
    const expected: number[] = [];
    for (let b = 0; b < B; b++) {
      expect(a.slice(b * 6, b * 6 + 6).reduce((s, w) => s + w)).toBeCloseTo(1, 5);
      for (let t = 0; t < d; t++) {
        let c = 0;
        pa.pairs.forEach(
          ([i, j], k) => (c += a[b * 6 + k] * xs[(b * M + i) * d + t] * xs[(b * M + j) * d + t]),
        );
        expected.push(c);
      }
    }
    expectClose(valuesOf(out), expected);
    tf.dispose([x, out, attention]);
    p.dispose();
  });

  it('gives zeros with a single field', () => {
    const p = new Params(makeRng(3));
    const x = randomTensor([2, 1, 4]);
    const { out, attention } = tf.tidy(() => pairAttention(p, 'pair', 1, 4, 6).apply(x as tf.Tensor3D));
    expect(valuesOf(out)).toEqual(new Array<number>(8).fill(0));
    expect(attention.shape).toEqual([2, 0]);
    tf.dispose([x, out, attention]);
    p.dispose();
  });
});

describe('activationUnit', () => {
  const [B, T, D] = [3, 4, 5];
  // Row 0 full, row 1 left-padded (2 real), row 2 empty.
  const maskValues = [1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0];

  it('scores MLP([v_j; v_A; v_j − v_A; v_j ⊙ v_A]) with PReLU, as written in DIN', () => {
    const p = new Params(makeRng(5));
    const unit = activationUnit(p, 'att', D, [6], 'prelu', false);
    for (const v of p.variables) {
      const r = tf.tidy(() => tf.add(v, tf.randomNormal(v.shape, 0, 0.3, 'float32', 9)));
      v.assign(r);
      r.dispose();
    }
    const byName = new Map(p.names.map((n, i) => [n, valuesOf(p.variables[i])]));
    const q = randomTensor([B, D]) as tf.Tensor2D;
    const k = randomTensor([B, T, D]) as tf.Tensor3D;
    const mask = tf.ones([B, T]) as tf.Tensor2D;
    const w = tf.tidy(() => unit.apply(q, k, mask));
    const [qs, ks] = [valuesOf(q), valuesOf(k)];
    const expected: number[] = [];
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        const vj = ks.slice((b * T + t) * D, (b * T + t + 1) * D);
        const vA = qs.slice(b * D, (b + 1) * D);
        const input = [...vj, ...vA, ...vj.map((x, i) => x - vA[i]), ...vj.map((x, i) => x * vA[i])];
        const h = matmul(input, byName.get('att_in_w')!, 1, 4 * D, 6).map((x, i) => {
          const y = x + byName.get('att_in_b')![i];
          return y > 0 ? y : byName.get('att_in_alpha')![i] * y;
        });
        expected.push(matmul(h, byName.get('att_out_w')!, 1, 6, 1)[0] + byName.get('att_out_b')![0]);
      }
    }
    expectClose(valuesOf(w), expected);
    tf.dispose([q, k, mask, w]);
    p.dispose();
  });

  for (const softmaxOn of [false, true]) {
    it(`gives masked behaviours weight exactly 0 (softmax ${softmaxOn ? 'on' : 'off'})`, () => {
      const p = new Params(makeRng(4));
      const unit = activationUnit(p, 'att', D, [6], 'prelu', softmaxOn);
      const q = randomTensor([B, D]) as tf.Tensor2D;
      const k = randomTensor([B, T, D]) as tf.Tensor3D;
      const mask = tf.tensor2d(maskValues, [B, T]);
      const w = tf.tidy(() => unit.apply(q, k, mask));
      const ws = valuesOf(w);
      maskValues.forEach((m, i) => {
        if (m === 0) expect(ws[i]).toBe(0);
      });
      if (softmaxOn) {
        expect(ws.slice(0, 4).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
        expect(ws.slice(4, 8).reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      } else {
        // Without softmax a real behaviour's weight does not depend on the others or on the mask.
        const all = tf.ones([B, T]) as tf.Tensor2D;
        const rawT = tf.tidy(() => unit.apply(q, k, all));
        const raw = valuesOf(rawT);
        maskValues.forEach((m, i) => {
          if (m === 1) expect(ws[i]).toBeCloseTo(raw[i], 6);
        });
        tf.dispose([all, rawT]);
      }
      tf.dispose([q, k, mask, w]);
      p.dispose();
    });
  }
});

describe('small layers', () => {
  it('prelu keeps positives and scales negatives by the per-unit slope', () => {
    const x = tf.tensor2d([-2, 3, -1, -4], [2, 2]);
    const alpha = tf.tensor1d([0.5, 0.25]);
    const y = tf.tidy(() => prelu(x, alpha));
    expect(valuesOf(y)).toEqual([-1, 3, -0.5, -1]);
    tf.dispose([x, alpha, y]);
  });

  it('weightedSum is Σ_t w_t v_t', () => {
    const w = tf.tensor2d([1, 0, 2, 0.5, 0.5, 0], [2, 3]);
    const v = tf.tensor3d([1, 2, 3, 4, 5, 6, 1, 1, 2, 2, 3, 3], [2, 3, 2]);
    const s = tf.tidy(() => weightedSum(w, v));
    expectClose(valuesOf(s), [11, 14, 1.5, 1.5]);
    tf.dispose([w, v, s]);
  });
});
