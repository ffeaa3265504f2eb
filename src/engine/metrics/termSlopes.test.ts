import { describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { solve, termSlopes } from './termSlopes';

describe('solve', () => {
  it('solves a system that needs pivoting', () => {
    // [[0, 2], [3, 1]] x = [4, 5] → x = [1, 2]
    const x = solve(Float64Array.of(0, 2, 3, 1), Float64Array.of(4, 5), 2);
    expect(x[0]).toBeCloseTo(1, 12);
    expect(x[1]).toBeCloseTo(2, 12);
  });

  it('refuses a singular system', () => {
    expect(() => solve(Float64Array.of(1, 2, 2, 4), Float64Array.of(1, 2), 2)).toThrow(/singular/);
  });
});

describe('termSlopes', () => {
  const rng = makeRng('slopes');
  const n = 4000;
  const a = Float64Array.from({ length: n }, () => rng.next() - 0.5);
  // b correlates with a: the joint fit must still separate their slopes.
  const b = a.map((x) => 0.6 * x + 0.4 * (rng.next() - 0.5));
  const c = new Float64Array(n); // constant: no slope to fit

  it('recovers each term’s slope jointly, intercept aside', () => {
    const y = a.map((x, i) => 3 + 0.8 * x - 0.25 * b[i]);
    const s = termSlopes({ a, b, c }, y);
    expect(s.a).toBeCloseTo(0.8, 8);
    expect(s.b).toBeCloseTo(-0.25, 8);
    expect(Number.isNaN(s.c)).toBe(true);
  });

  it('gives about zero for a term the scores ignore', () => {
    const y = a.map((x) => 2 * x + 0.05 * (rng.next() - 0.5));
    const s = termSlopes({ a, b }, y);
    expect(s.a).toBeCloseTo(2, 1);
    expect(Math.abs(s.b)).toBeLessThan(0.02);
  });
});
