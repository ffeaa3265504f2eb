import { describe, expect, it } from 'vitest';
import { summarize } from '../types';
import { buildDataset } from './build';
import { multiValues } from './fields';
import { recognizeFormat } from './recognize';
import { tokenize } from './tfidf';
import { matrixFromRows, ml100kFiles, mlLatestFiles, recBoleFiles, tableFromRows } from './import.testkit';
import { ImportError, type DataMapping, type ParsedFile, type TableMapping } from './types';

const byName = <T extends { name: string }>(list: readonly T[], name: string): T => {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`no ${name} in ${list.map((x) => x.name).join(', ')}`);
  return found;
};
const labelsOf = (f: { vocab: readonly string[]; tokens: Int32Array }) =>
  Array.from(f.tokens, (t) => f.vocab[t]);

/** A mapping of one interactions table with the given roles. */
function simple(fileName: string, roles: TableMapping['roles'], label: DataMapping['label']): DataMapping {
  return { tables: [{ fileName, kind: 'interactions', roles }], matrices: [], label, formatName: 'CSV' };
}

function build(files: ParsedFile[], mapping = recognizeFormat(files)!) {
  return buildDataset(files, mapping);
}

function importError(f: () => unknown): ImportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('no ImportError');
}

describe('buildDataset on MovieLens 100K-shaped files', () => {
  const { dataset: ds, report, itemTexts } = build(ml100kFiles());

  it('keeps the ids in table order and every interaction, labelled rating ≥ 4', () => {
    expect(ds.name).toBe('MovieLens 100K');
    expect(ds.userKeys).toEqual(['1', '2', '3']);
    expect(ds.itemKeys).toEqual(['1', '2', '3', '4']);
    const { user, item, label, timestamp } = ds.interactions;
    expect(Array.from(user)).toEqual([0, 0, 0, 1, 1, 2, 2, 2]);
    expect(Array.from(item)).toEqual([0, 1, 3, 0, 2, 1, 3, 0]);
    expect(Array.from(label)).toEqual([1, 0, 1, 1, 0, 1, 1, 0]);
    expect(timestamp[0]).toBe(874965758);
    expect(report).toMatchObject({ rowsRead: 8, rowsKept: 8, negativesSampled: 0, dropped: [], notes: [] });
    expect(ds.source).toMatchObject({ kind: 'upload', fileName: 'u.data' });
  });

  it('gives the P1 user fields: age bucket, gender, occupation, first zip character', () => {
    expect(ds.userFields.map((f) => f.name)).toEqual(['age', 'gender', 'occupation', 'zip_prefix']);
    const age = byName(ds.userFields, 'age');
    expect(age.vocab.slice(1)).toEqual(['<18', '18-24', '25-34', '35-44', '45-49', '50-55', '56+']);
    expect(labelsOf(age)).toEqual(['18-24', '50-55', '<18']);
    expect(labelsOf(byName(ds.userFields, 'gender'))).toEqual(['M', 'F', 'M']);
    expect(labelsOf(byName(ds.userFields, 'occupation'))).toEqual(['technician', 'other', 'student']);
    expect(labelsOf(byName(ds.userFields, 'zip_prefix'))).toEqual(['8', '9', 'T']);
  });

  it('gives the release decade (unknown = token 0) and the 19 genres as one multi-valued field', () => {
    expect(ds.itemFields.map((f) => f.name)).toEqual(['release_decade']);
    const decade = ds.itemFields[0];
    expect(decade.vocab).toEqual(['(unknown)', '1960s', '1990s']);
    expect(Array.from(decade.tokens)).toEqual([2, 2, 0, 1]);
    expect(ds.itemMultiFields.map((f) => f.name)).toEqual(['genres']);
    const genres = ds.itemMultiFields[0];
    expect(genres.vocab).toHaveLength(20);
    expect(genres.vocab[1]).toBe('unknown');
    expect([0, 1, 2, 3].map((i) => multiValues(genres, i))).toEqual([
      ['Animation', "Children's", 'Comedy'],
      ['Drama'],
      ['unknown'],
      ['Sci-Fi'],
    ]);
  });

  it('composes item text as item_text.tsv does and encodes it as a 64-d text modality', () => {
    expect(itemTexts).toEqual([
      "Toy Story (1995). Genres: Animation, Children's, Comedy",
      'Misérables, Les (1995). Genres: Drama',
      'unknown. Genres: unknown',
      '2001: A Space Odyssey (1968). Genres: Sci-Fi',
    ]);
    expect(ds.itemTitles[1]).toBe('Misérables, Les (1995)');
    expect(ds.modalities.map((m) => [m.name, m.dim])).toEqual([['text', 64]]);
    expect(ds.modalities[0].data).toHaveLength(4 * 64);
    // Four texts: the SVD has at most rank 4, and the report says the rest of the 64 is padding.
    const terms = new Set(itemTexts!.flatMap(tokenize)).size;
    expect(report.textFeaturizer).toMatch(
      new RegExp(`^text: TF-IDF \\(${terms} terms\\) → SVD 64 \\(rank [1-4], padded to 64\\)$`),
    );
  });

  it('fingerprints the input: same files → same hash, a changed cell → another', () => {
    expect(build(ml100kFiles()).dataset.source).toEqual(ds.source);
    const files = ml100kFiles();
    const data = files[0];
    const cells = Array.from({ length: data.numRows }, (_, r) => data.columns.map((c) => c.dict[c.codes[r]]));
    cells[0][2] = '4';
    const other = build([tableFromRows(data.fileName, null, cells), ...files.slice(1)]);
    expect(other.dataset.interactions.label[0]).toBe(1);
    expect(other.dataset.source).not.toEqual(ds.source);
  });
});

