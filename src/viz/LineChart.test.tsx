// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LineChart, OKABE_ITO } from './LineChart';

afterEach(cleanup);

const auc = { name: 'AUC', points: [1, 2, 3].map((x, k) => ({ x, y: [0.7, 0.75, 0.72][k] })), dots: true };
const gauc = { name: 'GAUC', points: [1, 2, 3].map((x, k) => ({ x, y: [0.6, 0.65, 0.66][k] })), dots: true };

function chart(series: Parameters<typeof LineChart>[0]['series']) {
  return render(
    <LineChart
      title="Validation"
      series={series}
      xLabel="Epoch"
      yLabel="AUC"
      xDomain={[1, 3]}
      empty="Measured after each epoch"
    />,
  );
}

describe('LineChart', () => {
  it('names what it plots, with epoch ticks and a legend of its series in their colours', () => {
    chart([auc, gauc]);
    const svg = screen.getByRole('img', { name: 'Validation: AUC by Epoch' });
    expect(screen.getByText('Validation').tagName).toBe('FIGCAPTION');
    expect([...svg.querySelectorAll('.tick text')].map((t) => t.textContent)).toContain('2');
    const legend = screen.getAllByRole('listitem');
    expect(legend.map((li) => li.textContent)).toEqual(['AUC', 'GAUC']);
    expect((legend[1].querySelector('.swatch') as HTMLElement).style.background).toBe(OKABE_ITO[1]);
    expect(svg.querySelector('[data-series="GAUC"] path')?.getAttribute('stroke')).toBe(OKABE_ITO[1]);
    expect(screen.queryByText('Measured after each epoch')).toBeNull();
  });

  it('labels the y ticks of a flat curve (one epoch) apart', () => {
    const { container } = chart([{ name: 'AUC', points: [{ x: 1, y: 0.6834 }], dots: true }]);
    const ticks = [...container.querySelectorAll('[data-axis="y"] text')].map((t) => t.textContent);
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('names each dot’s value on hover', () => {
    const { container } = chart([auc, gauc]);
    const dots = [...container.querySelectorAll('[data-series="GAUC"] circle title')].map(
      (t) => t.textContent,
    );
    expect(dots).toEqual(['GAUC at epoch 1: 0.600', 'GAUC at epoch 2: 0.650', 'GAUC at epoch 3: 0.660']);
  });

  it('says what will come while there is nothing to draw, and has no legend for one series', () => {
    chart([{ name: 'AUC', points: [{ x: 1, y: NaN }] }]);
    expect(screen.getByText('Measured after each epoch')).toBeTruthy();
    expect(screen.getByRole('img').querySelectorAll('path')).toHaveLength(0);
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('puts x ticks on whole numbers only when x counts epochs', () => {
    const props = { title: 'Validation', series: [auc], xLabel: 'Epoch', yLabel: 'AUC', empty: '' };
    const xTicks = () => [...document.querySelectorAll('[data-axis="x"]')].map((g) => g.textContent);
    const { rerender } = render(<LineChart {...props} xDomain={[1, 2]} />);
    expect(xTicks()).toEqual(['1', '1.5', '2']);
    rerender(<LineChart {...props} xDomain={[1, 2]} xIntegers />);
    expect(xTicks()).toEqual(['1', '2']);
  });
});
