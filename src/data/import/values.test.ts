import { describe, expect, it } from 'vitest';
import { baseName, parseBinary, parseIsoDate, parseNumber, sortIds, stemOf, transformCell } from './values';

describe('cell values', () => {
  it('parses plain decimals only', () => {
    expect(parseNumber(' 4.5 ')).toBe(4.5);
    expect(parseNumber('-1e3')).toBe(-1000);
    for (const s of ['', '0x10', 'Infinity', '4 stars', '1,5']) expect(parseNumber(s)).toBeNaN();
  });

  it('parses ISO dates as UTC seconds, with zones, and refuses other shapes', () => {
    expect(parseIsoDate('1970-01-02')).toBe(86400);
    expect(parseIsoDate('1970-01-01T01:00:00.5Z')).toBe(3600.5);
    expect(parseIsoDate('1970-01-01T01:00:00-01:30')).toBe(3600 + 5400);
    for (const s of ['01/02/1970', '1970-13-01', 'yesterday', '1995']) expect(parseIsoDate(s)).toBeNaN();
  });

  it('reads flags and binary labels', () => {
    expect(['1', 'true', 'Yes', '0', 'false', 'no', '2', '-1', 'maybe'].map(parseBinary)).toEqual([
      1,
      1,
      1,
      0,
      0,
      0,
      1,
      0,
      NaN,
    ]);
  });

  it('applies the field transforms; unreadable cells are unknown (null)', () => {
    const age = ['7', '17', '18', '24', '25', '34', '35', '44', '45', '49', '50', '55', '56', '73', 'x'];
    expect(age.map((a) => transformCell(a, 'ageBucket'))).toEqual([
      '<18',
      '<18',
      '18-24',
      '18-24',
      '25-34',
      '25-34',
      '35-44',
      '35-44',
      '45-49',
      '45-49',
      '50-55',
      '50-55',
      '56+',
      '56+',
      null,
    ]);
    expect(transformCell('T8H1N', 'firstChar')).toBe('T');
    expect(transformCell('01-Jan-1995', 'decade')).toBe('1990s');
    expect(transformCell('2003-06-01', 'decade')).toBe('2000s');
    expect(transformCell('', 'decade')).toBeNull();
    expect(transformCell('Toy Story (1995)', 'decadeFromTitle')).toBe('1990s');
    expect(transformCell('1984 (1984) ', 'decadeFromTitle')).toBe('1980s');
    expect(transformCell('Some Film', 'decadeFromTitle')).toBeNull();
    expect(transformCell('  M ', undefined)).toBe('M');
  });

  it('sorts ids numerically when all are integers, else as strings', () => {
    expect(sortIds(['10', '9', '100'])).toEqual(['9', '10', '100']);
    expect(sortIds(['b10', 'b9', 'a'])).toEqual(['a', 'b10', 'b9']);
  });

  it('names files', () => {
    expect(baseName('ml-100k/u.data')).toBe('u.data');
    expect(stemOf('a\\b\\ratings.csv')).toBe('ratings');
  });
});