describe('buildDataset on MovieLens latest and RecBole files', () => {
  it('builds movies (genres, decade from title, text) and tags accumulated over rows', () => {
    const { dataset: ds, itemTexts } = build(mlLatestFiles());
    expect(ds.itemKeys).toEqual(['1', '3', '50', '99']);
    expect(Array.from(ds.interactions.label)).toEqual([1, 0, 0, 1, 0]);
    const decade = byName(ds.itemFields, 'release_decade');
    expect(labelsOf(decade)).toEqual(['1990s', '1990s', '1990s', '(unknown)']);
    const tags = byName(ds.itemMultiFields, 'tags');
    expect([0, 1, 2, 3].map((i) => multiValues(tags, i))).toEqual([
      ['pixar'],
      [],
      ['Kevin Spacey', 'twist ending'],
      [],
    ]);
    const genres = byName(ds.itemMultiFields, 'genres');
    expect(genres.vocab.slice(1)).toEqual([...genres.vocab.slice(1)].sort());
    expect(itemTexts![1]).toBe('Grumpier Old Men (1995). Genres: Comedy, Romance');
    expect(summarize(ds).coldItems).toBe(1); // movie 99 has no rating
  });

  it('builds RecBole files: token and float fields, token_seq multi field, float_seq modality, title text', () => {
    const { dataset: ds } = build(recBoleFiles());
    expect(ds.name).toBe('ml-tiny');
    expect(ds.userKeys).toEqual(['u1', 'u2']);
    expect(labelsOf(byName(ds.userFields, 'gender'))).toEqual(['F', 'M']);
    const income = byName(ds.userFields, 'income');
    expect(income.vocab).toEqual(['(unknown)', '<20', '≥20']);
    expect(Array.from(income.tokens)).toEqual([1, 2]);
    const cls = byName(ds.itemMultiFields, 'class');
    expect(cls.vocab.slice(1)).toEqual(['Action', 'Animation', 'Comedy', 'Crime', 'Drama']);
    expect(multiValues(cls, 2)).toEqual(['Crime', 'Drama']);
    const emb = byName(ds.modalities, 'emb');
    expect(emb.dim).toBe(3);
    expect(Array.from(emb.data.subarray(3, 6))).toEqual([1, 0, 0]);
    expect(byName(ds.modalities, 'text').dim).toBe(64);
    expect(ds.itemTitles).toEqual(['toy story', 'heat', 'casino']);
    expect(Array.from(ds.interactions.label)).toEqual([1, 0, 1, 0]);
  });

  it('takes the text vector size from the options (128 for the top-k protocol)', () => {
    const files = recBoleFiles();
    const { dataset } = buildDataset(files, recognizeFormat(files)!, { textDim: 128, name: 'x' });
    expect(dataset.name).toBe('x');
    expect(byName(dataset.modalities, 'text').dim).toBe(128);
  });
});

