import { describe, expect, it } from 'vitest';
import { fmtDate, fmtSpan } from './format';

describe('fmtDate', () => {
  it('formats days, and shows timestamps a Date cannot hold as numbers instead of throwing', () => {
    expect(fmtDate(0)).toBe('1970-01-01');
    expect(fmtDate(-86400)).toBe('1969-12-31');
    expect(fmtDate(1e300)).toBe('t = 1e+300');
    expect(fmtDate(-1e20)).toBe('t = -100000000000000000000');
    expect(fmtDate(NaN)).toBe('t = NaN');
  });
});

describe('fmtSpan', () => {
  it('says hours under two days, days under two years, then years', () => {
    expect(fmtSpan(0)).toBe('0 h');
    expect(fmtSpan(36 * 3600)).toBe('36 h');
    expect(fmtSpan(90 * 86400)).toBe('90 days');
    expect(fmtSpan(3 * 365.25 * 86400)).toBe('3.0 years');
    expect(fmtSpan(NaN)).toBe('—');
  });
});
