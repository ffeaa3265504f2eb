import { describe, expect, it } from 'vitest';
import { ML100K_GENRES, proposeMapping, recognizeFormat } from './recognize';
import { matrixFromRows, ml100kFiles, mlLatestFiles, recBoleFiles, tableFromRows } from './import.testkit';

describe('recognizeFormat', () => {
  it('maps MovieLens 100K: ids, rating, timestamp, the P1 user fields, text, decade and 19 genre flags', () => {
    const m = recognizeFormat(ml100kFiles())!;
    expect(m.formatName).toBe('MovieLens 100K');
    expect(m.label).toEqual({ kind: 'threshold', threshold: 4 });
    expect(m.tables.map((t) => [t.fileName, t.kind])).toEqual([
      ['ml-100k/u.data', 'interactions'],
      ['ml-100k/u.user', 'users'],
      ['ml-100k/u.item', 'items'],
    ]);
    expect(m.tables[0].roles.map((r) => r.role)).toEqual(['user', 'item', 'rating', 'timestamp']);
    expect(m.tables[1].roles).toEqual([
      { role: 'user' },
      { role: 'userField', name: 'age', transform: 'ageBucket' },
      { role: 'userField', name: 'gender' },
      { role: 'userField', name: 'occupation' },
      { role: 'userField', name: 'zip_prefix', transform: 'firstChar' },
    ]);
    const item = m.tables[2].roles;
    expect(item.slice(0, 3)).toEqual([
      { role: 'item' },
      { role: 'itemText', appendFields: ['genres'] },
      { role: 'itemField', name: 'release_decade', transform: 'decade' },
    ]);
    expect(item.slice(5)).toEqual(
      ML100K_GENRES.map((value) => ({ role: 'itemFlag', field: 'genres', value })),
    );
    expect(ML100K_GENRES).toHaveLength(19);
  });

  it('does not take a u.data of the wrong width for MovieLens 100K', () => {
    const files = [tableFromRows('u.data', null, [['1', '2', '3']])];
    expect(recognizeFormat(files)).toBeNull();
  });

  it('maps MovieLens latest: ratings, movies (text, genres, decade from the title), tags; links ignored', () => {
    const m = recognizeFormat(mlLatestFiles())!;
    expect(m.formatName).toMatch(/MovieLens/);
    expect(m.tables.map((t) => t.fileName)).toEqual(['ratings.csv', 'movies.csv', 'tags.csv']);
    expect(m.tables[1].roles[2]).toEqual({ role: 'itemMultiField', separator: '|', name: 'genres' });
    expect(m.tables[1].extraRoles).toEqual([
      { column: 1, role: { role: 'itemField', name: 'release_decade', transform: 'decadeFromTitle' } },
    ]);
    expect(m.tables[2]).toMatchObject({ kind: 'items' });
    expect(m.tables[2].roles[2]).toEqual({ role: 'itemMultiField', separator: '', name: 'tags' });
    expect(m.label).toEqual({ kind: 'threshold', threshold: 4 });
  });

  it('maps RecBole atomic files by type: token, token_seq (title → text), float, float_seq', () => {
    const m = recognizeFormat(recBoleFiles())!;
    expect(m.formatName).toBe('RecBole atomic files');
    expect(m.datasetName).toBe('ml-tiny');
    const [inter, users, items] = m.tables;
    expect(inter.kind).toBe('interactions');
    expect(inter.roles.map((r) => r.role)).toEqual(['user', 'item', 'rating', 'timestamp']);
    expect(users.roles).toEqual([
      { role: 'user' },
      { role: 'userField', name: 'gender' },
      { role: 'userNumeric', name: 'income' },
      { role: 'ignore' },
    ]);
    expect(items.roles).toEqual([
      { role: 'item' },
      { role: 'itemText' },
      { role: 'itemMultiField', separator: ' ', name: 'class' },
      { role: 'itemNumeric', name: 'price' },
      { role: 'itemVector', modality: 'emb', separator: ' ' },
    ]);
    expect(m.label).toEqual({ kind: 'threshold', threshold: 4 });
  });

  it('reads RecBole types from the header when the reader left `name:type` whole', () => {
    const t = tableFromRows('x.inter', ['u', 'i', 'l'], [['a', 'b', '1']]);
    const header = t.columns.map((c, k) => ({
      ...c,
      name: ['user_id:token', 'item_id:token', 'label:float'][k],
    }));
    expect(header.every((c) => c.recboleType === undefined)).toBe(true);
    const m = recognizeFormat([{ ...t, columns: header }])!;
    expect(m.tables[0].roles.map((r) => r.role)).toEqual(['user', 'item', 'label']);
    expect(m.label).toEqual({ kind: 'column' });
  });

  it('maps MMRec matrices by name and guesses the interactions beside them', () => {
    const files = [
      tableFromRows(
        'baby.inter',
        ['userID', 'itemID', 'rating', 'timestamp', 'x_label'],
        [
          ['0', '0', '5', '1400000000', '0'],
          ['0', '1', '4', '1400000001', '1'],
          ['1', '1', '3', '1400000002', '2'],
        ],
      ),
      matrixFromRows('image_feat.npy', [[1], [2]]),
      matrixFromRows('text_feat.npy', [[1], [2]]),
      matrixFromRows('clip_feat.npy', [[1], [2]]),
    ];
    const m = recognizeFormat(files)!;
    expect(m.formatName).toBe('MMRec features');
    expect(m.matrices).toEqual([
      { fileName: 'image_feat.npy', modality: 'visual' },
      { fileName: 'text_feat.npy', modality: 'text' },
      { fileName: 'clip_feat.npy', modality: 'clip' },
    ]);
    expect(m.tables[0].roles.map((r) => r.role)).toEqual(['user', 'item', 'rating', 'timestamp', 'ignore']);
  });

  it('maps a feature CSV (item id + numbers) to one modality beside a known format', () => {
    const feat = tableFromRows(
      'audio_feat.csv',
      ['movieId', 'f1', 'f2'],
      [
        ['1', '0.5', '1'],
        ['3', '0.25', '2'],
      ],
    );
    const m = recognizeFormat([...mlLatestFiles(), feat])!;
    expect(m.tables.at(-1)).toEqual({
      fileName: 'audio_feat.csv',
      kind: 'itemFeatures',
      roles: [
        { role: 'item' },
        { role: 'itemFeature', modality: 'acoustic' },
        { role: 'itemFeature', modality: 'acoustic' },
      ],
    });
  });

  it('returns null for plain CSV, and proposeMapping falls back to a guess', () => {
    const files = [tableFromRows('log.csv', ['user', 'item'], [['a', 'x']])];
    expect(recognizeFormat(files)).toBeNull();
    expect(proposeMapping(files).formatName).toBe('CSV');
  });
});
