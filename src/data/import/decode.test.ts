import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { ImportError } from './types';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('decodeText', () => {
  it('reads UTF-8 and strips a BOM', () => {
    expect(decodeText('a.csv', utf8('\uFEFFname,é\n'))).toEqual({ text: 'name,é\n', encoding: 'utf-8' });
    expect(decodeText('a.csv', utf8('name,日本\n'))).toEqual({ text: 'name,日本\n', encoding: 'utf-8' });
  });

  it('falls back to latin-1 for invalid UTF-8, as in MovieLens u.item', () => {
    // "1|Café (1995)" with é as the single byte 0xE9
    const line = [...utf8('1|Caf'), 0xe9, ...utf8(' (1995)\n')];
    expect(decodeText('u.item', Uint8Array.from(line))).toEqual({
      text: '1|Café (1995)\n',
      encoding: 'latin-1',
    });
  });

  it("reads latin-1's 0x80–0x9F as windows-1252, as browsers do", () => {
    expect(decodeText('a.csv', bytes(0x80, 0x20, 0x93, 0x78, 0x94, 0xff)).text).toBe('€ “x”ÿ');
  });

  it('reads UTF-16 in both byte orders, with its BOM or (mostly-ASCII text) without', () => {
    const text = 'user,item,title\n1,2,Amélie 🎬\n';
    const units = Array.from(text, (c) => c.codePointAt(0)!).flatMap((cp) =>
      cp > 0xffff ? [0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)] : [cp],
    );
    const le = (u: number[]) => u.flatMap((x) => [x & 0xff, x >> 8]);
    const be = (u: number[]) => u.flatMap((x) => [x >> 8, x & 0xff]);
    expect(decodeText('w.csv', bytes(...le([0xfeff, ...units])))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText('w.csv', bytes(...be([0xfeff, ...units])))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeText('w.csv', bytes(...le(units)))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText('w.csv', bytes(...be(units)))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reads BOM-less UTF-16 with non-Latin text, even characters whose low byte is zero (Ā, 一)', () => {
    const text = 'user,item,title\n1,2,一千零一夜\n2,3,Ābele Ѐ\n3,4,東京物語\n';
    const units = Array.from(text, (c) => c.charCodeAt(0));
    const le = units.flatMap((x) => [x & 0xff, x >> 8]);
    const be = units.flatMap((x) => [x >> 8, x & 0xff]);
    expect(decodeText('w.csv', bytes(...le))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText('w.csv', bytes(...be))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('refuses 16-bit binary data that looks like BOM-less UTF-16 by its zero bytes', () => {
    // Little-endian 16-bit samples below 256: high bytes zero, low bytes mostly control codes once decoded.
    const samples = Uint8Array.from({ length: 400 }, (_, i) => (i % 2 === 1 ? 0 : 1 + (i % 31)));
    expect(refusal(() => decodeText('audio.csv', samples)).issue.message).toMatch(/binary/);
  });

  it('refuses UTF-16 that does not decode (an unpaired surrogate, a cut-off last byte)', () => {
    for (const b of [
      bytes(0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x62, 0x00),
      bytes(0xff, 0xfe, 0x61, 0x00, 0x62),
    ]) {
      const e = refusal(() => decodeText('w.csv', b));
      expect(e.issue.message).toMatch(/UTF-16LE text but does not decode/);
      expect(e.issue.hint).toMatch(/UTF-8/);
    }
  });

  it('refuses a PNG as binary, naming what it is', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);
    const e = refusal(() => decodeText('photo.csv', png));
    expect(e.issue).toMatchObject({
      severity: 'fatal',
      file: 'photo.csv',
      message: expect.stringMatching(/binary/),
    });
    expect(e.issue.hint).toMatch(/PNG/);
  });

  it('refuses text full of control characters but tolerates a stray one', () => {
    const noisy = Uint8Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? 0x01 : 0x41));
    expect(refusal(() => decodeText('x.csv', noisy)).issue.message).toMatch(/binary/);
    expect(decodeText('x.csv', utf8('a,b\n1,2\n\x1a')).text).toBe('a,b\n1,2\n\x1a');
  });

  it('refuses an empty or blank file', () => {
    expect(refusal(() => decodeText('e.csv', new Uint8Array(0))).issue.message).toMatch(/empty/);
    expect(refusal(() => decodeText('e.csv', utf8('\uFEFF \r\n\n'))).issue.message).toMatch(/no text/);
  });
});
