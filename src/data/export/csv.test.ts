import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, defuseFormula, toCsv, toTsv, tsvCell } from './csv';

const HOSTILE = [
  '=1+2',
  '+SUM(A1:A9)',
  '-2+3',
  '@cmd',
  '\t=tab first',
  '\r=cr first',
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  'plain, with comma',
  'a "quoted" word',
  'two\nlines',
  '<img src=x onerror=alert(1)>',
  '',
];

describe('csvCell', () => {
  it('gives every formula-like text cell a leading apostrophe', () => {
    for (const s of HOSTILE) {
      const cell = csvCell(s);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(/^[=+\-@\t\r]/.test(unquoted), JSON.stringify(s)).toBe(false);
      if (/^[=+\-@\t\r]/.test(s)) expect(unquoted).toBe(`'${s}`);
    }
  });

  it('quotes per RFC 4180 only where needed', () => {
    expect(csvCell('abc')).toBe('abc');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
  });

  it('writes numbers as numbers, negative ones unescaped; null and NaN as empty', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(0.1 + 0.2)).toBe('0.3');
    expect(csvCell(NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('leaves ordinary text alone', () => {
    expect(defuseFormula('Dance #3 by @author_1')).toBe('Dance #3 by @author_1');
    expect(defuseFormula('a-b')).toBe('a-b');
  });
});

describe('toCsv', () => {
  it('round-trips hostile cells through a standard CSV parser (values defused, structure intact)', () => {
    const rows = HOSTILE.map((s, i) => [s, i, -i / 3]);
    const text = toCsv(['text', 'n', 'score'], rows);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(0, -2), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(rows.length + 1);
    parsed.data.slice(1).forEach((row, i) => {
      expect(row).toHaveLength(3);
      expect(row[0]).toBe(defuseFormula(HOSTILE[i]));
      expect(Number(row[1])).toBe(i);
      expect(Number(row[2])).toBeCloseTo(-i / 3, 6);
    });
  });
});

describe('TSV', () => {
  it('flattens tabs and line breaks so every row keeps its column count', () => {
    const text = toTsv(
      ['a', 'b'],
      [
        ['x\ty', 'p\nq'],
        ['=1', 2],
      ],
      true,
    );
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l.split('\t')).toHaveLength(2);
    expect(lines[2]).toBe("'=1\t2");
  });

  it('keeps values verbatim when not defusing (files programs read)', () => {
    expect(tsvCell('=1', false)).toBe('=1');
    expect(toTsv(null, [[1, 2]], false)).toBe('1\t2\n');
  });
});
