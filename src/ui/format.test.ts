import { describe, expect, it } from 'vitest';
import { fmtDate } from './format';

describe('fmtDate', () => {
  it('formats days, and shows timestamps a Date cannot hold as numbers instead of throwing', () => {
    expect(fmtDate(0)).toBe('1970-01-01');
    expect(fmtDate(-86400)).toBe('1969-12-31');
    expect(fmtDate(1e300)).toBe('t = 1e+300');
    expect(fmtDate(-1e20)).toBe('t = -100000000000000000000');
    expect(fmtDate(NaN)).toBe('t = NaN');
  });
});
