import { describe, expect, it } from 'vitest';
import { matrixFromRows, tableFromRows } from './import.testkit';

describe('tableFromRows', () => {
  it('dictionary-encodes cells in order of first appearance, empty cells as -1', () => {
    const t = tableFromRows(
      'a.csv',
      ['id', 'name'],
      [
        ['2', 'x'],
        ['1', ''],
        ['2', 'y'],
      ],
    );
    expect(t).toMatchObject({ kind: 'table', fileName: 'a.csv', hasHeader: true, numRows: 3 });
    expect(t.columns[0].dict).toEqual(['2', '1']);
    expect(Array.from(t.columns[0].codes)).toEqual([0, 1, 0]);
    expect(Array.from(t.columns[0].numbers!)).toEqual([2, 1, 2]);
    expect(Array.from(t.columns[1].codes)).toEqual([0, -1, 1]);
    expect(t.columns[1].numbers).toBeNull();
    expect(Array.from(t.lineOf)).toEqual([2, 3, 4]);
  });

  it('names headerless columns `column N` and splits RecBole `name:type` headers', () => {
    expect(tableFromRows('u.data', null, [['1', '2']]).columns.map((c) => c.name)).toEqual([
      'column 1',
      'column 2',
    ]);
    const r = tableFromRows('x.inter', ['user_id:token', 'n:float', 'odd:name'], [['a', '1', 'b']]);
    expect(r.columns.map((c) => [c.name, c.recboleType])).toEqual([
      ['user_id', 'token'],
      ['n', 'float'],
      ['odd:name', undefined],
    ]);
  });

  it('refuses ragged rows and builds matrices', () => {
    expect(() => tableFromRows('a', ['x', 'y'], [['1']])).toThrow(/1 cells, expected 2/);
    expect(
      matrixFromRows('m.npy', [
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
    ).toMatchObject({ rows: 3, cols: 2 });
  });
});
