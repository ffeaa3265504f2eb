import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../fuzz.testkit';
import { readFiles, type InputFile, type ReadProgress } from './readFiles';
import type { ParsedMatrix, ParsedTable } from './types';

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);

/** A 2 × 2 float32 `.npy` ([[1, 2], [3, 4]]), data aligned to 64 bytes as numpy writes it. */
function npy2x2(): Uint8Array {
  const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }".padEnd(128 - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(128 + 16);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, dict.length, 0]);
  out.set(strToU8(dict), 10);
  out.set(new Uint8Array(Float32Array.from([1, 2, 3, 4]).buffer), 128);
  return out;
}

/** MovieLens 100K's u.item style: pipes, latin-1 (0xE9 = é). */
const U_ITEM = Uint8Array.from([...strToU8('1|Toy Story (1995)|0\n2|Caf'), 0xe9, ...strToU8(' (1996)|1\n')]);

const table = (files: readonly unknown[], name: string) =>
  files.find((f) => (f as ParsedTable).fileName === name) as ParsedTable;

describe('readFiles', () => {
  it('reads a zip of several files, naming them after the archive', async () => {
    const zip = zipSync({
      'ml/': new Uint8Array(0),
      'ml/u.data': strToU8('196\t242\t3\t881250949\n186\t302\t3\t891717742\n'),
      'ml/u.item': U_ITEM,
      'ml/image.npy': npy2x2(),
      'ml/poster.png': PNG,
      'ml/old.zip': zipSync({ 'x.csv': strToU8('x\n1\n') }),
      '__MACOSX/ml/._u.data': strToU8('\0\0junk'),
      'ml/.DS_Store': strToU8('\0\0junk'),
    });
    const { files, issues } = await readFiles([{ name: 'ml.zip', bytes: zip }]);
    expect(files.map((f) => f.fileName).sort()).toEqual([
      'ml.zip/ml/image.npy',
      'ml.zip/ml/u.data',
      'ml.zip/ml/u.item',
    ]);
    expect(table(files, 'ml.zip/ml/u.data')).toMatchObject({ delimiter: '\t', numRows: 2, hasHeader: false });
    const item = table(files, 'ml.zip/ml/u.item');
    expect(item).toMatchObject({ encoding: 'latin-1', delimiter: '|' });
    expect(item.columns[1].dict).toEqual(['Toy Story (1995)', 'Café (1996)']);
    const matrix = files.find((f) => f.kind === 'matrix') as ParsedMatrix;
    expect([matrix.rows, matrix.cols, Array.from(matrix.data)]).toEqual([2, 2, [1, 2, 3, 4]]);
    expect(issues.map((i) => [i.severity, i.file])).toEqual([
      ['warning', 'ml.zip/ml/old.zip'],
      ['warning', 'ml.zip/ml/poster.png'],
    ]);
    expect(issues[1].hint).toMatch(/PNG/);
  });

  it('refuses a zip that holds only a zip', async () => {
    const nested = zipSync({ 'inner.zip': zipSync({ 'a.csv': strToU8('a\n1\n') }) });
    const { files, issues } = await readFiles([{ name: 'outer.zip', bytes: nested }]);
    expect(files).toEqual([]);
    expect(issues.map((i) => [i.severity, i.file])).toEqual([
      ['warning', 'outer.zip/inner.zip'],
      ['fatal', 'outer.zip'],
    ]);
  });

  it('refuses a zip bomb and still reads the other inputs', async () => {
    const bomb = zipSync({ 'zeros.csv': new Uint8Array(20 * 1024 * 1024) });
    const { files, issues } = await readFiles([
      { name: 'bomb.zip', bytes: bomb },
      { name: 'ratings.csv', bytes: strToU8('user,item\nu1,i1\n') },
    ]);
    expect(files.map((f) => f.fileName)).toEqual(['ratings.csv']);
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'fatal',
        file: 'bomb.zip',
        message: expect.stringMatching(/zip bomb/),
      }),
    ]);
  });

  it('leaves out unreadable files with a fatal issue naming each', async () => {
    const { files, issues } = await readFiles([
      { name: 'ratings.csv', bytes: strToU8('\uFEFFuser_id,item_id\r\nalice,b1\r\nbob,b2\r\n') },
      { name: 'photo.csv', bytes: PNG },
      { name: 'empty.csv', bytes: new Uint8Array(0) },
      { name: 'header.csv', bytes: strToU8('user,item,rating\n') },
      { name: 'features.bin', bytes: npy2x2() }, // recognised by its magic bytes
    ]);
    expect(files.map((f) => [f.fileName, f.kind])).toEqual([
      ['ratings.csv', 'table'],
      ['features.bin', 'matrix'],
    ]);
    expect(table(files, 'ratings.csv').columns.map((c) => c.name)).toEqual(['user_id', 'item_id']);
    expect(issues.map((i) => [i.severity, i.file])).toEqual([
      ['fatal', 'photo.csv'],
      ['fatal', 'empty.csv'],
      ['fatal', 'header.csv'],
    ]);
  });

  it('reports progress per file, ending at 1', async () => {
    const events: ReadProgress[] = [];
    const big = 'user,item\n' + '1,2\n'.repeat(600_000); // 2.4 MB: several 1 MB progress steps
    const zip = zipSync({ 'a.csv': strToU8('a\n1\n') });
    await readFiles(
      [
        { name: 'big.csv', bytes: strToU8(big) },
        { name: 'z.zip', bytes: zip },
      ],
      (p) => events.push(p),
    );
    const of = (file: string) => events.filter((e) => e.file === file).map((e) => e.fraction);
    expect(of('big.csv').length).toBeGreaterThanOrEqual(3);
    expect(of('big.csv').at(-1)).toBe(1);
    expect(of('z.zip/a.csv').at(-1)).toBe(1);
    expect(of('z.zip').at(-1)).toBe(1);
  });
});

describe('readFiles on arbitrary bytes (property)', () => {
  const seeds: readonly InputFile[] = [
    { name: 'r.csv', bytes: strToU8('user,item,rating\n1,2,"3"\n4,5,6\n') },
    { name: 'u.item', bytes: U_ITEM },
    { name: 'm.npy', bytes: npy2x2() },
    {
      name: 'd.zip',
      bytes: zipSync({ 'a.csv': strToU8('a,b\n1,2\n'), 'b.npy': npy2x2(), 'c/': new Uint8Array(0) }),
    },
    { name: 'p.png', bytes: PNG },
  ];
  const names = ['a.csv', 'a.npy', 'a.zip', 'a.tsv', 'data'];
  const mutated = fc
    .record({
      seed: fc.nat({ max: seeds.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat()),
      rename: fc.option(fc.constantFrom(...names)),
    })
    .map(({ seed, flips, cut, rename }): InputFile => {
      const bytes = seeds[seed].bytes.slice();
      for (const [i, v] of flips) bytes[i % bytes.length] = v;
      return {
        name: rename ?? seeds[seed].name,
        bytes: cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1)),
      };
    });
  const random = fc.record({ name: fc.constantFrom(...names), bytes: fc.uint8Array({ maxLength: 300 }) });

  it('never throws, and accounts for every input with a file or an issue', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(mutated, random), { minLength: 1, maxLength: 3 }),
        async (inputs) => {
          const { files, issues } = await readFiles(inputs);
          for (const input of inputs) {
            const mine = (name: string) => name === input.name || name.startsWith(`${input.name}/`);
            expect(files.some((f) => mine(f.fileName)) || issues.some((i) => mine(i.file))).toBe(true);
          }
          for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
        },
      ),
      fuzzParams(42),
    );
  });
});
