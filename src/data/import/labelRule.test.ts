import { describe, expect, it } from 'vitest';
import { tableFromRows } from './import.testkit';
import { guessLabelRule } from './labelRule';
import { guessMapping } from './mapping';

describe('guessLabelRule', () => {
  const withRatings = (ratings: string[]) => {
    const t = tableFromRows(
      'r.csv',
      ['user', 'item', 'rating'],
      ratings.map((r, k) => [`u${k}`, `i${k}`, r]),
    );
    const m = guessMapping([t]);
    return guessLabelRule([t], m.tables);
  };

  it('4 on a 1–5 or 0.5–5 scale, the median otherwise, implicit without a rating', () => {
    expect(withRatings(['1', '2', '5', '3'])).toEqual({ kind: 'threshold', threshold: 4 });
    expect(withRatings(['0.5', '4.5', '3.5'])).toEqual({ kind: 'threshold', threshold: 4 });
    expect(withRatings(['1', '7', '10', '8', '2'])).toEqual({ kind: 'threshold', threshold: 7 });
    const t = tableFromRows('c.csv', ['user', 'item'], [['a', 'x']]);
    expect(guessLabelRule([t], guessMapping([t]).tables)).toEqual({ kind: 'implicit', ratio: 4, seed: 42 });
  });
});
