import { describe, expect, it } from 'vitest';
import { importances, quantileBins, ranks, spearman, varianceShare } from './importance';
import type { Dimension } from './space';

describe('importance', () => {
  it('ranks ties by their mean rank; Spearman is ±1 for monotone relations', () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });

  it('variance share: 1 when groups explain everything, 0 when their means agree, by hand otherwise', () => {
    expect(varianceShare(['a', 'a', 'b', 'b'], [1, 1, 3, 3])).toBeCloseTo(1, 12);
    expect(varianceShare(['a', 'b', 'a', 'b'], [1, 1, 3, 3])).toBeCloseTo(0, 12);
    // y = 1, 3, 3, 5 around 3: groups means 2 and 4, between = 2·1 + 2·1 = 4; total = 4 + 0 + 0 + 4 = 8.
    expect(varianceShare(['a', 'a', 'b', 'b'], [1, 3, 3, 5])).toBeCloseTo(4 / 8, 12);
    expect(quantileBins([5, 1, 3, 2, 4, 6], 3)).toEqual([2, 0, 1, 0, 1, 2]);
  });

  it('finds the setting the metric depends on, and which way', () => {
    const dims: Dimension[] = [
      {
        kind: 'number',
        target: 'train',
        key: 'learningRate',
        min: 1e-4,
        max: 1e-1,
        scale: 'log',
        integer: false,
      },
      { kind: 'boolean', target: 'model', key: 'residual' },
      { kind: 'choice', target: 'train', key: 'optimizer', options: ['adam', 'sgd'] },
    ];
    const trials = Array.from({ length: 24 }, (_, i) => {
      const lr = 10 ** (-4 + (3 * ((i * 7) % 24)) / 23);
      return {
        values: {
          'train.learningRate': lr,
          residual: i % 2 === 0,
          'train.optimizer': i % 3 === 0 ? 'sgd' : 'adam',
        },
        metric: Math.log10(lr) + (i % 2 === 0 ? 0.01 : 0),
      };
    });
    const [rate, residual, optimizer] = importances(dims, [
      ...trials,
      { values: trials[0].values, metric: NaN },
    ]);
    expect(rate.n).toBe(24);
    expect(rate.spearman).toBeGreaterThan(0.99);
    expect(rate.varianceShare).toBeGreaterThan(0.8);
    expect(residual.varianceShare).toBeLessThan(0.1);
    expect(optimizer.spearman).toBeNull();
    expect(optimizer.varianceShare).toBeLessThan(0.2);
  });
});