describe('buildDataset row problems', () => {
  const ratings = (rows: string[][]) => tableFromRows('r.csv', ['user', 'item', 'rating', 'ts'], rows);
  const ratingMapping = simple(
    'r.csv',
    [{ role: 'user' }, { role: 'item' }, { role: 'rating' }, { role: 'timestamp' }],
    { kind: 'threshold', threshold: 4 },
  );

  it('reports a non-numeric rating with file, line, column and value, and keeps the rest', () => {
    const t = ratings([
      ['a', 'x', '5', '1'],
      ['a', 'y', 'five', '2'],
      ['b', 'y', '3', '3'],
      ['b', 'x', '', '4'],
    ]);
    const { dataset, report } = buildDataset([t], ratingMapping);
    expect(dataset.interactions.user).toHaveLength(2);
    expect(report.dropped).toHaveLength(1);
    expect(report.dropped[0]).toMatchObject({
      reason: 'badRating',
      count: 2,
      example: { file: 'r.csv', line: 3, column: 3, value: 'five' },
    });
  });

  it('drops rows without a user or item id, counted', () => {
    const t = ratings([
      ['a', 'x', '5', '1'],
      ['', 'y', '5', '2'],
      ['b', '', '3', '3'],
      ['b', 'y', '3', '4'],
    ]);
    const { dataset, report } = buildDataset([t], ratingMapping);
    expect(dataset.numUsers).toBe(2);
    expect(report.dropped.map((d) => [d.reason, d.count, d.example?.line])).toEqual([
      ['missingUser', 1, 3],
      ['missingItem', 1, 4],
    ]);
  });

  it('keeps the latest of repeated (user, item) pairs and counts the others', () => {
    const t = ratings([
      ['a', 'x', '5', '10'],
      ['a', 'x', '1', '5'], // older: dropped although later in the file
      ['a', 'y', '1', '7'],
      ['a', 'y', '5', '7'], // same time: the later line wins
      ['b', 'x', '2', '1'],
    ]);
    const { dataset, report } = buildDataset([t], ratingMapping);
    expect(Array.from(dataset.interactions.timestamp)).toEqual([10, 7, 1]);
    expect(Array.from(dataset.interactions.label)).toEqual([1, 1, 0]);
    expect(report.dropped).toEqual([expect.objectContaining({ reason: 'duplicate', count: 2 })]);
    expect(report.dropped[0].example?.line).toBe(3);
  });

  it('turns implicit feedback into positives plus seeded sampled negatives', () => {
    const rows = ['a', 'b', 'c'].flatMap((u) => ['x', 'y'].map((i) => [u, i]));
    rows.push(['a', 'z'], ['b', 'w'], ['c', 'v'], ['c', 'u']);
    const t = tableFromRows('clicks.csv', ['user', 'item'], rows);
    const mapping = simple('clicks.csv', [{ role: 'user' }, { role: 'item' }], {
      kind: 'implicit',
      ratio: 2,
      seed: 7,
    });
    const a = buildDataset([t], mapping);
    const b = buildDataset([t], mapping);
    const { user, item, label } = a.dataset.interactions;
    expect(user).toHaveLength(rows.length * 3);
    expect(Array.from(label).filter((y) => y === 1)).toHaveLength(rows.length);
    expect(a.report.negativesSampled).toBe(rows.length * 2);
    expect(Array.from(item)).toEqual(Array.from(b.dataset.interactions.item));
    const seen = new Set(rows.map(([u, i]) => `${u}/${i}`));
    for (let r = 0; r < user.length; r++) {
      const key = `${a.dataset.userKeys[user[r]]}/${a.dataset.itemKeys[item[r]]}`;
      expect(seen.has(key)).toBe(label[r] === 1);
    }
    const other = buildDataset([t], { ...mapping, label: { kind: 'implicit', ratio: 2, seed: 8 } });
    expect(Array.from(other.dataset.interactions.item)).not.toEqual(Array.from(item));
  });

  it('reads a 0/1 (or true/false) label column and drops other values', () => {
    const t = tableFromRows(
      'l.csv',
      ['u', 'i', 'click'],
      [
        ['a', 'x', '1'],
        ['a', 'y', 'false'],
        ['b', 'x', 'maybe'],
        ['b', 'y', '0'],
      ],
    );
    const m = simple('l.csv', [{ role: 'user' }, { role: 'item' }, { role: 'label' }], { kind: 'column' });
    const { dataset, report } = buildDataset([t], m);
    expect(Array.from(dataset.interactions.label)).toEqual([1, 0, 0]);
    expect(report.dropped[0]).toMatchObject({ reason: 'badLabel', example: { value: 'maybe' } });
  });

  it('reads timestamps as seconds, milliseconds (> 1e11) or ISO dates; without a column, row order', () => {
    const ts = (cells: string[]) => {
      const t = tableFromRows(
        't.csv',
        ['u', 'i', 't'],
        cells.map((c, k) => [k % 2 ? 'a' : 'b', `i${k}`, c]),
      );
      const m = simple('t.csv', [{ role: 'user' }, { role: 'item' }, { role: 'timestamp' }], {
        kind: 'column',
      });
      return buildDataset([t], { ...m, label: { kind: 'implicit', ratio: 0, seed: 1 } }).dataset.interactions
        .timestamp;
    };
    expect(Array.from(ts(['874965758', '874965759']))).toEqual([874965758, 874965759]);
    expect(Array.from(ts(['1445714835000', '1445714835500']))).toEqual([1445714835, 1445714835.5]);
    expect(Array.from(ts(['2024-01-02', '2024-01-02T03:04:05Z', '2024-01-02 03:04:05+01:00']))).toEqual([
      Date.UTC(2024, 0, 2) / 1000,
      Date.UTC(2024, 0, 2, 3, 4, 5) / 1000,
      Date.UTC(2024, 0, 2, 2, 4, 5) / 1000,
    ]);
    const t = tableFromRows(
      'n.csv',
      ['u', 'i'],
      [
        ['a', 'x'],
        ['b', 'y'],
        ['a', 'y'],
      ],
    );
    const m = simple('n.csv', [{ role: 'user' }, { role: 'item' }], { kind: 'implicit', ratio: 0, seed: 1 });
    expect(Array.from(buildDataset([t], m).dataset.interactions.timestamp)).toEqual([0, 1, 2]);
  });

  it('refuses implicit feedback when a user has every item, naming the user by their id in the file', () => {
    const t = tableFromRows(
      'all.csv',
      ['user', 'item'],
      [
        ['u7', 'x'],
        ['u7', 'y'],
        ['u9', 'x'],
      ],
    );
    const m = simple('all.csv', [{ role: 'user' }, { role: 'item' }], {
      kind: 'implicit',
      ratio: 1,
      seed: 1,
    });
    const e = importError(() => buildDataset([t], m));
    expect(e.issue.file).toBe('all.csv');
    expect(e.issue.message).toBe(
      'Negatives cannot be sampled: user "u7" has interacted with all 2 items, so no item is left to be a negative.',
    );
  });

  it('keeps interactions whose item or user the attribute tables lack, counted, ids after the table ones', () => {
    const files = ml100kFiles();
    const data = tableFromRows('ml-100k/u.data', null, [
      ['1', '1', '5', '1'],
      ['1', '77', '3', '2'],
      ['9', '2', '4', '3'],
      ['9', '77', '4', '4'],
    ]);
    const { dataset, report } = build([data, ...files.slice(1)]);
    expect(dataset.itemKeys).toEqual(['1', '2', '3', '4', '77']);
    expect(dataset.userKeys).toEqual(['1', '2', '3', '9']);
    expect(report.notes.map((n) => [n.reason, n.count])).toEqual([
      ['unknownUser', 2],
      ['unknownItem', 2],
    ]);
    expect(report.notes[1].example).toMatchObject({ file: 'ml-100k/u.data', line: 2, value: '77' });
    expect(dataset.itemFields[0].tokens[4]).toBe(0); // no row in u.item → unknown decade
    expect(dataset.itemTitles[4]).toBe('77');
  });

  it('keeps strings as data: markup stays text, "__proto__" is an ordinary id', () => {
    const t = tableFromRows(
      'x.csv',
      ['user', 'item', 'title'],
      [
        ['__proto__', 'constructor', '<img src=x onerror=alert(1)>'],
        ['toString', 'b', 'B'],
      ],
    );
    const m = simple('x.csv', [{ role: 'user' }, { role: 'item' }, { role: 'itemText' }], {
      kind: 'implicit',
      ratio: 0,
      seed: 1,
    });
    const { dataset, itemTexts } = buildDataset([t], m);
    expect(dataset.userKeys).toEqual(['__proto__', 'toString']);
    expect(dataset.itemKeys).toEqual(['b', 'constructor']);
    expect(itemTexts).toEqual(['B', '<img src=x onerror=alert(1)>']);
  });
});

