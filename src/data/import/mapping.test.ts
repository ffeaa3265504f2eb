import { describe, expect, it } from 'vitest';
import { matrixFromRows, tableFromRows } from './import.testkit';
import { guessMapping } from './mapping';
import type { ColumnRole } from './types';

const roleNames = (roles: readonly ColumnRole[]) => roles.map((r) => r.role);
const range = (n: number) => Array.from({ length: n }, (_, k) => k);

describe('guessMapping', () => {
  it('reads odd headers: Customer ID, Product-SKU, Stars, When, Liked?', () => {
    const t = tableFromRows(
      'export (3).csv',
      ['Customer ID', 'Product-SKU', 'Stars', 'When', 'Liked?'],
      [
        ['c1', 'p1', '5', '2024-01-01', 'yes'],
        ['c1', 'p2', '2', '2024-01-02', 'no'],
        ['c2', 'p1', '4', '2024-01-03', 'yes'],
      ],
    );
    const m = guessMapping([t]);
    expect(m.formatName).toBe('CSV');
    expect(m.datasetName).toBe('export (3)');
    expect(m.tables).toHaveLength(1);
    expect(m.tables[0].kind).toBe('interactions');
    expect(roleNames(m.tables[0].roles)).toEqual(['user', 'item', 'rating', 'timestamp', 'label']);
    expect(m.label).toEqual({ kind: 'column' }); // a label column wins over the rating
  });

  it('takes a headerless table as `user item rating timestamp`', () => {
    const rows = [
      ['196', '242', '3', '881250949'],
      ['186', '302', '3', '891717742'],
      ['196', '377', '1', '878887116'],
      ['244', '51', '5', '880606923'],
    ];
    const m = guessMapping([tableFromRows('ratings.txt', null, rows)]);
    expect(roleNames(m.tables[0].roles)).toEqual(['user', 'item', 'rating', 'timestamp']);
    expect(m.label).toEqual({ kind: 'threshold', threshold: 4 });
  });

  it('finds item and user attributes inside an interactions table by functional dependence', () => {
    const rows = range(12).map((k) => [
      `u${k % 3}`,
      `v${k % 4}`,
      String(1700000000 + k),
      ['news', 'dance', 'news', 'food'][k % 4],
      ['young', 'old', 'young'][k % 3],
      ['A quiet film about a long day', 'Dancing all night long, again', 'Another news report', 'Cooking'][
        k % 4
      ],
      String(Math.floor(k / 4) % 2),
    ]);
    const t = tableFromRows(
      'log.csv',
      ['uid', 'video_id', 'ts', 'category', 'age_group', 'title', 'x'],
      rows,
    );
    const m = guessMapping([t]);
    expect(roleNames(m.tables[0].roles)).toEqual([
      'user',
      'item',
      'timestamp',
      'itemField',
      'userField',
      'itemText',
      'ignore', // varies per row: neither the user's nor the item's
    ]);
    expect(m.label).toEqual({ kind: 'implicit', ratio: 4, seed: 42 });
  });

  it('places users and items tables by name or by id overlap, and guesses their columns', () => {
    const inter = tableFromRows(
      'inter.csv',
      ['user', 'item'],
      range(40).map((k) => [`u${k % 30}`, `i${k % 5}`]),
    );
    const users = tableFromRows(
      'people.csv',
      ['user', 'gender', 'income'],
      range(30).map((k) => [`u${k}`, k % 2 ? 'F' : 'M', String(1000 + 37 * k)]),
    );
    const items = tableFromRows(
      'catalogue.csv',
      ['code', 'name', 'genres', 'a', 'b', 'c'],
      range(5).map((k) => [`i${k}`, `Item ${k}`, k % 2 ? 'Action|Comedy' : 'Drama', '1', String(k % 2), '0']),
    );
    const m = guessMapping([inter, users, items]);
    expect(m.tables.map((t) => [t.fileName, t.kind])).toEqual([
      ['inter.csv', 'interactions'],
      ['people.csv', 'users'],
      ['catalogue.csv', 'items'],
    ]);
    expect(roleNames(m.tables[1].roles)).toEqual(['user', 'userField', 'userNumeric']);
    expect(m.tables[2].roles).toEqual([
      { role: 'item' },
      { role: 'itemText' },
      { role: 'itemMultiField', separator: '|' },
      { role: 'itemFlag', field: 'flags', value: 'a' },
      { role: 'itemFlag', field: 'flags', value: 'b' },
      { role: 'itemFlag', field: 'flags', value: 'c' },
    ]);
  });

  it('turns an item id plus many numeric columns into a feature table, and maps matrices', () => {
    const inter = tableFromRows(
      'inter.csv',
      ['user_id', 'item_id'],
      [
        ['1', '1'],
        ['2', '2'],
      ],
    );
    const header = ['item_id', ...range(10).map((d) => `f${d}`)];
    const feats = tableFromRows('clip_embeddings.csv', header, [
      ['1', ...range(10).map((d) => String(d / 10))],
      ['2', ...range(10).map((d) => String(-d))],
    ]);
    const m = guessMapping([inter, feats, matrixFromRows('image_feat.npy', [[1], [2]])]);
    expect(m.tables[1].kind).toBe('itemFeatures');
    expect(m.tables[1].roles.slice(1).every((r) => r.role === 'itemFeature' && r.modality === 'clip')).toBe(
      true,
    );
    expect(m.matrices).toEqual([{ fileName: 'image_feat.npy', modality: 'visual' }]);
  });

  it('leaves out a table it cannot place', () => {
    const inter = tableFromRows(
      'inter.csv',
      ['user', 'item'],
      [
        ['a', 'x'],
        ['b', 'y'],
      ],
    );
    const notes = tableFromRows(
      'notes.txt',
      ['note'],
      [['hello world, this is a note'], ['another note here']],
    );
    expect(guessMapping([inter, notes]).tables.map((t) => t.fileName)).toEqual(['inter.csv']);
  });
});
