import { describe, expect, it } from 'vitest';
import { checkAttention, upperTriangle } from './explain';

describe('upperTriangle', () => {
  it('places pair weights (i < j, row-major) above the diagonal', () => {
    expect(Array.from(upperTriangle(Float32Array.from([1, 2, 3]), 3))).toEqual([0, 1, 2, 0, 0, 3, 0, 0, 0]);
  });
});

describe('checkAttention', () => {
  const rows = { data: Float32Array.from([0.5, 0.5, 0.2, 0.8]), shape: [1, 1, 2, 2], labels: ['a', 'b'] };

  it('accepts a well-formed payload', () => {
    expect(checkAttention(rows, { sumsToOne: 3 })).toEqual([]);
    expect(
      checkAttention({ data: Float32Array.from([0, 0.3, 0, 0.7]), shape: [2, 2] }, { sumsToOne: 'all' }),
    ).toEqual([]);
  });

  it('reports a shape that does not fit the data or the labels', () => {
    expect(checkAttention({ ...rows, shape: [1, 2, 2, 2] })).toEqual([
      expect.stringMatching(/holds 8 values/),
    ]);
    expect(checkAttention({ ...rows, labels: ['a'] })).toEqual([expect.stringMatching(/1 labels/)]);
  });

  it('reports rows that do not sum to 1, along the axis asked for', () => {
    expect(checkAttention(rows, { sumsToOne: 2 })).toEqual([
      expect.stringMatching(/axis 2 sums to 0\.(7|69)/),
    ]);
    // [B, T, H] with an empty row: fails unless empty rows are allowed.
    const beh = { data: Float32Array.from([0.4, 1, 0.6, 0, 0, 0, 0, 0]), shape: [2, 2, 2] };
    expect(checkAttention(beh, { sumsToOne: 1 })).toHaveLength(1);
    expect(checkAttention(beh, { sumsToOne: 1, allowEmpty: true })).toEqual([]);
  });

  it('reports non-finite weights', () => {
    expect(checkAttention({ data: Float32Array.from([NaN, 1]), shape: [2] })).toEqual(['non-finite weights']);
  });
});
