/** The reader on the real MovieLens 100K files (../shared/datasets, never copied here), zipped in memory. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readFiles } from './readFiles';
import type { ParsedTable } from './types';

const DIR = fileURLToPath(new URL('../../../../shared/datasets/ml-100k/', import.meta.url));

function bytesOf(name: string): Uint8Array {
  const path = DIR + name;
  if (!existsSync(path)) throw new Error(`MovieLens 100K file missing: ${path} (see ../shared/datasets/)`);
  return new Uint8Array(readFileSync(path));
}

describe('readFiles on MovieLens 100K', () => {
  it('reads u.data, u.item (latin-1) and u.user from a zip', async () => {
    const zip = zipSync({
      'ml-100k/u.data': bytesOf('u.data'),
      'ml-100k/u.item': bytesOf('u.item'),
      'ml-100k/u.user': bytesOf('u.user'),
    });
    const { files, issues } = await readFiles([{ name: 'ml-100k.zip', bytes: zip }]);
    expect(issues).toEqual([]);
    const [data, item, user] = files as ParsedTable[];
    expect(data).toMatchObject({
      fileName: 'ml-100k.zip/ml-100k/u.data',
      delimiter: '\t',
      hasHeader: false,
      numRows: 100_000,
      encoding: 'utf-8',
    });
    expect(data.columns.map((c) => c.dict.length)).toEqual([943, 1682, 5, expect.any(Number)]);
    expect(data.columns.every((c) => c.numbers !== null)).toBe(true);
    expect(item).toMatchObject({
      delimiter: '|',
      hasHeader: false,
      numRows: 1682,
      encoding: 'latin-1',
      skippedRows: 0,
    });
    expect(item.columns).toHaveLength(24);
    const titles = item.columns[1].dict;
    expect(titles[0]).toBe('Toy Story (1995)');
    expect(titles.some((t) => t.includes('é'))).toBe(true); // e.g. "Misérables, Les (1995)"
    expect(user).toMatchObject({ delimiter: '|', numRows: 943 });
    expect([...user.columns[2].dict].sort()).toEqual(['F', 'M']);
  });
});
