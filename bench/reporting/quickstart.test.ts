/** The quick-start section pairs a seed model with its baseline on each one's own quick start. */
import { describe, expect, it } from 'vitest';
import { quickRuns } from './quickstart.mjs';

describe('quickRuns', () => {
  it('takes the marked quick-start runs over later runs with other settings', () => {
    const runs = [
      { model: 'dnn', seed: 1, valid: 0.75, quick_start: true },
      { model: 'dnn', seed: 1, valid: 0.77, quick_start: false }, // a --train experiment, later
      { model: 'amfr', seed: 1, valid: 0.7 },
    ];
    expect(quickRuns(runs, 'dnn').get(1)?.valid).toBe(0.75);
  });

  it('falls back to the latest run per seed for rows measured before runs were marked', () => {
    const runs = [
      { model: 'din', seed: 1, valid: 0.7 },
      { model: 'din', seed: 1, valid: 0.71 },
      { model: 'din', seed: 7, valid: 0.72 },
    ];
    const m = quickRuns(runs, 'din');
    expect([...m.keys()]).toEqual([1, 7]);
    expect(m.get(1)?.valid).toBe(0.71);
  });
});
