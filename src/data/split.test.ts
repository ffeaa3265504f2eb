import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo';
import { withSampledNegatives } from './negatives';
import { makeRng } from './random';
import { chronologicalOrder, chronologicalSplit, splitDataset } from './split';
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

describe('splitDataset', () => {
  const demo = generateDemo({ users: 200, items: 300 }).interactions;
  const sorted = (a: Int32Array) => Array.from(a).sort((x, y) => x - y);
  const perUser = (inter: Interactions, rows: Int32Array) => {
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(inter.user[r], (counts.get(inter.user[r]) ?? 0) + 1);
    return counts;
  };

  it('chronological 8:1:1 is exactly chronologicalSplit, with no time leakage', () => {
    const a = splitDataset(demo, { method: 'chronological' });
    const b = chronologicalSplit(demo);
    expect(Array.from(a.train)).toEqual(Array.from(b.train));
    expect(Array.from(a.valid)).toEqual(Array.from(b.valid));
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    const lastTrain = new Map<number, number>();
    for (const r of a.train)
      lastTrain.set(demo.user[r], Math.max(lastTrain.get(demo.user[r]) ?? -Infinity, demo.timestamp[r]));
    for (const r of [...a.valid, ...a.test])
      expect(demo.timestamp[r]).toBeGreaterThanOrEqual(lastTrain.get(demo.user[r])!);
  });

  it('chronological with other ratios takes floor shares per user', () => {
    const rows: [number, number, number][] = Array.from({ length: 20 }, (_, k) => [0, k, k]);
    const s = splitDataset(interactions(rows), { method: 'chronological', ratios: [7, 2, 1] });
    expect([s.train.length, s.valid.length, s.test.length]).toEqual([14, 4, 2]);
    expect(Array.from(s.test)).toEqual([18, 19]);
    expect(() => splitDataset(interactions(rows), { method: 'random', ratios: [1, -1, 1] })).toThrow(
      /ratios/,
    );
  });

  it("random is seeded, per user, and keeps each user's shares", () => {
    const a = splitDataset(demo, { method: 'random', seed: 3 });
    const b = splitDataset(demo, { method: 'random', seed: 3 });
    const c = splitDataset(demo, { method: 'random', seed: 4 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    const chrono = chronologicalSplit(demo);
    expect(perUser(demo, a.test)).toEqual(perUser(demo, chrono.test));
    expect(perUser(demo, a.valid)).toEqual(perUser(demo, chrono.valid));
    expect(sorted(a.test)).not.toEqual(sorted(chrono.test)); // not simply the latest rows
    expect(new Set([...a.train, ...a.valid, ...a.test]).size).toBe(demo.user.length);
  });

  it('leave-last-out takes exactly the last row as test and the one before as validation', () => {
    const s = splitDataset(demo, { method: 'leaveLastOut' });
    const users = new Set(demo.user).size;
    expect(s.test.length).toBe(users);
    expect(s.valid.length).toBe(users);
    for (const c of perUser(demo, s.test).values()) expect(c).toBe(1);
    for (const c of perUser(demo, s.valid).values()) expect(c).toBe(1);
    const chrono = chronologicalOrder(demo);
    const last = new Map<number, number>();
    for (const r of chrono) last.set(demo.user[r], r);
    expect(sorted(s.test)).toEqual(sorted(Int32Array.from(last.values())));
  });

  it('users with too few rows go to train only, or are dropped and counted', () => {
    // User 0: 5 rows, user 1: 2 rows.
    const inter = interactions([
      ...Array.from({ length: 5 }, (_, k): [number, number, number] => [0, k, k]),
      [1, 0, 1],
      [1, 1, 2],
    ]);
    const keep = splitDataset(inter, { method: 'leaveLastOut' });
    expect([keep.train.length, keep.valid.length, keep.test.length, keep.droppedUsers]).toEqual([5, 1, 1, 0]);
    const drop = splitDataset(inter, { method: 'leaveLastOut', fewInteractions: 'drop' });
    expect([drop.train.length, drop.droppedUsers, drop.droppedRows]).toEqual([3, 1, 2]);
    const min = splitDataset(inter, {
      method: 'chronological',
      ratios: [3, 1, 1],
      minInteractions: 5,
      fewInteractions: 'drop',
    });
    expect([min.train.length, min.valid.length, min.test.length, min.droppedUsers]).toEqual([3, 1, 1, 1]);
  });

  it('counts test items that training never saw', () => {
    // Items 7 and 8 appear only in the last (test) rows; item 8 for two users.
    const rows: [number, number, number][] = [];
    for (let k = 0; k < 9; k++) rows.push([0, k % 3, k]);
    rows.push([0, 7, 100]);
    for (let k = 0; k < 9; k++) rows.push([1, k % 3, k]);
    rows.push([1, 8, 100]);
    for (let k = 0; k < 9; k++) rows.push([2, k % 3, k]);
    rows.push([2, 8, 100]);
    const s = splitDataset(interactions(rows), { method: 'chronological' });
    expect(s.test.length).toBe(3);
    expect([s.coldTestItems, s.coldTestRows]).toEqual([2, 3]);
  });
});
