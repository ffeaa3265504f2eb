import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { summarize } from '../types';
import { buildDataset } from './build';
import { readFiles } from './readFiles';
import { proposeMapping } from './recognize';
import type { ParsedTable } from './types';
import { valueChecks } from './valueChecks';

/** MovieLens latest-small's ratings.csv layout, with two ratings that are not numbers (lines 3 and 6). */
const RATINGS =
  'userId,movieId,rating,timestamp\n' +
  '1,10,4.5,964982703\n' +
  '1,20,n/a,964981247\n' +
  '2,10,3.0,964982224\n' +
  '2,30,5.0,964983815\n' +
  '3,20,n/a,964982931\n' +
  '3,30,4.0,964982400\n';

async function read(name: string, text: string): Promise<ParsedTable> {
  const { files } = await readFiles([{ name, bytes: strToU8(text) }]);
  return files[0] as ParsedTable;
}

describe('a rating column with cells that are not numbers', () => {
  it('is counted per column when read: how many rows, and the first one’s line and value', async () => {
    const table = await read('my-ratings.csv', RATINGS);
    const checks = valueChecks(table);
    expect(checks[2].notNumber).toEqual({ rows: 2, line: 3, value: 'n/a' });
    expect(checks[0].notNumber).toBeNull();
    expect(checks[3].notNumber).toBeNull();
    // Empty cells count too: a rating needs a number in every row it keeps.
    const blank = await read('b.csv', 'user,item,rating\nu1,i1,4\nu1,i2,\nu2,i1,3\n');
    expect(valueChecks(blank)[2].notNumber).toEqual({ rows: 1, line: 3, value: '' });
  });

  it('is still guessed to be the rating when most rows are numbers, and the build names the first bad row', async () => {
    const table = await read('my-ratings.csv', RATINGS);
    const mapping = proposeMapping([table]);
    expect(mapping.tables[0].roles.map((r) => r.role)).toEqual(['user', 'item', 'rating', 'timestamp']);
    expect(mapping.label).toEqual({ kind: 'threshold', threshold: 4 });
    const { report, dataset } = buildDataset([table], mapping);
    expect(report.rowsKept).toBe(4);
    expect(report.dropped).toEqual([
      expect.objectContaining({
        reason: 'badRating',
        count: 2,
        example: expect.objectContaining({ file: 'my-ratings.csv', line: 3, column: 3, value: 'n/a' }),
      }),
    ]);
    expect(valueChecks(table)[2].notNumber?.rows).toBe(report.dropped[0].count);
    expect(summarize(dataset).density).toBeLessThanOrEqual(1);
  });

  it('is not guessed to be the rating when most rows are text', async () => {
    const text = 'user,item,rating\nu1,i1,good\nu1,i2,bad\nu2,i1,good\nu2,i3,5\nu3,i2,bad\n';
    const mapping = proposeMapping([await read('opinions.csv', text)]);
    expect(mapping.tables[0].roles[2].role).not.toBe('rating');
    expect(mapping.label.kind).toBe('implicit');
  });
});

describe('density', () => {
  it('counts distinct user–item pairs, so sampled negatives that repeat a pair cannot push it over 100 %', async () => {
    // 3 users × 3 items, 6 positives: each user has one unseen item, so all 4 negatives per positive are it.
    const text = 'user,item\nu1,i1\nu1,i2\nu2,i1\nu2,i3\nu3,i2\nu3,i3\n';
    const table = await read('implicit.csv', text);
    const mapping = proposeMapping([table]);
    expect(mapping.label).toEqual({ kind: 'implicit', ratio: 4, seed: 42 });
    const s = summarize(buildDataset([table], mapping).dataset);
    expect(s.numInteractions).toBe(30); // 6 × (1 + 4): the 333.33 % the study saw
    expect(s.distinctPairs).toBe(9);
    expect(s.density).toBe(1);
  });

  it('is pairs / (users × items) for explicit ratings', async () => {
    const table = await read(
      'ratings.csv',
      'userId,movieId,rating,timestamp\n1,10,4,1\n1,20,2,2\n2,10,5,3\n',
    );
    const s = summarize(buildDataset([table], proposeMapping([table])).dataset);
    expect(s.distinctPairs).toBe(3);
    expect(s.density).toBeCloseTo(3 / 4, 12);
  });
});
