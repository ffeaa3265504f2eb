import { describe, expect, it } from 'vitest';
import { encodeCtr } from './features';
import { behaviourSequences } from './sequences';
import type { Dataset } from './types';

/** 2 users, 3 items; genres item 0: [2, 1], item 1: [], item 2: [3, 0, 1] (0 = unknown). */
function dataset(): Dataset {
  return {
    name: 't',
    source: { kind: 'demo', seed: 0, users: 2, items: 3 },
    numUsers: 2,
    numItems: 3,
    userKeys: ['a', 'b'],
    itemKeys: ['x', 'y', 'z'],
    itemTitles: ['x', 'y', 'z'],
    userFields: [{ name: 'gender', vocab: ['?', 'f', 'm'], tokens: Int32Array.from([1, 2]) }],
    itemFields: [{ name: 'year', vocab: ['?', '1990s', '2000s'], tokens: Int32Array.from([2, 0, 1]) }],
    itemMultiFields: [
      {
        name: 'genres',
        vocab: ['?', 'drama', 'comedy', 'horror'],
        offsets: Int32Array.from([0, 2, 2, 5]),
        tokens: Int32Array.from([2, 1, 3, 0, 1]),
      },
    ],
    modalities: [],
    interactions: {
      user: Int32Array.from([0, 0, 1, 0]),
      item: Int32Array.from([2, 0, 1, 1]),
      timestamp: Float64Array.from([3, 1, 1, 2]),
      label: Float32Array.from([1, 0, 1, 1]),
    },
  };
}

describe('encodeCtr', () => {
  const enc = encodeCtr(dataset());
  // Table rows: user_id 0..2, item_id 3..6, gender 7..9, year 10..12, genres 13..16.

  it('puts every field, multi-valued ones last, in one table', () => {
    expect(enc.fields.map((f) => f.name)).toEqual(['user_id', 'item_id', 'gender', 'year']);
    expect(Array.from(enc.offsets)).toEqual([0, 3, 7, 10]);
    expect(enc.multiFields).toEqual([{ name: 'genres', owner: 'item', vocabSize: 4, offset: 13, maxLen: 3 }]);
    expect(enc.totalVocab).toBe(17);
    expect(Array.from(enc.fieldIds.subarray(0, 4))).toEqual([1, 6, 8, 11]); // row 0: user 0, item 2
  });

  it('pads multi-valued fields per item with 0, offsets applied, unknown values dropped', () => {
    expect(enc.multiWidth).toBe(3);
    expect(Array.from(enc.itemMultiIds)).toEqual([15, 14, 0, 0, 0, 0, 16, 0, 14]);
  });

  it('truncates long value lists to maxMultiValues', () => {
    const short = encodeCtr(dataset(), { maxMultiValues: 2 });
    expect(short.multiWidth).toBe(2);
    expect(Array.from(short.itemMultiIds)).toEqual([15, 14, 0, 0, 16, 0]);
  });

  it("lists each item's categorical fields, item_id first", () => {
    expect(enc.numItems).toBe(3);
    expect(Array.from(enc.itemFields)).toEqual([1, 3]);
    expect(Array.from(enc.itemFieldIds)).toEqual([4, 12, 5, 10, 6, 11]);
  });

  it('encodes histories as item_id rows of the table, 0 = padding', () => {
    const T = 20;
    const tokens = behaviourSequences(dataset().interactions, { maxLength: T, positiveOnly: false });
    expect(enc.history?.options).toEqual({ maxLength: T, positiveOnly: false });
    expect(Array.from(enc.history!.ids)).toEqual(Array.from(tokens, (t) => (t === 0 ? 0 : 3 + t)));
    // Row 0 (user 0, time 3) follows item 0 (time 1) and item 1 (time 2).
    expect(Array.from(enc.history!.ids.subarray(T - 2, T))).toEqual([4, 5]);
  });

  it('skips histories when asked', () => {
    expect(encodeCtr(dataset(), { history: null }).history).toBeNull();
  });
});
