import { describe, expect, it } from 'vitest';
import { axisTitle, paddedExtent, valueColours } from './mapData';

describe('embedding map data', () => {
  it('colours the most frequent values and folds the rest into "others"', () => {
    const values = ['a', 'b', 'a', 'c', '', 'b', 'a', 'd'];
    const { tokens, legend } = valueColours(values, 2);
    expect(Array.from(tokens)).toEqual([0, 1, 0, -1, -1, 1, 0, -1]);
    expect(legend).toEqual([
      { token: 0, label: 'a', count: 3 },
      { token: 1, label: 'b', count: 2 },
      { token: -1, label: '2 others', count: 2 },
      { token: -1, label: '(none)', count: 1 },
    ]);
    expect(valueColours(['x', 'y']).legend.map((e) => e.label)).toEqual(['x', 'y']);
  });

  it('pads extents and labels axes with their variance share', () => {
    const xy = Float32Array.of(0, 5, 10, 5, 4, 5);
    const [lo, hi] = paddedExtent(xy, 0, 0.1);
    expect(lo).toBeCloseTo(-1);
    expect(hi).toBeCloseTo(11);
    expect(paddedExtent(xy, 1)).toEqual([4, 6]);
    expect(paddedExtent(new Float32Array(0), 0)).toEqual([-1, 1]);
    expect(axisTitle(1, 0.4213)).toBe('PC1 (42.1 % variance)');
  });
});

describe('colours from the dataset tokens', () => {
  it('keeps the data’s tokens (same colours as the other views) when they are few', () => {
    const values = ['news', 'dance', 'news', ''];
    const tokens = Int32Array.of(3, 1, 3, -1);
    const c = valueColours(values, 12, tokens);
    expect(Array.from(c.tokens)).toEqual([3, 1, 3, -1]);
    expect(c.legend).toEqual([
      { token: 3, label: 'news', count: 2 },
      { token: 1, label: 'dance', count: 1 },
      { token: -1, label: '(none)', count: 1 },
    ]);
    // Too many distinct values for distinct colours: ranked by frequency with "others".
    expect(Array.from(valueColours(values, 1, tokens).tokens)).toEqual([0, -1, 0, -1]);
  });
});
