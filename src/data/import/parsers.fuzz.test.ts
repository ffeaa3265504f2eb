/**
 * Property tests of every parser stage on hostile input: whatever the bytes, a stage returns a well-formed
 * value or throws an `ImportError` (a message for the user); anything else thrown is a bug. 10,000 cases
 * per property with a fixed seed (`npm run fuzz` runs more, see src/data/fuzz.ts).
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fuzzParams } from '../fuzz.testkit';
import { buildDataset } from './build';
import { binaryHint, decodeText } from './decode';
import { parseNpy } from './npy';
import { readTable } from './readTable';
import { proposeMapping } from './recognize';
import { DELIMITERS, sniffFormat } from './sniff';
import { tableFromRows } from './import.testkit';
import { ImportError, type ParsedFile } from './types';
import { inflateEntry, planUnzip, type ZipLimits } from './zip';

/** Runs `f`; an ImportError is a valid outcome (returned as null), anything else propagates. */
function orRefusal<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof ImportError) {
      expect(e.issue.message.length).toBeGreaterThan(0);
      expect(e.issue.file.length).toBeGreaterThan(0);
      return null;
    }
    throw e;
  }
}

/** Bytes: random, or text-like (so the later stages are reached), with an occasional BOM. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc
    .tuple(
      fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe]),
      fc.string({
        unit: fc.constantFrom('a', '1', ',', '\t', ';', '|', ':', '"', '\n', '\r', ' ', 'é', '\u0000'),
      }),
    )
    .map(([bom, s]) => Uint8Array.from([...bom, ...strToU8(s)])),
);

/** Text made of the characters that steer sniffing and quoting, plus some of anything. */
const tableText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      'b',
      '1',
      '2',
      '.',
      '-',
      'e',
      ',',
      '\t',
      ';',
      '|',
      ':',
      '"',
      '\n',
      '\r',
      ' ',
      '=',
    ),
    maxLength: 300,
  }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

describe('decode and sniff (property)', () => {
  it('decodeText returns non-blank text in a known encoding, or refuses with a message', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        binaryHint(b); // must not throw either
        const d = orRefusal(() => decodeText('f.csv', b));
        if (d) {
          expect(['utf-8', 'latin-1', 'utf-16le', 'utf-16be']).toContain(d.encoding);
          expect(d.text).toMatch(/\S/);
        }
      }),
      fuzzParams(101),
    );
  });

  it('sniffFormat always names a known delimiter and a positive width', () => {
    fc.assert(
      fc.property(tableText, (text) => {
        const f = sniffFormat(text);
        expect([...DELIMITERS, ',']).toContain(f.delimiter);
        expect(f.fieldCount).toBeGreaterThanOrEqual(1);
        expect(typeof f.hasHeader).toBe('boolean');
      }),
      fuzzParams(102),
    );
  });
});

describe('readTable (property)', () => {
  it('gives a consistent dictionary-encoded table or a message, within the column limit', () => {
    fc.assert(
      fc.property(tableText, fc.constantFrom(8, 64, 1 << 20), (text, chunkSize) => {
        const t = orRefusal(() =>
          readTable('t.csv', { text, encoding: 'utf-8' }, { chunkSize, maxColumns: 50, maxRows: 40 }),
        );
        if (!t) return;
        expect(t.numRows).toBeGreaterThan(0);
        expect(t.numRows).toBeLessThanOrEqual(40);
        expect(t.columns.length).toBeGreaterThan(0);
        expect(t.columns.length).toBeLessThanOrEqual(50);
        expect(t.lineOf.length).toBe(t.numRows);
        for (let r = 1; r < t.numRows; r++) expect(t.lineOf[r]).toBeGreaterThan(t.lineOf[r - 1]);
        for (const c of t.columns) {
          expect(c.codes.length).toBe(t.numRows);
          for (const code of c.codes) expect(code >= -1 && code < c.dict.length).toBe(true);
          if (c.numbers) {
            expect(c.numbers.length).toBe(t.numRows);
            c.numbers.forEach((x, r) => expect(Number.isFinite(x) || c.codes[r] === -1).toBe(true));
          }
        }
        expect(t.skippedRows).toBeGreaterThanOrEqual(0);
        expect(t.issues.length).toBeLessThanOrEqual(50);
      }),
      fuzzParams(103),
    );
  });
});

