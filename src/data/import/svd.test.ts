import { describe, expect, it } from 'vitest';
import { makeRng } from '../random';
import {
  csrTimesDense,
  csrTransposeTimesDense,
  jacobiSvd,
  qrInPlace,
  randomizedSvd,
  type Csr,
  type Dense,
} from './svd';

/** A dense row-major matrix as CSR (zeros left out). */
function csrOf(rows: number, cols: number, data: ArrayLike<number>): Csr {
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = data[r * cols + c];
      if (v !== 0) {
        indices.push(c);
        values.push(v);
      }
    }
    indptr[r + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}

function matmul(a: Dense, b: Dense): Dense {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++)
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] += a.data[i * a.cols + k] * b.data[k * b.cols + j];
  return { rows: a.rows, cols: b.cols, data: out };
}

function transpose(a: Dense): Dense {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}

function gaussian(rows: number, cols: number, seed: number): Dense {
  const rng = makeRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal()) };
}

/** Largest |MᵀM − I| entry over M's nonzero columns. */
function orthonormalityError(m: Dense): number {
  const g = matmul(transpose(m), m);
  let worst = 0;
  for (let i = 0; i < m.cols; i++)
    for (let j = 0; j < m.cols; j++)
      worst = Math.max(worst, Math.abs(g.data[i * m.cols + j] - (i === j ? 1 : 0)));
  return worst;
}

/** An orthonormal n × k basis: the Q of a Gaussian matrix. */
function orthonormal(n: number, k: number, seed: number): Dense {
  const q = gaussian(n, k, seed);
  qrInPlace(q);
  return q;
}

/** U·diag(s)·Vᵀ with random orthonormal U (n × k) and V (m × k): a matrix whose singular values are s. */
function withSingularValues(n: number, m: number, s: readonly number[], seed: number): Dense {
  const u = orthonormal(n, s.length, seed);
  const v = orthonormal(m, s.length, seed + 1);
  const us = { ...u, data: u.data.map((x, i) => x * s[i % s.length]) };
  return matmul(us, transpose(v));
}

describe('sparse products', () => {
  it('A·X and Aᵀ·X equal the dense products', () => {
    const a = gaussian(7, 5, 1);
    a.data.forEach((v, i) => (a.data[i] = v > 0.3 ? v : 0)); // sparse
    const x = gaussian(5, 3, 2);
    const y = gaussian(7, 3, 3);
    const csr = csrOf(7, 5, a.data);
    const ax = csrTimesDense(csr, x).data;
    matmul(a, x).data.forEach((v, i) => expect(ax[i]).toBeCloseTo(v, 12));
    const aty = csrTransposeTimesDense(csr, y).data;
    matmul(transpose(a), y).data.forEach((v, i) => expect(aty[i]).toBeCloseTo(v, 12));
  });
});

describe('qrInPlace', () => {
  it('gives orthonormal Q and upper-triangular R with Q·R = the matrix', () => {
    const m = gaussian(40, 6, 4);
    const q = { ...m, data: m.data.slice() };
    const r = qrInPlace(q);
    expect(orthonormalityError(q)).toBeLessThan(1e-12);
    for (let i = 0; i < 6; i++) for (let j = 0; j < i; j++) expect(r[i * 6 + j]).toBe(0);
    const qr = matmul(q, { rows: 6, cols: 6, data: r }).data;
    m.data.forEach((v, i) => expect(qr[i]).toBeCloseTo(v, 10));
  });

  it('zeroes a column that depends on the earlier ones', () => {
    const m = gaussian(10, 3, 5);
    for (let i = 0; i < 10; i++) m.data[i * 3 + 2] = 2 * m.data[i * 3] - m.data[i * 3 + 1];
    qrInPlace(m);
    for (let i = 0; i < 10; i++) expect(m.data[i * 3 + 2]).toBe(0);
  });
});

