import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { chronologicalSplit } from '../../data/split';
import { buildIndex } from './examples';
import { searchExamples } from './search';

// The demo's 3,000 items: enough of each topic for "music #32" and "music #320"–"#329".
const ds = generateDemo({ users: 40, items: 3000, interactionsPerUser: 5 });
const index = buildIndex(ds, chronologicalSplit(ds.interactions));
const titleOf = (key: string, d = ds) => d.itemTitles[d.itemKeys.indexOf(key)];
// The same items listed the other way round, as an imported file may list them: "music #327" before "#32".
const reversed = { ...ds, itemTitles: [...ds.itemTitles].reverse() };

describe('searchExamples ranking', () => {
  it.each([
    ['demo order', ds],
    ['reversed', reversed],
  ])('lists the exact title first, then the titles that go on past the text (%s)', (_, d) => {
    const out = searchExamples(d, index, { kind: 'item', text: 'music #32', limit: 5 });
    const titles = out.hits.map((h) => titleOf(h.key, d));
    expect(titles[0]).toMatch(/^music #32 by @author_\d+$/);
    expect(titles.slice(1).every((t) => /^music #32\d by /.test(t))).toBe(true);
    expect(out.total).toBe(1 + d.itemTitles.filter((t) => /^music #32\d/.test(t)).length);
  });

  it('puts an exact id first, then the ids it prefixes', () => {
    const out = searchExamples(ds, index, { kind: 'item', text: 'V32', limit: 20 });
    expect(out.hits[0].key).toBe('v32');
    expect(out.hits.slice(1, 11).map((h) => h.key)).toEqual(Array.from({ length: 10 }, (_, d) => `v32${d}`));
  });

  it('finds a number as a whole word ("#32", "@author_32") before one that cuts it ("#132", "v32")', () => {
    const out = searchExamples(ds, index, { kind: 'item', text: '32', limit: 100 });
    const whole = out.hits.map((h) => /(^|[^\p{L}\p{N}])32($|[^\p{L}\p{N}])/u.test(titleOf(h.key)));
    const firstCut = whole.indexOf(false);
    expect(firstCut).toBeGreaterThan(1);
    expect(whole.slice(firstCut).every((w) => !w)).toBe(true);
  });

  it('users: the exact id, then ids it prefixes in index order', () => {
    const out = searchExamples(ds, index, { kind: 'user', text: 'u3', limit: 4 });
    expect(out.hits.map((h) => h.key)).toEqual(['u3', 'u30', 'u31', 'u32']);
  });
});