/** An `.npy` file as numpy.save writes it. */
function npy(descr: string, shape: readonly number[], data: Uint8Array, version: 1 | 2 = 1): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  while ((prefix + dict.length + 1) % 64 !== 0) dict += ' ';
  dict += '\n';
  const out = new Uint8Array(prefix + dict.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  out.set(strToU8(dict), prefix);
  out.set(data, prefix + dict.length);
  return out;
}

/** Byte flips, a cut, or junk appended: how a download or a copy goes wrong. */
function mutate(base: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      fc.option(fc.nat()),
      fc.uint8Array({ maxLength: 8 }),
    )
    .map(([b, flips, cut, tail]) => {
      const out = b.slice();
      for (const [i, v] of flips) if (out.length) out[i % out.length] = v;
      const kept = cut === null ? out : out.subarray(0, cut % (out.length + 1));
      return Uint8Array.from([...kept, ...tail]);
    });
}

describe('parseNpy (property)', () => {
  const validNpy = fc
    .record({
      descr: fc.constantFrom('<f4', '<f8', '<i4', '|u1', '>f4', '<f2', '|b1', '<c8', '<U3'),
      shape: fc.oneof(
        fc.tuple(fc.nat(6)),
        fc.tuple(fc.nat(6), fc.nat(6)),
        fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)),
        fc.tuple(fc.constant(2 ** 40), fc.constant(2 ** 40)),
      ),
      version: fc.constantFrom(1 as const, 2 as const),
    })
    .chain(({ descr, shape, version }) => {
      const size = Number(descr.slice(2)) || 1;
      const n = shape.reduce((a, b) => a * b, 1);
      const len = n < 1000 ? n * size : 16;
      return fc.uint8Array({ minLength: len, maxLength: len }).map((d) => npy(descr, shape, d, version));
    });

  it('returns a matrix whose data fills rows × cols, or a message; never an oversized allocation', () => {
    fc.assert(
      fc.property(fc.oneof(validNpy, mutate(validNpy), fc.uint8Array({ maxLength: 100 })), (b) => {
        const m = orRefusal(() => parseNpy('m.npy', b, 10_000));
        if (!m) return;
        expect(m.data.length).toBe(m.rows * m.cols);
        expect(m.rows * m.cols).toBeLessThanOrEqual(10_000);
      }),
      fuzzParams(104),
    );
  });
});

describe('zip (property)', () => {
  const limits: ZipLimits = { maxEntries: 5, maxFileBytes: 4096, maxTotalBytes: 8192, maxRatio: 200 };
  const entryName = fc.constantFrom('a.csv', 'b/c.tsv', 'in.zip', '.hidden', '__MACOSX/x', 'dir/', 'm.npy');
  const validZip = fc
    .array(
      fc.tuple(
        entryName,
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.nat(6000).map((n) => new Uint8Array(n).fill(48)),
        ),
        fc.constantFrom(0, 6, 9),
      ),
      { maxLength: 7 },
    )
    .map((entries) =>
      zipSync(
        Object.fromEntries(
          entries.map(([name, data, level], i) => [
            name.endsWith('/') ? name : `${i}${name}`,
            [data, { level: level as 0 | 6 | 9 }],
          ]),
        ),
      ),
    );

  it('plans within the limits and inflates exactly the declared sizes, or refuses with a message', () => {
    fc.assert(
      fc.property(fc.oneof(validZip, mutate(validZip), fc.uint8Array({ maxLength: 120 })), (b) => {
        const plan = orRefusal(() => planUnzip('x.zip', b, limits));
        if (!plan) return;
        expect(plan.entries.length).toBeLessThanOrEqual(limits.maxEntries);
        expect(plan.totalBytes).toBeLessThanOrEqual(limits.maxTotalBytes);
        for (const entry of plan.entries) {
          expect(entry.size).toBeLessThanOrEqual(limits.maxFileBytes);
          expect(entry.name.endsWith('/') || /\.zip$/i.test(entry.name)).toBe(false);
          const out = orRefusal(() => inflateEntry('x.zip', b, entry));
          if (out) expect(out.length).toBe(entry.size);
        }
        for (const issue of plan.issues) expect(issue.message.length).toBeGreaterThan(0);
      }),
      fuzzParams(105),
    );
  });
});

