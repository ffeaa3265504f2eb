import { describe, expect, it } from 'vitest';
import { ratioMatrix, ratioRange } from '../../viz/SequenceAttention';
import { lastRowMean, whyFromRow } from './sequenceWhy';

// [L = 2, H = 2, n = 3, n = 3]: causal rows summing to 1.
const rows = (a: number[][]) => a.flat();
const head = (last: number[]) => rows([[1, 0, 0], [0.5, 0.5, 0], last]);
const data = Float32Array.from([
  ...head([0.2, 0.3, 0.5]),
  ...head([0.4, 0.4, 0.2]),
  ...head([0.6, 0.2, 0.2]), // block 2, head 1
  ...head([0.8, 0.1, 0.1]), // block 2, head 2
]);
const shape = [2, 2, 3, 3];

describe('the sequence view’s why', () => {
  it('reads the last block’s last row, averaged over heads', () => {
    const row = lastRowMean(data, shape);
    [0.7, 0.15, 0.15].forEach((w, i) => expect(row[i]).toBeCloseTo(w, 6));
  });

  it('lists only items at REASON_MARGIN × uniform or more, strongest first, with their ratio', () => {
    const why = whyFromRow(Float32Array.from([0.05, 0.5, 0.45])); // 0.15×, 1.5×, 1.35× uniform
    expect(why.map((w) => w.position)).toEqual([1, 2]);
    expect(why[0].ratio).toBeCloseTo(1.5, 6); // 0.5 × 3
    expect(whyFromRow(Float32Array.from([0.34, 0.33, 0.33]))).toEqual([]);
  });

  it('colours a causal row against 1/(t + 1): uniform rows are 0, the upper triangle is not drawn', () => {
    const m = ratioMatrix(data, shape, 0, 0);
    expect(m.data[0]).toBeCloseTo(0, 6); // row 0: weight 1 over 1 item = uniform
    expect(m.data[3]).toBeCloseTo(0, 6); // row 1: 0.5 over 2 items
    expect(m.data[3 * 2 + 2]).toBeCloseTo(Math.log2(1.5), 5); // row 2: 0.5 × 3
    expect(m.data[1]).toBe(0); // upper triangle
    expect(ratioRange(m)).toBe(1); // at least ½× … 2×
  });
});
