import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from './types';
import { DEFAULT_ZIP_LIMITS, inflateEntry, planUnzip, type ZipLimits } from './zip';
import { readZipDirectory } from './zipDirectory';

function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

/** Overwrites the declared uncompressed size (offset 24) of a one-file zip's central-directory entry. */
function withDeclaredSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let p = out.length - 22; p >= 0; p--) {
    if (view.getUint32(p, true) === 0x02014b50) {
      view.setUint32(p + 24, size, true);
      return out;
    }
  }
  throw new Error('no central directory');
}

const unzipAll = (name: string, zip: Uint8Array, limits?: ZipLimits) => {
  const plan = planUnzip(name, zip, limits);
  return {
    plan,
    files: Object.fromEntries(
      plan.entries.map((e) => [e.name, new TextDecoder().decode(inflateEntry(name, zip, e))]),
    ),
  };
};

describe('zip reading', () => {
  it('inflates deflated and stored files and skips directories, __MACOSX and dotfiles', () => {
    const zip = zipSync({
      'ml/': new Uint8Array(0),
      'ml/u.data': strToU8('196\t242\t3\n'.repeat(100)),
      'ml/u.user': [strToU8('1|24|M\n'), { level: 0 }],
      '__MACOSX/ml/._u.data': strToU8('junk'),
      'ml/.DS_Store': strToU8('junk'),
    });
    const { plan, files } = unzipAll('ml.zip', zip);
    expect(Object.keys(files).sort()).toEqual(['ml/u.data', 'ml/u.user']);
    expect(files['ml/u.data']).toBe('196\t242\t3\n'.repeat(100));
    expect(files['ml/u.user']).toBe('1|24|M\n');
    expect(readZipDirectory('ml.zip', zip).find((e) => e.name === 'ml/u.user')?.method).toBe(0);
    expect(plan.issues).toEqual([]);
    expect(plan.totalBytes).toBe(1000 + 7);
  });

  it('does not open a zip inside a zip', () => {
    const inner = zipSync({ 'a.csv': strToU8('a\n1\n') });
    const { plan } = unzipAll('outer.zip', zipSync({ 'inner.zip': inner, 'b.csv': strToU8('b\n2\n') }));
    expect(plan.entries.map((e) => e.name)).toEqual(['b.csv']);
    expect(plan.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'outer.zip/inner.zip',
        message: expect.stringMatching(/zip inside a zip/),
      }),
    ]);
  });

  it('refuses a zip bomb from its declared sizes, before inflating', () => {
    const bomb = zipSync({ 'zeros.csv': new Uint8Array(20 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(100_000);
    const e = refusal(() => planUnzip('bomb.zip', bomb));
    expect(e.issue).toMatchObject({
      severity: 'fatal',
      file: 'bomb.zip',
      message: expect.stringMatching(/zip bomb/),
    });
  });

  it('stops inflating an entry that outgrows a falsely small declared size', () => {
    const liar = withDeclaredSize(zipSync({ 'zeros.csv': new Uint8Array(4 * 1024 * 1024) }), 1000);
    const plan = planUnzip('liar.zip', liar); // 1000 bytes declared: too small to look like a bomb
    expect(plan.entries[0].size).toBe(1000);
    const e = refusal(() => inflateEntry('liar.zip', liar, plan.entries[0]));
    expect(e.issue.message).toMatch(/more than its declared size/);
  });

  it('refuses an entry that inflates to less than declared', () => {
    const zip = withDeclaredSize(zipSync({ 'a.csv': strToU8('a,b\n1,2\n') }), 100);
    const plan = planUnzip('short.zip', zip);
    expect(refusal(() => inflateEntry('short.zip', zip, plan.entries[0])).issue.message).toMatch(
      /less than its declared/,
    );
  });

  it('enforces the entry, per-file and total limits', () => {
    const files = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`f${i}.csv`, strToU8('x\n'.repeat(100))]),
    );
    const zip = zipSync(files);
    const limits = (l: Partial<ZipLimits>) => ({ ...DEFAULT_ZIP_LIMITS, ...l });
    expect(refusal(() => planUnzip('z.zip', zip, limits({ maxEntries: 4 }))).issue.message).toMatch(
      /5 files; at most 4/,
    );
    expect(refusal(() => planUnzip('z.zip', zip, limits({ maxFileBytes: 199 }))).issue.message).toMatch(
      /f0.csv is/,
    );
    expect(refusal(() => planUnzip('z.zip', zip, limits({ maxTotalBytes: 999 }))).issue.message).toMatch(
      /import can take/,
    );
    expect(
      planUnzip('z.zip', zip, limits({ maxEntries: 5, maxFileBytes: 200, maxTotalBytes: 1000 })).entries,
    ).toHaveLength(5);
  });

  it('refuses damaged archives with an ImportError', () => {
    const zip = zipSync({ 'a.csv': strToU8('a,b\n1,2\n'.repeat(50)) });
    expect(refusal(() => planUnzip('cut.zip', zip.subarray(0, zip.length - 30))).issue.message).toMatch(
      /damaged/,
    );
    expect(refusal(() => planUnzip('tiny.zip', strToU8('PK'))).issue.message).toMatch(/damaged/);
    const scrambled = zip.slice();
    const plan = planUnzip('bad.zip', scrambled);
    scrambled.fill(0xff, plan.entries[0].dataOffset, plan.entries[0].dataOffset + 8);
    expect(refusal(() => inflateEntry('bad.zip', scrambled, plan.entries[0])).issue.message).toMatch(
      /damaged/,
    );
  });
});