describe('jacobiSvd', () => {
  it('finds the singular values of [[3, 0], [4, 5]]: √45 and √5', () => {
    const { sigma } = jacobiSvd(Float64Array.from([3, 0, 4, 5]), 2);
    const sorted = Array.from(sigma).sort((x, y) => y - x);
    expect(sorted[0]).toBeCloseTo(Math.sqrt(45), 12);
    expect(sorted[1]).toBeCloseTo(Math.sqrt(5), 12);
  });
});

describe('randomizedSvd', () => {
  const s = [9, 5, 2, 1, 0.5];
  const a = withSingularValues(60, 40, s, 10);
  const csr = csrOf(60, 40, a.data);

  it('matches the singular values of a matrix built with known ones', () => {
    const svd = randomizedSvd(csr, 5, makeRng(1));
    expect(svd.rank).toBe(5);
    s.forEach((v, i) => expect(svd.sigma[i]).toBeCloseTo(v, 8));
    // Each component is a left singular vector: A·Aᵀ·u = σ²·u.
    const aat = matmul(a, transpose(a));
    for (let c = 0; c < 5; c++) {
      const u: Dense = {
        rows: 60,
        cols: 1,
        data: Float64Array.from({ length: 60 }, (_, i) => svd.u.data[i * 5 + c]),
      };
      const back = matmul(aat, u).data;
      back.forEach((v, i) => expect(v).toBeCloseTo(s[c] ** 2 * u.data[i], 7));
    }
  });

  it('gives orthonormal components, largest first', () => {
    const svd = randomizedSvd(csrOf(50, 30, gaussian(50, 30, 11).data), 8, makeRng(2));
    expect(orthonormalityError(svd.u)).toBeLessThan(1e-10);
    for (let i = 1; i < 8; i++) expect(svd.sigma[i]).toBeLessThanOrEqual(svd.sigma[i - 1]);
  });

  it('reconstructs a low-rank matrix: U·Uᵀ·A = A, and rank-3 input gives 3 nonzero values', () => {
    const low = matmul(gaussian(30, 3, 12), gaussian(3, 20, 13));
    const svd = randomizedSvd(csrOf(30, 20, low.data), 6, makeRng(3));
    expect(Array.from(svd.sigma.slice(0, 3)).every((v) => v > 1)).toBe(true);
    expect(Math.max(...svd.sigma.slice(3))).toBeLessThan(1e-8);
    const u3: Dense = {
      rows: 30,
      cols: 3,
      data: Float64Array.from({ length: 90 }, (_, i) => svd.u.data[Math.floor(i / 3) * 6 + (i % 3)]),
    };
    const back = matmul(u3, matmul(transpose(u3), low)).data;
    low.data.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 9));
  });

  it('caps the rank at the smaller side of the matrix', () => {
    const svd = randomizedSvd(csrOf(4, 3, gaussian(4, 3, 14).data), 10, makeRng(4));
    expect(svd.rank).toBe(3);
    expect(svd.u.cols).toBe(3);
  });

  it('is deterministic for a seed, and another seed finds the same singular values', () => {
    const one = randomizedSvd(csr, 3, makeRng(5));
    const again = randomizedSvd(csr, 3, makeRng(5));
    expect(Array.from(again.u.data)).toEqual(Array.from(one.u.data));
    expect(Array.from(again.sigma)).toEqual(Array.from(one.sigma));
    const other = randomizedSvd(csr, 3, makeRng(6));
    other.sigma.forEach((v, i) => expect(v).toBeCloseTo(one.sigma[i], 8));
    // The sign convention (largest |entry| positive) makes the components themselves agree too.
    other.u.data.forEach((v, i) => expect(v).toBeCloseTo(one.u.data[i], 6));
  });

  it('refuses a rank that is not a positive integer', () => {
    expect(() => randomizedSvd(csr, 0, makeRng(1))).toThrow(/rank/);
  });
});
