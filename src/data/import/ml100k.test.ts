/**
 * The whole building half on the real MovieLens 100K files (../shared/datasets, never copied here), parsed
 * by a minimal local splitter so this test does not depend on the reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chronologicalSplit, splitDataset } from '../split';
import { summarize } from '../types';
import { buildDataset } from './build';
import { recognizeFormat } from './recognize';
import { tokenize } from './tfidf';
import { tableFromRows } from './import.testkit';

const DIR = fileURLToPath(new URL('../../../../shared/datasets/ml-100k/', import.meta.url));

function readText(name: string, encoding: 'utf-8' | 'latin1' = 'utf-8'): string {
  const path = DIR + name;
  if (!existsSync(path)) {
    throw new Error(`MovieLens 100K file missing: ${path} (see ../shared/datasets/README.md)`);
  }
  return new TextDecoder(encoding).decode(readFileSync(path));
}

function rows(text: string, delimiter: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(delimiter));
}

describe('MovieLens 100K, real files', () => {
  it('is recognised and built into the P1 dataset with its split', () => {
    const files = [
      tableFromRows('ml-100k/u.data', null, rows(readText('u.data'), '\t'), { delimiter: '\t' }),
      tableFromRows('ml-100k/u.user', null, rows(readText('u.user'), '|'), { delimiter: '|' }),
      tableFromRows('ml-100k/u.item', null, rows(readText('u.item', 'latin1'), '|'), {
        delimiter: '|',
        encoding: 'latin-1',
      }),
    ];
    const mapping = recognizeFormat(files);
    expect(mapping?.formatName).toBe('MovieLens 100K');
    const { dataset: ds, report, itemTexts } = buildDataset(files, mapping!);

    expect(ds.interactions.user).toHaveLength(100_000);
    expect(ds.numUsers).toBe(943);
    expect(ds.numItems).toBe(1682);
    expect(report.dropped).toEqual([]);
    expect(report.notes).toEqual([]);

    expect(ds.userFields.map((f) => [f.name, f.vocab.length - 1])).toEqual([
      ['age', 7],
      ['gender', 2],
      ['occupation', 21],
      ['zip_prefix', expect.any(Number)],
    ]);
    const age = ds.userFields[0];
    expect(new Set(age.tokens).size).toBe(7); // every bucket has users, no unknown
    expect(ds.itemFields.map((f) => f.name)).toEqual(['release_decade']);
    const decade = ds.itemFields[0];
    expect(decade.vocab[decade.tokens[ds.itemKeys.indexOf('1')]]).toBe('1990s');
    expect(decade.tokens[ds.itemKeys.indexOf('267')]).toBe(0); // item 267 has no date
    const genres = ds.itemMultiFields[0];
    expect(genres.name).toBe('genres');
    expect(genres.vocab.length - 1).toBe(19);

    // The composed item text equals the shared item_text.tsv for every item.
    const expected = rows(readText('item_text.tsv'), '\t').slice(1);
    expect(ds.itemKeys).toEqual(expected.map((r) => r[0]));
    expect(itemTexts).toEqual(expected.map((r) => r[1]));
    const text = ds.modalities.find((m) => m.name === 'text')!;
    expect(text.dim).toBe(64);
    const terms = new Set(itemTexts!.flatMap(tokenize)).size;
    expect(report.textFeaturizer).toBe(`text: TF-IDF (${terms.toLocaleString('en-US')} terms) → SVD 64`);
    for (let i = 0; i < ds.numItems; i += 97) {
      const row = text.data.subarray(i * 64, (i + 1) * 64);
      expect(Math.hypot(...row)).toBeCloseTo(1, 5);
    }

    const summary = summarize(ds);
    expect(summary.labelBalance).toEqual({ positives: 55_375, negatives: 44_625 });
    expect((summary.positiveRate * 100).toFixed(1)).toBe('55.4');
    expect(summary.userActivity.min).toBe(20);
    expect(summary.coldItems).toBe(0);
    expect(summary.timeRange).toEqual([874724710, 893286638]);

    const split = chronologicalSplit(ds.interactions);
    expect([split.train.length, split.valid.length, split.test.length]).toEqual([80_808, 9_596, 9_596]);
    const same = splitDataset(ds.interactions, { method: 'chronological' });
    expect(Array.from(same.test)).toEqual(Array.from(split.test));
    expect(Array.from(same.valid)).toEqual(Array.from(split.valid));
    expect(same.droppedUsers).toBe(0);
  });
});
