import { describe, expect, it } from 'vitest';
import { MATCH, matchRank, searchText } from './search';

describe('matchRank', () => {
  const rank = (text: string, key: string, title = '') => matchRank(searchText(text), key, title);

  it('ranks exact, whole-word prefix, prefix, whole-word containment, containment', () => {
    expect(rank('music #32', 'v1', 'music #32')).toBe(MATCH.exact);
    expect(rank('V17', 'v17', 'pets #3')).toBe(MATCH.exact);
    expect(rank('music #32', 'v1', 'music #32 by @author_5')).toBe(MATCH.wordPrefix);
    expect(rank('music #32', 'v2', 'music #327 by @author_5')).toBe(MATCH.prefix);
    expect(rank('u1', 'u10')).toBe(MATCH.prefix);
    expect(rank('#32', 'v1', 'music #32 by @author_5')).toBe(MATCH.word);
    expect(rank('32', 'v327', 'music #327 by @author_5')).toBe(MATCH.contains);
    expect(rank('zz', 'v1', 'music #32')).toBe(-1);
  });

  it('takes the better of the id and the title, and the best place in each', () => {
    expect(rank('v3', 'v3', 'v3x')).toBe(MATCH.exact);
    expect(rank('v3', 'v30', 'clip v3')).toBe(MATCH.prefix);
    expect(rank('v3', 'x', 'clip v3')).toBe(MATCH.word);
    // The first place cuts a word, a later one does not.
    expect(rank('story', 'i1', 'storyboard of a story')).toBe(MATCH.prefix);
    expect(rank('story', 'i1', 'a storyboard, a story')).toBe(MATCH.word);
  });

  it('compares trimmed and case-insensitively, letters of any script as word characters; empty matches nothing', () => {
    expect(searchText('  Music #32 ')).toBe('music #32');
    expect(rank('AMÉLIE', 'i1', 'Amélie (2001)')).toBe(MATCH.wordPrefix);
    expect(rank('amé', 'i1', 'Amélie (2001)')).toBe(MATCH.prefix);
    expect(rank('   ', 'i1', 'anything')).toBe(-1);
  });
});