describe('buildDataset fatal problems', () => {
  const t = tableFromRows(
    'r.csv',
    ['u', 'i', 'r'],
    [
      ['a', 'x', '5'],
      ['a', 'y', '4'],
    ],
  );
  const roles: TableMapping['roles'] = [{ role: 'user' }, { role: 'item' }, { role: 'rating' }];
  const threshold = { kind: 'threshold', threshold: 4 } as const;

  it('a single user', () => {
    const e = importError(() => buildDataset([t], simple('r.csv', roles, threshold)));
    expect(e.message).toMatch(/single user/);
    expect(e.issue).toMatchObject({ severity: 'fatal', file: 'r.csv' });
  });

  it('a single item', () => {
    const one = tableFromRows(
      'r.csv',
      ['u', 'i', 'r'],
      [
        ['a', 'x', '5'],
        ['b', 'x', '4'],
      ],
    );
    expect(importError(() => buildDataset([one], simple('r.csv', roles, threshold))).message).toMatch(
      /single item/,
    );
  });

  it('no interactions table, no user or item column, no rating for a threshold rule', () => {
    const users: DataMapping = {
      ...simple('r.csv', roles, threshold),
      tables: [{ fileName: 'r.csv', kind: 'users', roles }],
    };
    expect(importError(() => buildDataset([t], users)).message).toMatch(/interactions/);
    const noItem = simple('r.csv', [{ role: 'user' }, { role: 'ignore' }, { role: 'rating' }], threshold);
    expect(importError(() => buildDataset([t], noItem)).message).toMatch(/item id/);
    const noRating = simple('r.csv', [{ role: 'user' }, { role: 'item' }, { role: 'ignore' }], threshold);
    expect(importError(() => buildDataset([t], noRating)).message).toMatch(/rating/);
  });

  it('zero rows left, with the reasons', () => {
    const bad = tableFromRows(
      'r.csv',
      ['u', 'i', 'r'],
      [
        ['a', 'x', 'n/a'],
        ['b', 'y', 'n/a'],
      ],
    );
    const e = importError(() => buildDataset([bad], simple('r.csv', roles, threshold)));
    expect(e.message).toMatch(/No interaction is left.*2 × Rows whose rating is not a number/);
  });

  it('a user field in a table without a user column', () => {
    const items = tableFromRows('items.csv', ['id', 'age'], [['x', '3']]);
    const m: DataMapping = {
      ...simple('r.csv', [{ role: 'user' }, { role: 'item' }, { role: 'rating' }], threshold),
      tables: [
        {
          fileName: 'r.csv',
          kind: 'interactions',
          roles: [{ role: 'user' }, { role: 'item' }, { role: 'rating' }],
        },
        { fileName: 'items.csv', kind: 'items', roles: [{ role: 'item' }, { role: 'userField' }] },
      ],
    };
    const two = tableFromRows(
      'r.csv',
      ['u', 'i', 'r'],
      [
        ['a', 'x', '5'],
        ['b', 'y', '4'],
      ],
    );
    expect(importError(() => buildDataset([two, items], m)).issue).toMatchObject({
      file: 'items.csv',
      column: 2,
    });
  });
});

