// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ParallelCoordinates } from './ParallelCoordinates';
import { ImportanceBars, MetricOverTrials } from './SweepCharts';

afterEach(cleanup);

describe('sweep views', () => {
  it('parallel coordinates: an axis per setting and the metric, a line per trial, failed ones dashed', () => {
    render(
      <ParallelCoordinates
        metricLabel="valid auc"
        axes={[
          {
            id: 'train.learningRate',
            label: 'Learning rate',
            kind: 'number',
            domain: [1e-4, 1e-1],
            log: true,
          },
          { id: 'residual', label: 'Residual', kind: 'category', categories: ['off', 'on'] },
        ]}
        lines={[
          { key: '0', values: { 'train.learningRate': 1e-3, residual: 'on' }, metric: 0.7, highlight: true },
          { key: '1', values: { 'train.learningRate': 1e-2, residual: 'off' }, metric: 0.6 },
          { key: '2', values: { 'train.learningRate': 1e-1, residual: 'off' }, metric: null },
        ]}
      />,
    );
    const svg = screen.getByRole('img', { name: /Learning rate, Residual and valid auc/ });
    expect([...svg.querySelectorAll('.axis-label')].map((t) => t.textContent)).toEqual([
      'Learning rate',
      'Residual',
      'valid auc',
    ]);
    // The log axis is ticked at its decades only.
    const rateTicks = [...svg.querySelectorAll('.pc-axis')][0].querySelectorAll('.tick text');
    expect([...rateTicks].map((t) => t.textContent)).toEqual(['1e-4', '1e-3', '0.01', '0.1']);
    const paths = svg.querySelectorAll('path[data-trial]');
    expect(paths).toHaveLength(3);
    const failed = svg.querySelector('path[data-trial="2"]')!;
    expect(failed.getAttribute('stroke-dasharray')).toBe('4 3');
    // A failed trial's line stops at the last setting: 2 points, an ok one 3.
    expect(failed.getAttribute('d')!.split('L')).toHaveLength(2);
    expect(svg.querySelector('path[data-trial="0"]')!.getAttribute('d')!.split('L')).toHaveLength(3);
  });

  it('metric by trial: a dot per ok trial, a cross per failed one, the best so far as a step line', () => {
    render(
      <MetricOverTrials
        metricLabel="auc"
        smallerIsBetter={false}
        planned={4}
        points={[
          { trial: 0, metric: 0.6, rung: 0 },
          { trial: 1, metric: null, rung: 0 },
          { trial: 2, metric: 0.7, rung: 0 },
          { trial: 3, metric: 0.65, rung: 0 },
        ]}
      />,
    );
    const svg = screen.getByRole('img', { name: /Validation auc of each trial/ });
    expect(svg.querySelectorAll('circle')).toHaveLength(3);
    expect(svg.querySelector('.failed-mark')?.textContent).toContain('×');
    const step = svg.querySelector('path[data-series="best so far"]')!.getAttribute('d')!;
    expect(step.match(/[MH]/g)).toHaveLength(3); // trials 1, 3, 4 (the failed one is skipped)
  });

  it('importance: a bar per setting with its share and ρ', () => {
    render(
      <ImportanceBars
        n={6}
        bars={[
          { label: 'Learning rate', share: 0.8, rho: 0.9 },
          { label: 'Optimizer', share: 0.1, rho: null },
        ]}
      />,
    );
    expect(screen.getByText('80% ρ +0.90', { normalizer: (t) => t.replace(/\s+/g, ' ') })).toBeTruthy();
    expect(screen.getByText('10%')).toBeTruthy();
  });
});
