/** The side-by-side pairs name real models, in shapes their schemas accept, and ratios point the right way. */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { median, PAIRS, speedRatio } from './versus';

describe('versus pairs', () => {
  it('each names a model of its protocol’s family, with settings its schema knows and keeps', () => {
    for (const pair of PAIRS) {
      const spec = requireModel(pair.model, pair.protocol === 'p1' ? 'ctr' : 'topk');
      const { config, warnings } = resolveConfig(spec.configSchema, pair.config);
      expect(warnings, pair.id).toEqual([]);
      for (const [k, v] of Object.entries(pair.config))
        expect((config as Record<string, unknown>)[k]).toEqual(v);
      expect(pair.args[0]).toBe(pair.protocol === 'p1' ? 'p1_ctr.py' : 'p2_topk.py');
    }
    expect(new Set(PAIRS.map((p) => p.id)).size).toBe(PAIRS.length);
  });

  it('gives > 1 when ours is faster, for rows/s and for ms/epoch', () => {
    expect(speedRatio('p1', 20000, 10000)).toBe(2);
    expect(speedRatio('p2', 500, 1000)).toBe(2);
    expect(speedRatio('p2', 2000, 1000)).toBe(0.5);
  });

  it('takes medians of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
});
