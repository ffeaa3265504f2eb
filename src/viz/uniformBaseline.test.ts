import { describe, expect, it } from 'vitest';
import {
  effectiveCount,
  formatRatioTick,
  headSentence,
  MIN_LOG2_RANGE,
  ratioText,
  summarizeHead,
  uniformScale,
} from './uniformBaseline';

const label = (r: number, c: number) => `f${r} → f${c}`;

describe('uniformScale', () => {
  it('draws uniform weights in the neutral middle colour, with the legend’s floor of ½×–2×', () => {
    const uniform = new Float32Array(25).fill(0.2);
    const scale = uniformScale(uniform, 5);
    expect(scale.domain).toEqual([-MIN_LOG2_RANGE, MIN_LOG2_RANGE]);
    const middle = scale.palette[scale.palette.length / 2];
    expect(new Set(Array.from(uniform, scale))).toEqual(new Set([middle]));
  });

  it('keeps near-uniform weights pale: 0.0995–0.1007 over 10 pairs stay within a step of the middle', () => {
    const near = Float32Array.from({ length: 10 }, (_, i) => 0.0995 + (0.0012 * i) / 9);
    const scale = uniformScale(near, 10);
    const mid = scale.palette.length / 2;
    const steps = new Set(Array.from(near, (w) => scale.palette.indexOf(scale(w))));
    for (const s of steps) expect(Math.abs(s - mid)).toBeLessThanOrEqual(1);
    // A min–max scale would have spread them over the whole palette.
    expect(steps.size).toBeLessThanOrEqual(2);
  });

  it('spans the strongest ratio when it passes 2×, at most log₂ n, and clamps weights below it', () => {
    const scale = uniformScale([0.8, 0.1, 0.1, 0], 4); // 3.2× uniform
    expect(scale.domain[1]).toBeCloseTo(Math.log2(3.2), 6);
    expect(scale(0.8)).toBe(scale.palette[scale.palette.length - 1]);
    expect(scale(0)).toBe(scale.palette[0]);
    expect(uniformScale([1, 0, 0], 3).domain[1]).toBeCloseTo(Math.log2(3), 6);
  });

  it('labels ticks as ratios and weights in words', () => {
    expect([-1, 0, 1, Math.log2(3)].map(formatRatioTick)).toEqual(['½×', '1×', '2×', '3×']);
    expect(ratioText(0.75, 3)).toBe('2.3× uniform');
    expect(ratioText(0.05, 10)).toBe('0.50× uniform');
  });
});

describe('effectiveCount and the head sentence', () => {
  it('is n for a uniform row and 1 for a one-hot row', () => {
    expect(effectiveCount([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 9);
    expect(effectiveCount([0, 1, 0])).toBeCloseTo(1, 9);
    expect(effectiveCount([0, 0])).toBe(0);
  });

  it('says a uniform head carries little information', () => {
    const s = summarizeHead(new Float32Array(25).fill(0.2), 5, 5);
    expect(s.nearUniform).toBe(true);
    expect(headSentence(s, 'field', label)).toBe(
      'This head attends about equally to all 5 fields (every weight within 25 % of uniform, 1/5): it carries little information.',
    );
  });

  it('names how many fields a concentrated head attends to and its strongest weight', () => {
    const head = [0.7, 0.1, 0.1, 0.1, 0.25, 0.25, 0.25, 0.25];
    const s = summarizeHead(head, 2, 4);
    expect(s.nearUniform).toBe(false);
    expect(s.maxAt).toEqual({ row: 0, col: 0 });
    expect(headSentence(s, 'field', label)).toBe(
      'On average a row spreads its attention over about 3.3 of 4 fields; the strongest weight, f0 → f0, is 2.8× uniform.',
    );
  });

  it('counts a head with one weight past 25 % of uniform as not uniform', () => {
    expect(summarizeHead([0.3, 0.25, 0.25, 0.2], 1, 4).nearUniform).toBe(true);
    expect(summarizeHead([0.32, 0.24, 0.24, 0.2], 1, 4).nearUniform).toBe(false);
    expect(summarizeHead([0.31, 0.31, 0.19, 0.19], 1, 4).nearUniform).toBe(false);
  });

  it('says no field stands out when even the strongest weight is within 25 % of uniform', () => {
    const s = summarizeHead([0.3, 0.3, 0.3, 0.1], 1, 4);
    expect(s.nearUniform).toBe(false);
    expect(headSentence(s, 'field', label)).toBe(
      'No field stands out: the strongest weight, f0 → f0, is only 1.20× uniform (1/4); what the head does is push some fields below it.',
    );
  });
});
