import { describe, expect, it } from 'vitest';
import { sortTimeline, timelineRows, weightDomain, type BehaviourInput } from './timelineData';

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
