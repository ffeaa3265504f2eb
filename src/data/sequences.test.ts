import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { behaviourSequences } from './sequences';
import type { Interactions } from './types';

function interactions(
  rows: readonly [user: number, item: number, time: number, label: number][],
): Interactions {
  return {
    user: Int32Array.from(rows, (r) => r[0]),
    item: Int32Array.from(rows, (r) => r[1]),
    timestamp: Float64Array.from(rows, (r) => r[2]),
    label: Float32Array.from(rows, (r) => r[3]),
  };
}

/** Row r's sequence as a plain array. */
const seq = (out: Int32Array, T: number, r: number) => Array.from(out.subarray(r * T, r * T + T));

describe('behaviourSequences', () => {
  // User 0 in (time, item) order: (5, 2) (5, 7) (10, 3) (20, 1); user 1 interleaved in the row order.
  const inter = interactions([
    [0, 3, 10, 1],
    [1, 4, 1, 1],
    [0, 7, 5, 0],
    [0, 2, 5, 1],
    [0, 1, 20, 0],
    [1, 5, 2, 0],
  ]);

  it('lists earlier items oldest first, left-padded, ties by item id, item index + 1', () => {
    const out = behaviourSequences(inter, { maxLength: 3, positiveOnly: false });
    expect(seq(out, 3, 3)).toEqual([0, 0, 0]); // (5, item 2) is the user's first row
    expect(seq(out, 3, 2)).toEqual([0, 0, 3]); // (5, item 7) comes after (5, item 2)
    expect(seq(out, 3, 0)).toEqual([0, 3, 8]);
    expect(seq(out, 3, 4)).toEqual([3, 8, 4]);
    expect(seq(out, 3, 1)).toEqual([0, 0, 0]);
    expect(seq(out, 3, 5)).toEqual([0, 0, 5]);
  });

  it('keeps only the last T behaviours', () => {
    const out = behaviourSequences(inter, { maxLength: 2, positiveOnly: false });
    expect(seq(out, 2, 4)).toEqual([8, 4]);
  });

  it('with positiveOnly, counts only liked rows as behaviours', () => {
    const out = behaviourSequences(inter, { maxLength: 3, positiveOnly: true });
    expect(seq(out, 3, 2)).toEqual([0, 0, 3]);
    expect(seq(out, 3, 0)).toEqual([0, 0, 3]); // (5, item 7) was not liked
    expect(seq(out, 3, 4)).toEqual([0, 3, 4]);
    expect(seq(out, 3, 5)).toEqual([0, 0, 5]);
  });

  it('never leaks the row itself or anything later (property, unique user–item pairs)', () => {
    const rowsArb = fc
      .uniqueArray(
        fc.record({ user: fc.integer({ min: 0, max: 3 }), item: fc.integer({ min: 0, max: 9 }) }),
        { selector: (r) => `${r.user}/${r.item}`, maxLength: 30 },
      )
      .chain((pairs) =>
        fc.tuple(
          fc.constant(pairs),
          fc.array(fc.integer({ min: 0, max: 4 }), { minLength: pairs.length, maxLength: pairs.length }),
          fc.array(fc.boolean(), { minLength: pairs.length, maxLength: pairs.length }),
          fc.integer({ min: 1, max: 6 }),
          fc.boolean(),
        ),
      );
    fc.assert(
      fc.property(rowsArb, ([pairs, times, likes, T, positiveOnly]) => {
        const inter = interactions(pairs.map((p, r) => [p.user, p.item, times[r], likes[r] ? 1 : 0]));
        const out = behaviourSequences(inter, { maxLength: T, positiveOnly });
        const before = (a: number, b: number) =>
          times[a] < times[b] || (times[a] === times[b] && pairs[a].item < pairs[b].item);
        pairs.forEach((p, r) => {
          // Reference: the user's earlier (liked) rows in (time, item) order, last T, left-padded.
          const earlier = pairs
            .map((_, k) => k)
            .filter((k) => pairs[k].user === p.user && before(k, r) && (!positiveOnly || likes[k]))
            .sort((a, b) => times[a] - times[b] || pairs[a].item - pairs[b].item)
            .slice(-T)
            .map((k) => pairs[k].item + 1);
          const expected = [...Array<number>(T - earlier.length).fill(0), ...earlier];
          expect(seq(out, T, r)).toEqual(expected);
          expect(seq(out, T, r)).not.toContain(p.item + 1);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('rejects a non-positive length', () => {
    expect(() => behaviourSequences(inter, { maxLength: 0, positiveOnly: false })).toThrow(/maxLength/);
  });
});
