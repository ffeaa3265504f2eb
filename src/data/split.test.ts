import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo';
import { withSampledNegatives } from './negatives';
import { makeRng } from './random';
import { chronologicalSplit } from './split';
import type { Interactions } from './types';

function interactions(rows: [user: number, item: number, ts: number][]): Interactions {
  return {
    user: Int32Array.from(rows.map((r) => r[0])),
    item: Int32Array.from(rows.map((r) => r[1])),
    timestamp: Float64Array.from(rows.map((r) => r[2])),
    label: new Float32Array(rows.length).fill(1),
  };
}

describe('chronologicalSplit', () => {
  it('takes floor(n/10) last rows per user for test and the floor(n/10) before for validation', () => {
    // User 0: 12 rows given out of order (ts 100..111); user 1: 9 rows (floor(0.9) = 0 → all train).
    const rows: [number, number, number][] = [];
    for (let k = 11; k >= 0; k--) rows.push([0, k, 100 + k]);
    for (let k = 0; k < 9; k++) rows.push([1, k, 50 + k]);
    const inter = interactions(rows);
    const split = chronologicalSplit(inter);
    const ts = (idx: Int32Array) => Array.from(idx, (r) => inter.timestamp[r]);
    expect(ts(split.test)).toEqual([111]);
    expect(ts(split.valid)).toEqual([110]);
    expect(split.train.length).toBe(10 + 9);
    expect(split.train.length + split.valid.length + split.test.length).toBe(rows.length);
  });

  it('breaks timestamp ties by item id', () => {
    const inter = interactions([
      [0, 9, 5],
      [0, 3, 5],
      ...Array.from({ length: 8 }, (_, k): [number, number, number] => [0, 20 + k, 1]),
    ]);
    const split = chronologicalSplit(inter);
    expect(Array.from(split.test, (r) => inter.item[r])).toEqual([9]);
    expect(Array.from(split.valid, (r) => inter.item[r])).toEqual([3]);
  });

  it('never puts a validation or test row before a training row of the same user (demo data)', () => {
    const ds = generateDemo({ users: 300, items: 500 });
    const { user, timestamp } = ds.interactions;
    const split = chronologicalSplit(ds.interactions);
    const lastTrain = new Float64Array(ds.numUsers).fill(-Infinity);
    for (const r of split.train) lastTrain[user[r]] = Math.max(lastTrain[user[r]], timestamp[r]);
    const firstValid = new Float64Array(ds.numUsers).fill(Infinity);
    for (const r of split.valid) firstValid[user[r]] = Math.min(firstValid[user[r]], timestamp[r]);
    let checked = 0;
    for (const r of split.valid) {
      expect(timestamp[r]).toBeGreaterThanOrEqual(lastTrain[user[r]]);
      checked++;
    }
    for (const r of split.test) {
      expect(timestamp[r]).toBeGreaterThanOrEqual(lastTrain[user[r]]);
      expect(timestamp[r]).toBeGreaterThanOrEqual(
        firstValid[user[r]] === Infinity ? -Infinity : firstValid[user[r]],
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    const all = new Set([...split.train, ...split.valid, ...split.test]);
    expect(all.size).toBe(user.length);
  });
});

describe('withSampledNegatives', () => {
  it('adds `ratio` unseen items per positive, seeded', () => {
    const inter = interactions([
      [0, 0, 1],
      [0, 1, 2],
      [1, 2, 3],
    ]);
    const a = withSampledNegatives(inter, 6, 2, makeRng(7));
    const b = withSampledNegatives(inter, 6, 2, makeRng(7));
    expect(Array.from(a.item)).toEqual(Array.from(b.item));
    expect(a.user.length).toBe(9);
    expect(Array.from(a.label)).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0]);
    for (let r = 0; r < a.user.length; r++) {
      if (a.label[r] === 1) continue;
      const seen = a.user[r] === 0 ? [0, 1] : [2];
      expect(seen).not.toContain(a.item[r]);
    }
    // Negatives keep their positive's timestamp, so a chronological split keeps the group together.
    expect(Array.from(a.timestamp)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
    const c = withSampledNegatives(inter, 6, 2, makeRng(8));
    expect(Array.from(c.item)).not.toEqual(Array.from(a.item));
  });

  it('refuses a user who has seen every item', () => {
    const inter = interactions([
      [0, 0, 1],
      [0, 1, 2],
    ]);
    expect(() => withSampledNegatives(inter, 2, 1, makeRng(1))).toThrow(/every item/);
  });
});
