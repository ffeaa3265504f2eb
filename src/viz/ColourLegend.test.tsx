// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ColourLegend } from './ColourLegend';
import { COLOUR_STEPS, divergingScale, sequentialScale } from './colour';

afterEach(cleanup);

const tickLabels = (svg: Element) => [...svg.querySelectorAll('.tick text')].map((t) => t.textContent);

describe('ColourLegend', () => {
  it('names the scale and its range, with round ticks from 0 for a sequential scale', () => {
    render(<ColourLegend scale={sequentialScale(0.8)} label="attention weight" />);
    const legend = screen.getByRole('img', { name: 'attention weight: colour from 0.00 to 0.80' });
    expect(tickLabels(legend)).toEqual(['0.00', '0.20', '0.40', '0.60', '0.80']);
    expect(legend.textContent).toContain('attention weight');
    // The whole palette as steps, lowest colour first.
    const steps = legend.querySelectorAll('rect');
    expect(steps).toHaveLength(COLOUR_STEPS);
    const scale = sequentialScale(0.8);
    expect(steps[0].getAttribute('fill')).toBe(scale(0));
    expect(steps[COLOUR_STEPS - 1].getAttribute('fill')).toBe(scale(0.8));
  });

  it('marks only the two ends of a scale that starts above 0', () => {
    render(<ColourLegend scale={sequentialScale(0.3, 0.1)} label="pair weight" />);
    const legend = screen.getByRole('img', { name: 'pair weight: colour from 0.10 to 0.30' });
    expect(tickLabels(legend)).toEqual(['0.10', '0.30']);
  });

  it('marks both ends and 0 of a diverging scale, in its own format', () => {
    const format = (v: number) => (v > 0 ? '+' : '') + v.toFixed(2);
    render(<ColourLegend scale={divergingScale(0.5)} label="difference" format={format} />);
    const legend = screen.getByRole('img', { name: 'difference: colour from -0.50 to +0.50' });
    expect(tickLabels(legend)).toEqual(['-0.50', '0.00', '+0.50']);
  });
});
