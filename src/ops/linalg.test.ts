import { describe, expect, it } from 'vitest';
import { makeRng } from '../data/random';
import { choleskyInPlace, spdInverseInPlace } from './linalg';

/** A random SPD matrix: MᵀM + n·I, row-major. */
function randomSpd(n: number, seed: number): Float64Array {
  const rng = makeRng(seed);
  const m = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += m[k * n + i] * m[k * n + j];
      a[i * n + j] = s;
    }
  return a;
}

/** Gauss–Jordan with partial pivoting on [A | I], the brute-force inverse. */
function gaussJordanInverse(a: Float64Array, n: number): Float64Array {
  const w = 2 * n;
  const m = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * w + j] = a[i * n + j];
    m[i * w + n + i] = 1;
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * w + c]) > Math.abs(m[p * w + c])) p = r;
    for (let j = 0; j < w; j++) [m[c * w + j], m[p * w + j]] = [m[p * w + j], m[c * w + j]];
    const piv = m[c * w + c];
    for (let j = 0; j < w; j++) m[c * w + j] /= piv;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r * w + c];
      for (let j = 0; j < w; j++) m[r * w + j] -= f * m[c * w + j];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inv[i * n + j] = m[i * w + n + j];
  return inv;
}

describe('dense SPD linear algebra', () => {
  it('factors A = L·Lᵀ (lower triangle), for sizes around the unrolled loop’s remainder', () => {
    for (const [n, block] of [
      [1, 64],
      [2, 1],
      [5, 2],
      [8, 3],
      [13, 64],
      [13, 4],
    ]) {
      const a = randomSpd(n, n);
      const l = a.slice();
      choleskyInPlace(l, n, undefined, block);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let k = 0; k <= j; k++) s += l[i * n + k] * l[j * n + k];
          expect(s, `n ${n} (${i}, ${j})`).toBeCloseTo(a[i * n + j], 10);
        }
    }
  });

  it('inverts an SPD matrix as Gauss–Jordan does, both triangles, reading only A’s lower one', () => {
    // Blocks of 1, of sizes that leave a short last block, and the default (one block for these sizes).
    for (const [n, block] of [
      [1, 64],
      [3, 1],
      [7, 3],
      [16, 5],
      [33, 8],
      [33, 64],
    ]) {
      const a = randomSpd(n, 100 + n);
      const want = gaussJordanInverse(a, n);
      const got = a.slice();
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) got[i * n + j] = NaN; // upper unread
      const progress: string[] = [];
      spdInverseInPlace(got, n, (pass, done, total) => progress.push(`${pass} ${done}/${total}`), block);
      got.forEach((v, p) => expect(v, `n ${n} block ${block} entry ${p}`).toBeCloseTo(want[p], 12));
      expect(progress.at(-1)).toBe(`multiply ${n}/${n}`);
      expect(progress.filter((p) => p.startsWith('factor')).length).toBe(Math.ceil(n / block));
    }
  });

  it('refuses a matrix that is not positive definite, and a wrong size', () => {
    const a = Float64Array.from([1, 2, 2, 1]); // eigenvalues 3 and −1
    expect(() => spdInverseInPlace(a, 2)).toThrow(/not positive definite/);
    expect(() => spdInverseInPlace(new Float64Array(5), 2)).toThrow(/2 × 2/);
  });
});
