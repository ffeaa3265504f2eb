import { describe, expect, it } from 'vitest';
import {
  categoricalField,
  lastCodePerEntity,
  multiField,
  multiValues,
  PairList,
  quantileField,
} from './fields';
import { tableFromRows } from './import.testkit';

describe('fields', () => {
  it('takes each entity’s last non-empty cell', () => {
    const t = tableFromRows('t', ['v'], [['a'], [''], ['b'], ['c']]);
    const last = lastCodePerEntity(t.columns[0], Int32Array.from([0, 0, 1, -1]), 3);
    expect(Array.from(last)).toEqual([0, 1, -1]);
  });

  it('builds a categorical field from the values in use, sorted, token 0 for unknown', () => {
    const f = categoricalField('g', ['M', 'F', '?'], Int32Array.from([0, 1, -1, 0]), undefined);
    expect(f.vocab).toEqual(['(unknown)', 'F', 'M']); // '?' is no entity's last value
    expect(Array.from(f.tokens)).toEqual([2, 1, 0, 2]);
    const age = categoricalField('age', ['30', 'old'], Int32Array.from([0, 1]), 'ageBucket');
    expect(age.vocab).toHaveLength(8); // all seven buckets, used or not
    expect(Array.from(age.tokens)).toEqual([3, 0]);
  });

  it('bucketises numbers into at most 10 quantile buckets; equal values share one', () => {
    const values = Float64Array.from({ length: 100 }, (_, k) => k);
    const f = quantileField('x', values);
    expect(f.vocab).toHaveLength(11);
    expect(f.vocab[1]).toBe('<10');
    expect(f.vocab[10]).toBe('≥90');
    expect([0, 9, 10, 55, 99].map((k) => f.tokens[k])).toEqual([1, 1, 2, 6, 10]);
    const skewed = quantileField('y', Float64Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 5, NaN]));
    expect(skewed.vocab).toEqual(['(unknown)', '<1', '1–5', '≥5']);
    expect(Array.from(skewed.tokens)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 0]);
    expect(quantileField('z', Float64Array.from([3, 3])).vocab).toEqual(['(unknown)', '3']);
  });

  it('builds a CSR multi-valued field, deduplicated, optionally with the vocabulary sorted', () => {
    const pairs = new PairList();
    for (let k = 0; k < 100; k++) pairs.push(2, 1 + (k % 2)); // grows past its first capacity
    pairs.push(0, 2);
    const f = multiField('tags', 3, pairs, ['zeta', 'alpha'], true);
    expect(f.vocab).toEqual(['(none)', 'alpha', 'zeta']);
    expect(Array.from(f.offsets)).toEqual([0, 1, 1, 3]);
    expect([0, 1, 2].map((e) => multiValues(f, e))).toEqual([['alpha'], [], ['alpha', 'zeta']]);
    const kept = multiField('flags', 3, pairs, ['zeta', 'alpha'], false);
    expect(multiValues(kept, 2)).toEqual(['zeta', 'alpha']);
  });
});
