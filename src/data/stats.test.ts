import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo';
import { countDistribution, countPerId } from './stats';
import { summarize } from './types';

describe('interaction-count distributions', () => {
  it('counts per id and bins counts by powers of two, zeros apart', () => {
    const counts = countPerId(Int32Array.from([0, 0, 0, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3]), 5);
    expect(Array.from(counts)).toEqual([3, 0, 1, 9, 0]);
    const d = countDistribution(counts);
    expect(d).toEqual({
      min: 0,
      median: 1,
      max: 9,
      mean: 13 / 5,
      zeros: 2,
      binStarts: [1, 2, 4, 8],
      binCounts: [1, 1, 0, 1], // 1 → [1,2); 3 → [2,4); 9 → [8,16)
    });
    expect(countDistribution(Int32Array.from([4, 1])).median).toBe(2.5);
    expect(countDistribution(new Int32Array(0))).toMatchObject({ max: 0, binStarts: [] });
  });
});

describe('summarize', () => {
  it('adds activity and popularity distributions, cold items and label balance', () => {
    const ds = generateDemo({ users: 100, items: 200 });
    const s = summarize(ds);
    const n = ds.interactions.user.length;
    expect(s.userActivity.binCounts.reduce((a, b) => a + b, 0) + s.userActivity.zeros).toBe(ds.numUsers);
    expect(s.itemPopularity.binCounts.reduce((a, b) => a + b, 0) + s.itemPopularity.zeros).toBe(ds.numItems);
    expect(s.userActivity.mean * ds.numUsers).toBeCloseTo(n, 6);
    expect(s.coldItems).toBe(s.itemPopularity.zeros);
    expect(s.labelBalance.positives + s.labelBalance.negatives).toBe(n);
    expect(s.labelBalance.positives / n).toBeCloseTo(s.positiveRate, 10);
    expect(s.itemPopularity.max).toBeGreaterThan(s.itemPopularity.median); // a long tail
  });
});
