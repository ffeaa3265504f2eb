import { describe, expect, it } from 'vitest';
import { REASON_MARGIN } from '../../contract/explain';
import { behaviourReasons, fieldReasons, pairReasons } from './reasons';

const name = (f: number) => `f${f}`;

describe('attention reasons against equal weighting', () => {
  it('gives no pair of a uniform pair attention, and the planted pair of a peaked one', () => {
    const M = 5;
    const P = (M * (M - 1)) / 2;
    const uniform = new Float32Array(M * M).fill(1 / P);
    expect(pairReasons(uniform, M, name)).toEqual([]);
    // 1.2× uniform still is not a reason; 3× is, with its ratio.
    const near = uniform.map((w, k) => (k === 0 * M + 1 ? 1.2 * w : w));
    expect(pairReasons(near, M, name)).toEqual([]);
    const peaked = uniform.map((w, k) => (k === 2 * M + 4 ? 3 * w : w));
    const reasons = pairReasons(peaked, M, name);
    expect(reasons.map((r) => r.label)).toEqual(['f2 × f4']);
    expect(reasons[0].ratio).toBeCloseTo(3, 5);
    expect(reasons[0].weight).toBeCloseTo(3 / P, 6);
  });

  it('ranks fields by attention received over every row, against 1/M', () => {
    // Two rows over M = 4 fields: field 3 receives 0.55 on average (2.2× uniform), field 0 0.3 (1.2×).
    const field = Float32Array.of(0.3, 0.1, 0.1, 0.5, 0.3, 0.05, 0.05, 0.6);
    const reasons = fieldReasons(field, [2, 4], name);
    expect(reasons.map((r) => r.label)).toEqual(['f3']);
    expect(reasons[0].ratio).toBeCloseTo(2.2, 5);
    // A looser margin lets field 0 in, ranked after field 3.
    expect(fieldReasons(field, [2, 4], name, 1.1).map((r) => r.label)).toEqual(['f3', 'f0']);
  });

  it('compares behaviours with their mean weight size, skips padding, and never gives a negative weight', () => {
    // B = 2 candidates, T = 4 positions (the first padded), H = 2 heads.
    const items = Int32Array.of(-1, 10, 11, 12, -1, 10, 11, 12);
    const data = Float32Array.of(
      ...[9, 9, 0.5, 0.5, 0.5, 0.5, 2, 2], // padding, then 0.5, 0.5, 2: mean 1, item 12 at 2×
      ...[0, 0, -1, -1, 0.9, 0.9, -0.1, -0.1], // sizes 1, 0.9, 0.1: base 2/3, item 11 at 1.35×
    );
    const title = (i: number) => `item ${i}`;
    const [first, second] = behaviourReasons({ data, shape: [2, 4, 2], items }, title);
    expect(first).toEqual([{ label: 'item 12', weight: 2, ratio: 2 }]);
    expect(second.map((r) => r.label)).toEqual(['item 11']);
    expect(second[0].ratio).toBeCloseTo(1.35, 5);
    // Equal weights: nothing stands out.
    const flat = Float32Array.from({ length: 8 }, () => 0.25);
    expect(behaviourReasons({ data: flat, shape: [1, 4, 2], items: items.subarray(0, 4) }, title)).toEqual([
      [],
    ]);
    expect(REASON_MARGIN).toBeGreaterThan(1);
  });
});
