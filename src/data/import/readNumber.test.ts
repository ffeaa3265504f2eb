import { describe, expect, it } from 'vitest';
import { IntDictionary } from './readIntDictionary';
import { parseCanonicalInt, parseFiniteNumber } from './readNumber';

describe('parseFiniteNumber', () => {
  it('reads plain decimals, signs, exponents and surrounding spaces', () => {
    expect(['4', '-1.5', '+5', '.5', '5.', '1e3', ' 12 ', '2.5E-2'].map(parseFiniteNumber)).toEqual([
      4, -1.5, 5, 0.5, 5, 1000, 12, 0.025,
    ]);
  });

  it('rejects what Number() would accept but data never means as a number', () => {
    for (const cell of ['', ' ', '0x1A', '0b11', 'Infinity', 'NaN', '1e999', '1,5', '1 2', '--1', '=1']) {
      expect(parseFiniteNumber(cell), cell).toBeNaN();
    }
  });
});

describe('parseCanonicalInt', () => {
  it('reads integers written as String(n) writes them', () => {
    expect(['0', '7', '-42', '978300760', '123456789012345'].map(parseCanonicalInt)).toEqual([
      0, 7, -42, 978300760, 123456789012345,
    ]);
  });

  it('rejects anything String(n) would write differently', () => {
    for (const cell of ['007', '-0', '+5', '1.0', '1e3', ' 1', '-', '', '1234567890123456']) {
      expect(parseCanonicalInt(cell), cell).toBeNaN();
    }
  });
});

describe('IntDictionary', () => {
  it('gives first-appearance codes through growth, for negative and beyond-32-bit values', () => {
    const dict = new IntDictionary(4);
    const values = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? -i : i * 4294967296 + 1));
    const codes = values.map((v) => dict.codeOf(v));
    expect(codes).toEqual(values.map((_, i) => i));
    expect(values.map((v) => dict.codeOf(v))).toEqual(codes); // known values keep their codes
    expect(dict.values).toEqual(values);
  });
});