describe('buildDataset modalities', () => {
  const inter = tableFromRows(
    'a.inter',
    ['user_id', 'item_id'],
    [
      ['0', '2'],
      ['1', '0'],
      ['1', '2'],
    ],
  );
  const mapping = (matrices: DataMapping['matrices'], tables: TableMapping[] = []): DataMapping => ({
    tables: [
      { fileName: 'a.inter', kind: 'interactions', roles: [{ role: 'user' }, { role: 'item' }] },
      ...tables,
    ],
    matrices,
    label: { kind: 'implicit', ratio: 0, seed: 1 },
    formatName: 'MMRec',
  });

  it('takes matrix row i as item id i for 0-based ids (MMRec), even when an item has no interaction', () => {
    const img = matrixFromRows('image_feat.npy', [[10], [11], [12]]);
    const { dataset } = buildDataset(
      [inter, img],
      mapping([{ fileName: 'image_feat.npy', modality: 'visual' }]),
    );
    expect(dataset.itemKeys).toEqual(['0', '2']);
    expect(Array.from(byName(dataset.modalities, 'visual').data)).toEqual([10, 12]);
  });

  it('takes matrix row i as the i-th item of the items table', () => {
    const items = tableFromRows(
      'a.item',
      ['item_id', 'kind'],
      [
        ['2', 'p'],
        ['0', 'q'],
      ],
    );
    const img = matrixFromRows('v.npy', [[20], [0]]);
    const m = mapping(
      [{ fileName: 'v.npy', modality: 'visual' }],
      [{ fileName: 'a.item', kind: 'items', roles: [{ role: 'item' }, { role: 'itemField' }] }],
    );
    const { dataset } = buildDataset([inter, items, img], m);
    expect(dataset.itemKeys).toEqual(['2', '0']);
    expect(Array.from(dataset.modalities[0].data)).toEqual([20, 0]);
  });

  it('refuses a matrix whose row count fits no rule, naming both numbers', () => {
    const renamed = tableFromRows(
      'a.inter',
      ['user_id', 'item_id'],
      [
        ['0', 'p'],
        ['1', 'q'],
        ['1', 'r'],
      ],
    );
    const img = matrixFromRows('v.npy', [[1], [2]]);
    const e = importError(() =>
      buildDataset([renamed, img], mapping([{ fileName: 'v.npy', modality: 'v' }])),
    );
    expect(e.message).toMatch(/2 rows but there are 3 items/);
  });

  it('builds a modality from a feature table; items without a row get zeros and a warning', () => {
    const feat = tableFromRows('f.csv', ['item', 'a', 'b'], [['2', '1', '2']]);
    const m = mapping(
      [],
      [
        {
          fileName: 'f.csv',
          kind: 'itemFeatures',
          roles: [
            { role: 'item' },
            { role: 'itemFeature', modality: 'audio' },
            { role: 'itemFeature', modality: 'audio' },
          ],
        },
      ],
    );
    const { dataset, report } = buildDataset([inter, feat], m);
    expect(dataset.modalities[0]).toMatchObject({ name: 'audio', dim: 2 });
    expect(Array.from(dataset.modalities[0].data)).toEqual([0, 0, 1, 2]);
    expect(report.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/1 of 2 items have no "audio"/),
    ]);
  });
});