describe('recognize, mapping and build (property)', () => {
  const HEADERS = [
    'user_id',
    'userId',
    'item_id',
    'movieId',
    'rating',
    'timestamp',
    'label',
    'title',
    'genres',
    'age',
    'x',
    'user_id:token',
    'item_id:token',
    'rating:float',
    'feat:float_seq',
    '',
  ];
  const cell = fc.oneof(
    fc.constantFrom('1', '2', '3', '0', '-1', '5', '1e308', '-0', '3.5', 'NaN', 'Infinity', '', 'x', '=1+1'),
    fc.constantFrom('@cmd', '<img src=x onerror=alert(1)>', 'a|b', '1 2 3', '2020-01-01', '9007199254740993'),
    fc.string({ maxLength: 5 }),
  );
  const FILES = [
    'ratings.csv',
    'u.data',
    'u.item',
    'movies.csv',
    'x.inter',
    'x.item',
    'feat.csv',
    'data.tsv',
  ];
  const table = (fileName: string) =>
    fc
      .tuple(fc.boolean(), fc.integer({ min: 1, max: 5 }))
      .chain(([header, width]) =>
        fc.tuple(
          header
            ? fc.array(fc.constantFrom(...HEADERS), { minLength: width, maxLength: width })
            : fc.constant(null),
          fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
        ),
      )
      .map(([header, rows]) => tableFromRows(fileName, header, rows));
  const files: fc.Arbitrary<ParsedFile[]> = fc
    .uniqueArray(fc.constantFrom(...FILES), { minLength: 1, maxLength: 3 })
    .chain((names) => fc.tuple(...names.map(table)));

  it('proposes a mapping with one role per column of tables that exist, and builds it or says why', () => {
    fc.assert(
      fc.property(files, (fs) => {
        const mapping = proposeMapping(fs);
        for (const t of mapping.tables) {
          const f = fs.find((x) => x.fileName === t.fileName);
          expect(f?.kind).toBe('table');
          if (f?.kind === 'table') expect(t.roles.length).toBe(f.columns.length);
        }
        const built = orRefusal(() => buildDataset(fs, mapping));
        if (!built) return;
        const { dataset: ds } = built;
        const { user, item, label, timestamp } = ds.interactions;
        expect(item.length).toBe(user.length);
        expect(label.length).toBe(user.length);
        expect(timestamp.length).toBe(user.length);
        expect(ds.userKeys.length).toBe(ds.numUsers);
        expect(ds.itemKeys.length).toBe(ds.numItems);
        for (let i = 0; i < user.length; i++) {
          expect(user[i] >= 0 && user[i] < ds.numUsers).toBe(true);
          expect(item[i] >= 0 && item[i] < ds.numItems).toBe(true);
          expect(label[i] === 0 || label[i] === 1).toBe(true);
          expect(Number.isFinite(timestamp[i])).toBe(true);
        }
        for (const m of ds.modalities) expect(m.data.every(Number.isFinite)).toBe(true);
      }),
      fuzzParams(106),
    );
  });
});
