import { ImportError, type TextEncoding } from './types';

/** Bytes inspected for binary content: enough to see a header and many rows, cheap on any file. */
const SNIFF_BYTES = 64 * 1024;

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/**
 * Bytes → text. UTF-16 when the file starts with its byte-order mark (Excel's "Unicode text") or, without one,
 * when its zero bytes sit where mostly-ASCII UTF-16 puts them; else UTF-8 (a BOM is stripped) when the bytes are
 * valid UTF-8, else latin-1, which cannot fail and is what older datasets use (MovieLens 100K's `u.item`).
 * Refuses empty and binary files, and UTF-16 that does not decode.
 */
export function decodeText(file: string, bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportError({ severity: 'fatal', file, message: 'The file is empty.' });
  const utf16 = startsWith(bytes, [0xff, 0xfe])
    ? 'utf-16le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'utf-16be'
      : utf16WithoutBom(bytes);
  if (utf16) return decodeUtf16(file, bytes, utf16);
  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hasBom ? bytes.subarray(3) : bytes;
  const hint = binaryHint(body);
  if (hint !== null) {
    throw new ImportError({
      severity: 'fatal',
      file,
      message: 'The file looks like a binary file, not text.',
      hint,
    });
  }
  const utf8 = tryUtf8(body);
  const decoded: DecodedText =
    utf8 !== null ? { text: utf8, encoding: 'utf-8' } : { text: decodeLatin1(body), encoding: 'latin-1' };
  return refuseBlank(file, decoded);
}

/** `decoded`, unless its text is only blank lines or spaces (refused, whatever the encoding). */
function refuseBlank(file: string, decoded: DecodedText): DecodedText {
  if (!/\S/.test(decoded.text)) {
    throw new ImportError({
      severity: 'fatal',
      file,
      message: 'The file holds no text, only blank lines or spaces.',
    });
  }
  return decoded;
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: every ASCII character (the digits, separators and
 * line breaks of any table) has a zero high byte (odd offsets in little-endian, even in big-endian), while a
 * zero low byte takes a character at U+xx00 (Ā, Ѐ, 一: about one in 256 of the others). So: at least half the
 * high bytes zero and at most a tenth of the low ones. UTF-8 and latin-1 text has no zero bytes at all, and a
 * binary file that happens to match is refused after decoding (`decodeUtf16`).
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= 0.5 * pairs && zeroEven <= 0.1 * pairs) return 'utf-16le';
  if (zeroEven >= 0.5 * pairs && zeroOdd <= 0.1 * pairs) return 'utf-16be';
  return null;
}

function decodeUtf16(file: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  let text: string;
  try {
    // The decoder drops a leading byte-order mark; `fatal` refuses unpaired surrogates and odd lengths.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError({
      severity: 'fatal',
      file,
      message: `The file looks like ${encoding.toUpperCase()} text but does not decode as it (a cut-off or corrupt file).`,
      hint: 'Save it again, as UTF-8 if you can (in Excel: "CSV UTF-8").',
    });
  }
  if (text.includes('\0') || controlShare(text) > 0.01) {
    throw new ImportError({
      severity: 'fatal',
      file,
      message: 'The file looks like a binary file, not text.',
    });
  }
  return refuseBlank(file, { text, encoding });
}

/** Share of control characters (tab, line breaks and form feed aside) in the first `SNIFF_BYTES` of text. */
function controlShare(text: string): number {
  const n = Math.min(text.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    if (isControl(text.charCodeAt(i))) control++;
  }
  return n > 0 ? control / n : 0;
}

/** A control character other than tab, line feed, carriage return and form feed (a byte or a UTF-16 unit). */
function isControl(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * What the web platform means by "latin1": windows-1252, whose 0x80–0x9F are printable (€, curly quotes)
 * where ISO-8859-1 has control codes. Decoded by hand because Node and browsers disagree on that label.
 * The five bytes that windows-1252 leaves undefined map to the same code point, as WHATWG specifies.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  const block = 8192; // fromCharCode's argument count is bounded by the stack
  const codes = new Uint16Array(block);
  for (let start = 0; start < bytes.length; start += block) {
    const n = Math.min(block, bytes.length - start);
    for (let i = 0; i < n; i++) {
      const b = bytes[start + i];
      codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : b;
    }
    parts.push(String.fromCharCode(...codes.subarray(0, n)));
  }
  return parts.join('');
}

/** Known formats people upload by mistake, for a hint better than "binary". */
const MAGIC: readonly { readonly bytes: readonly number[]; readonly hint: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], hint: 'It is a PNG image.' },
  { bytes: [0xff, 0xd8, 0xff], hint: 'It is a JPEG image.' },
  { bytes: [0x47, 0x49, 0x46, 0x38], hint: 'It is a GIF image.' },
  { bytes: [0x25, 0x50, 0x44, 0x46], hint: 'It is a PDF document.' },
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    hint: 'It is a zip archive (or an .xlsx workbook): name it .zip, or export the sheet as CSV.',
  },
  { bytes: [0x1f, 0x8b], hint: 'It is gzip-compressed: decompress it, or zip it instead.' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], hint: 'It is an old Excel (.xls) workbook: export the sheet as CSV.' },
  { bytes: [0x50, 0x41, 0x52, 0x31], hint: 'It is a Parquet file: export it as CSV.' },
];

/**
 * Null when the start of the bytes looks like text, else a hint saying what the file seems to be.
 * Text files never hold NUL bytes (except UTF-16, refused separately) and almost never control characters
 * other than tab, line feed, carriage return and form feed; a few strays (a DOS end-of-file 0x1A) pass.
 */
export function binaryHint(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let nul = false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      nul = true;
      break;
    }
    if (isControl(b)) control++;
  }
  if (!nul && control <= Math.max(4, n / 100)) return null;
  return (
    MAGIC.find((m) => startsWith(bytes, m.bytes))?.hint ??
    'Upload a CSV/TSV text file, a .npy matrix or a .zip of them; for text in another encoding, save it as UTF-8.'
  );
}
