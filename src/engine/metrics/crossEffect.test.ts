import { describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { crossRecovery, interactionTable } from './crossEffect';

/** Rows over a 3 × 4 grid with scores = row effect + column effect + `cross` × planted[a][b] (+ noise). */
function rows(cross: number, noise: number, seed = 'x') {
  const planted = [
    [1, -1, 0.5, -0.5],
    [-1, 1, -0.5, 0.5],
    [0, 0, 0, 0],
  ];
  const rng = makeRng(seed);
  const n = 6000;
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Unbalanced cells: row 0 three times as common as row 2.
    a[i] = rng.next() < 0.5 ? 0 : rng.next() < 0.67 ? 1 : 2;
    b[i] = rng.int(4);
    s[i] = 2 * a[i] - b[i] + cross * planted[a[i]][b[i]] + noise * (rng.next() - 0.5);
  }
  return { a, b, s };
}

describe('interactionTable', () => {
  it('is zero for purely additive scores and non-zero for a cross', () => {
    const add = rows(0, 0);
    const t = interactionTable(add.s, add.a, add.b, 3, 4);
    for (const e of t.effect) expect(Math.abs(e)).toBeLessThan(0.05);
    const crossed = rows(1, 0);
    const u = interactionTable(crossed.s, crossed.a, crossed.b, 3, 4);
    expect(u.effect[0]).toBeGreaterThan(0.5);
    expect(u.effect[1]).toBeLessThan(-0.5);
    expect(u.count.reduce((x, y) => x + y, 0)).toBe(6000);
  });

  it('marks empty cells NaN', () => {
    const t = interactionTable([1, 2], [0, 1], [0, 1], 2, 2);
    expect(Number.isNaN(t.effect[1])).toBe(true);
    expect(Number.isNaN(t.effect[2])).toBe(true);
  });
});

describe('crossRecovery', () => {
  const truth = rows(1, 0);
  const truthTable = interactionTable(truth.s, truth.a, truth.b, 3, 4);

  it('gives slope 1 and correlation 1 for the truth itself and slope ½ for half of it', () => {
    const same = crossRecovery(truthTable, truthTable);
    expect(same.correlation).toBeCloseTo(1, 6);
    expect(same.slope).toBeCloseTo(1, 6);
    expect(same.trueSpread).toBeGreaterThan(0.3);
    // A model with half the cross and different main effects, scored on the same rows.
    const half = truth.s.map((_, i) => 5 - truth.a[i] + 0.5 * (truth.s[i] - 2 * truth.a[i] + truth.b[i]));
    const r = crossRecovery(interactionTable(half, truth.a, truth.b, 3, 4), truthTable);
    expect(r.correlation).toBeCloseTo(1, 6);
    expect(r.slope).toBeCloseTo(0.5, 6);
  });

  it('gives slope near 0 for a model without the cross', () => {
    const additive = truth.s.map((_, i) => 2 * truth.a[i] - truth.b[i]);
    const noisy = additive.map((x, i) => x + 0.01 * Math.sin(i));
    const r = crossRecovery(interactionTable(noisy, truth.a, truth.b, 3, 4), truthTable);
    expect(Math.abs(r.slope)).toBeLessThan(0.02);
  });
});
