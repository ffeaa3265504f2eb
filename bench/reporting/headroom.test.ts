/** The headroom section names every planted term of the demo's like logit, and only those. */
import { describe, expect, it } from 'vitest';
import { demoLikeTerms, generateDemoWithTruth } from '../../src/data/demo';
import { TERMS, writeHeadroom } from './headroom.mjs';

describe('the report’s headroom section', () => {
  const options = { seed: 3, users: 40, items: 60 };
  const { dataset, truth } = generateDemoWithTruth(options);
  const terms = Object.keys(demoLikeTerms(options, dataset, truth));

  it('lists the terms likes.ts plants (a renamed or new term would drop out of the table)', () => {
    expect(TERMS.map(([name]) => name).sort()).toEqual([...terms].sort());
  });

  it('writes a row per term and a column per model, from the latest run per seed', () => {
    const slopes = Object.fromEntries(terms.map((t) => [t, 0.5]));
    const without = Object.fromEntries(terms.map((t) => [t, 0.8]));
    const buckets = { '0-4': { rows: 3, auc: 0.7 } };
    const row = (model: string, seed: number, valid: number, train = {}) => ({
      protocol: 'headroom',
      model,
      config: {},
      seed,
      train,
      valid_auc: valid,
      ceiling_auc: 0.83,
      cross_slope: 1,
      cross_r: 0.9,
      term_slopes: slopes,
      ceiling_without: without,
      auc_by_item_count: buckets,
      ceiling_by_item_count: buckets,
    });
    const lines: string[] = [];
    writeHeadroom({ md: (l = '') => lines.push(l) }, [
      row('dnn', 1, 0.7),
      row('dnn', 1, 0.76), // a rerun of seed 1 replaces the first
      row('amfr', 1, 0.7, { learningRate: 1e-3 }),
      row('amfr', 7, 0.75, { learningRate: 3e-3 }), // newer settings: the older runs leave the table
    ]);
    const text = lines.join('\n');
    for (const t of terms) expect(text).toContain(`| ${t}: `);
    expect(text).toContain('| dnn | amfr |');
    expect(text).toContain('**0.7600** | **0.7500**');
    expect(text).toContain('| seeds | | 1 | 7 |');
    expect(text).toContain('`{"learningRate":0.003}`');
  });
});
