import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { chronologicalSplit } from '../../data/split';
import { itemPopularity, topkDataFromSplit } from './topkData';

describe('topkDataFromSplit', () => {
  const demo = generateDemo({ users: 120, items: 150 });
  const split = chronologicalSplit(demo.interactions);
  const { user, item, label } = demo.interactions;
  /** Distinct (user, item) pairs of `rows`, optionally positives only. */
  const pairs = (rows: Int32Array, positive: boolean) =>
    new Set(
      Array.from(rows)
        .filter((r) => !positive || label[r] > 0)
        .map((r) => `${user[r]}/${item[r]}`),
    );
  /** The (user, item) pairs a CSR list holds. */
  const listed = (u: { indptr: Int32Array; indices: Int32Array }) => {
    const out = new Set<string>();
    for (let a = 0; a + 1 < u.indptr.length; a++)
      for (let p = u.indptr[a]; p < u.indptr[a + 1]; p++) out.add(`${a}/${u.indices[p]}`);
    return out;
  };

  it('keeps only liked rows as interactions in every part when positiveOnly is set (the app)', () => {
    const { topk, split: s } = topkDataFromSplit(demo, split, { positiveOnly: true });
    expect(listed(s.train)).toEqual(pairs(split.train, true));
    expect(listed(s.valid)).toEqual(pairs(split.valid, true));
    expect(listed(s.test)).toEqual(pairs(split.test, true));
    expect(topk.train).toBe(s.train);
    expect(topk.modalities.map((m) => m.name)).toEqual(['visual', 'acoustic', 'text']);
    const pop = itemPopularity(topk);
    expect(pop.reduce((a, b) => a + b, 0)).toBe(s.train.indices.length);
  });

  it('keeps every row without the filter (P2) and picks modalities by name', () => {
    const { topk, split: s } = topkDataFromSplit(demo, split, { positiveOnly: false, modalities: ['text'] });
    expect(listed(s.train)).toEqual(pairs(split.train, false));
    expect(listed(s.train).size).toBeGreaterThan(pairs(split.train, true).size);
    expect(topk.modalities.map((m) => m.name)).toEqual(['text']);
  });

  it('gives each user its training and validation items in chronological order (sequence models)', () => {
    const { split: s } = topkDataFromSplit(demo, split, { positiveOnly: true });
    const { train, valid } = s.sequences!;
    const { timestamp } = demo.interactions;
    const when = new Map<string, number>();
    for (const r of [...split.train, ...split.valid]) when.set(`${user[r]}/${item[r]}`, timestamp[r]);
    for (const [seq, rows] of [
      [train, split.train],
      [valid, split.valid],
    ] as const) {
      expect(seq.items.length).toBe(Array.from(rows).filter((r) => label[r] > 0).length);
      for (let u = 0; u + 1 < seq.indptr.length; u++) {
        const ts = Array.from(seq.items.subarray(seq.indptr[u], seq.indptr[u + 1]), (i) =>
          when.get(`${u}/${i}`)!,
        );
        expect(ts).toEqual([...ts].sort((a, b) => a - b));
      }
    }
    // The last training item of a user is no later than its first validation item.
    for (let u = 0; u + 1 < train.indptr.length; u++) {
      if (train.indptr[u + 1] === train.indptr[u] || valid.indptr[u + 1] === valid.indptr[u]) continue;
      const lastTrain = when.get(`${u}/${train.items[train.indptr[u + 1] - 1]}`)!;
      expect(lastTrain).toBeLessThanOrEqual(when.get(`${u}/${valid.items[valid.indptr[u]]}`)!);
    }
  });
});
