import { describe, expect, it } from 'vitest';
import {
  behaviourHeadSentence,
  behaviourHeads,
  equalLine,
  sortTimeline,
  timelineRows,
  weightDomain,
  type BehaviourInput,
} from './timelineData';

/** T = 5 positions (the first two padding), H = 2 heads. */
function payload(): BehaviourInput {
  const T = 5;
  return {
    data: Float32Array.from([0, 0, 0, 0, 0.2, 0.1, 0.5, -0.3, 0.3, 0.6]),
    shape: [T, 2],
    items: Int32Array.from([-1, -1, 7, 3, 9]),
    titles: ['', '', 'seven', 'three', 'nine'],
    categories: ['', '', 'dance', 'news', 'dance'],
    categoryTokens: Int32Array.from([-1, -1, 1, 6, 1]),
    times: Float64Array.from([NaN, NaN, 100, 200, 300]),
    liked: Int8Array.from([-1, -1, 1, 0, 1]),
  };
}

describe('timeline bars from [T, H] weights', () => {
  it('drops padding and keeps one weight per head, oldest first, with recency', () => {
    const rows = timelineRows(payload());
    expect(rows.map((r) => r.item)).toEqual([7, 3, 9]);
    expect(rows.map((r) => r.recency)).toEqual([3, 2, 1]);
    expect(rows.map((r) => r.position)).toEqual([2, 3, 4]);
    expect(rows[1]).toMatchObject({
      title: 'three',
      category: 'news',
      categoryToken: 6,
      time: 200,
      liked: 0,
    });
    expect(rows[1].weights.map((w) => Number(w.toFixed(6)))).toEqual([0.5, -0.3]);
  });

  it('has no rows when every position is padding', () => {
    const p = payload();
    expect(timelineRows({ ...p, items: Int32Array.from([-1, -1, -1, -1, -1]) })).toEqual([]);
  });

  it('rejects weights that do not fit [T, H]', () => {
    expect(() => timelineRows({ ...payload(), shape: [5, 3] })).toThrow(/\[T, H\]/);
  });

  it('sorts by time (most recent first) or by a head’s weight or the mean, ties by recency', () => {
    const rows = timelineRows(payload());
    expect(sortTimeline(rows, { by: 'time' }).map((r) => r.item)).toEqual([9, 3, 7]);
    expect(sortTimeline(rows, { by: 'weight', head: 0 }).map((r) => r.item)).toEqual([3, 9, 7]);
    expect(sortTimeline(rows, { by: 'weight', head: 1 }).map((r) => r.item)).toEqual([9, 7, 3]);
    expect(sortTimeline(rows, { by: 'weight', head: 'mean' }).map((r) => r.item)).toEqual([9, 7, 3]);
    expect(rows.map((r) => r.item)).toEqual([7, 3, 9]); // the input is not reordered
  });

  it('puts 0 inside the weight axis so bars grow from it', () => {
    const rows = timelineRows(payload());
    const [lo, hi] = weightDomain(rows);
    expect(lo).toBeCloseTo(-0.3, 6);
    expect(hi).toBeCloseTo(0.6, 6);
    expect(weightDomain([])).toEqual([0, 1]);
  });
});

describe('behaviour heads against equal weighting', () => {
  /** n behaviours, oldest first, with the given per-head weights. */
  const rowsOf = (weights: number[][]) =>
    weights.map((w, k) => ({
      position: k,
      recency: weights.length - k,
      item: k,
      title: `item ${k}`,
      category: '',
      categoryToken: -1,
      time: NaN,
      liked: -1,
      weights: w,
    }));

  it('calls equal weights pooling, with no contrast, and a singled-out behaviour by its ratio', () => {
    // Head 1 equal (0.1 each, 1.1× at most), head 2 puts 4× the mean on the most recent of 8.
    const n = 8;
    const rows = rowsOf(
      Array.from({ length: n }, (_, k) => [k === 0 ? 0.11 : 0.1, k === n - 1 ? 0.4 : 0.6 / 7]),
    );
    const [flat, peaked] = behaviourHeads(rows, 2, 1.25);
    expect(flat.nearEqual).toBe(true);
    expect(flat.standOut).toBe(0);
    expect(behaviourHeadSentence(flat, 1.25)).toMatch(
      /^Head 1 weighs the 8 past items about equally \(each within 25 % of the mean, 0\.101\): .* pools the history/,
    );
    expect(peaked.nearEqual).toBe(false);
    expect(peaked.base).toBeCloseTo(0.125, 6);
    expect(peaked.maxRatio).toBeCloseTo(3.2, 6);
    expect(peaked.top?.recency).toBe(1);
    expect(peaked.standOut).toBe(1);
    // The 5 most recent hold 0.4 + 4 × 0.6/7 of 1.
    expect(peaked.recentShare).toBeCloseTo(0.4 + (4 * 0.6) / 7, 6);
    expect(behaviourHeadSentence(peaked, 1.25)).toBe(
      'Head 2: 1 of 8 past items weighs 1.25× the mean (0.125) or more; the heaviest, “item 7” (−1), is ' +
        '3.2× the mean. The 5 most recent carry 74 % of its weight (equal weighting: 63 %).',
    );
  });

  it('reads weights of both signs against their mean size, and says which count against the candidate', () => {
    // |w| = 0.2, 0.1, 0.5, 0.4: base 0.3; the heaviest positive weight, 0.4, is 1.33× it.
    const [mixed] = behaviourHeads(rowsOf([[-0.2], [0.1], [-0.5], [0.4]]), 1, 1.25);
    expect(mixed.base).toBeCloseTo(0.3, 6);
    expect(mixed.maxRatio).toBeCloseTo(0.4 / 0.3, 6);
    expect(mixed.negative).toBe(2);
    expect(mixed.nearEqual).toBe(false);
    expect(behaviourHeadSentence(mixed, 1.25)).toBe(
      'Head 1: 1 of 4 past items weighs 1.25× the mean magnitude (0.300) or more; the heaviest, “item 3” ' +
        '(−1), is 1.3× the mean magnitude. 2 of 4 weights are negative: those past items count against the ' +
        'candidate.',
    );
    // Equal sizes but opposite signs is not pooling.
    const [signs] = behaviourHeads(rowsOf([[-0.3], [0.3]]), 1, 1.25);
    expect(signs.nearEqual).toBe(false);
    const [none] = behaviourHeads(rowsOf([[-0.3], [-0.2]]), 1, 1.25);
    expect(behaviourHeadSentence(none, 1.25)).toBe(
      'Head 1: all 2 weights are negative (mean magnitude 0.250): it counts the history against the candidate.',
    );
    expect(equalLine(none)).toBeCloseTo(-0.25, 6);
    expect(equalLine(mixed)).toBeCloseTo(0.3, 6);
    const [one] = behaviourHeads(rowsOf([[0.7]]), 1, 1.25);
    expect(behaviourHeadSentence(one, 1.25)).toBe('Head 1: only one past item, nothing to choose between.');
    const [zero] = behaviourHeads(rowsOf([[0], [0]]), 1, 1.25);
    expect(behaviourHeadSentence(zero, 1.25)).toBe('Head 1: every weight is 0; it attends to nothing.');
  });
});
