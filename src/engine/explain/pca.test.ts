import { describe, expect, it } from 'vitest';
import { pca2 } from './pca';

/** Rows ±a·e1, ±b·e2, ±c·e3 (rotated by `r`): covariance diag(2a², 2b², 2c²) / 5 in the rotated basis. */
function axisPoints(a: number, b: number, c: number, r: number[][]): Float32Array {
  const raw = [
    [a, 0, 0],
    [-a, 0, 0],
    [0, b, 0],
    [0, -b, 0],
    [0, 0, c],
    [0, 0, -c],
  ];
  // Shift by a constant so centring matters.
  return Float32Array.from(
    raw.flatMap((p) => r.map((row) => row[0] * p[0] + row[1] * p[1] + row[2] * p[2] + 5)),
  );
}

const I3 = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
// A rotation about z by θ, then about x by φ (orthonormal columns).
const th = 0.7;
const ph = -0.4;
const R = [
  [Math.cos(th), -Math.sin(th), 0],
  [Math.cos(ph) * Math.sin(th), Math.cos(ph) * Math.cos(th), -Math.sin(ph)],
  [Math.sin(ph) * Math.sin(th), Math.sin(ph) * Math.cos(th), Math.cos(ph)],
];
const column = (m: number[][], k: number) => m.map((row) => row[k]);

describe('pca2', () => {
  it('finds the axes of a known covariance, with its explained variance', () => {
    const { components, explained, xy } = pca2(axisPoints(3, 2, 1, I3), 6, 3);
    // Eigenvalues 18/5, 8/5, 2/5 of a total 28/5.
    expect(explained[0]).toBeCloseTo(18 / 28, 6);
    expect(explained[1]).toBeCloseTo(8 / 28, 6);
    expect(Math.abs(components[0])).toBeCloseTo(1, 6);
    expect(Math.abs(components[3 + 1])).toBeCloseTo(1, 6);
    // The first point (3, 0, 0) + 5 projects to ±3 on PC1 and 0 on PC2.
    expect(Math.abs(xy[0])).toBeCloseTo(3, 5);
    expect(xy[1]).toBeCloseTo(0, 5);
  });

  it('recovers rotated axes as the rotation’s columns, up to a deterministic sign', () => {
    const { components, explained } = pca2(axisPoints(3, 2, 1, R), 6, 3);
    expect(explained[0]).toBeCloseTo(18 / 28, 5);
    expect(explained[1]).toBeCloseTo(8 / 28, 5);
    for (let c = 0; c < 2; c++) {
      const want = column(R, c);
      const got = Array.from(components.subarray(c * 3, c * 3 + 3));
      const dot = want.reduce((s, w, j) => s + w * got[j], 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 5);
      // The sign rule: the largest-magnitude entry is positive.
      const k = got.reduce((best, v, j) => (Math.abs(v) > Math.abs(got[best]) ? j : best), 0);
      expect(got[k]).toBeGreaterThan(0);
    }
  });

  it('gives the same signs when the data are negated (sign made deterministic)', () => {
    const x = axisPoints(3, 2, 1, R);
    const neg = x.map((v) => -v);
    const a = pca2(x, 6, 3).components;
    const b = pca2(neg, 6, 3).components;
    for (let j = 0; j < 6; j++) expect(b[j]).toBeCloseTo(a[j], 5);
  });

  it('handles degenerate input: constant rows, one dimension, wrong sizes', () => {
    const flat = pca2(new Float32Array(12).fill(2), 4, 3);
    expect(flat.explained).toEqual([0, 0]);
    expect(Array.from(flat.xy).every((v) => v === 0)).toBe(true);
    const one = pca2(Float32Array.of(1, 2, 3, 4), 4, 1);
    expect(one.explained[0]).toBeCloseTo(1, 6);
    expect(Math.abs(one.xy[0])).toBeCloseTo(1.5, 5);
    expect(one.xy[1]).toBe(0);
    expect(() => pca2(new Float32Array(5), 2, 3)).toThrow(/expected 2 × 3/);
  });
});
