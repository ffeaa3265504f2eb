import { describe, expect, it } from 'vitest';
import { COLOUR_STEPS, divergingScale, sequentialScale } from './colour';

describe('colour scales', () => {
  it('quantise viridis over [0, max], clamping outside', () => {
    const s = sequentialScale(0.5);
    expect(s.domain).toEqual([0, 0.5]);
    expect(s.palette).toHaveLength(COLOUR_STEPS);
    expect(s(0)).toBe(s.palette[0]);
    expect(s(0.5)).toBe(s.palette[COLOUR_STEPS - 1]);
    expect(s(9)).toBe(s.palette[COLOUR_STEPS - 1]);
    expect(s(-1)).toBe(s.palette[0]);
    expect(sequentialScale(0).domain).toEqual([0, 1]); // an all-zero head still draws
  });

  it('centre the diverging scale on 0', () => {
    const d = divergingScale(0.2);
    expect(d.domain).toEqual([-0.2, 0.2]);
    expect(d(-0.2)).toBe(d.palette[0]);
    expect(d(0.2)).toBe(d.palette[COLOUR_STEPS - 1]);
    expect(d(0)).toBe(d.palette[COLOUR_STEPS / 2]);
  });
});

describe('a sequential scale with a floor', () => {
  it('stretches [min, max] over the whole palette', () => {
    const s = sequentialScale(0.02, 0.01);
    expect(s.domain).toEqual([0.01, 0.02]);
    expect(s(0.01)).toBe(s.palette[0]);
    expect(s(0.0199999)).toBe(s.palette[COLOUR_STEPS - 1]);
    expect(sequentialScale(0.5, 0.5).domain).toEqual([0.5, 1.5]);
  });
});
