import { decodeLatin1 } from './decode';
import { ImportError } from './types';

/** One file of a zip as its central directory declares it. Sizes are claims until inflating confirms them. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  readonly name: string;
  /** 0 stored, 8 deflate; anything else is unsupported. */
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  /** Declared uncompressed size. */
  readonly size: number;
  /** Where the compressed bytes start in the archive. */
  readonly dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_COMMENT = 0xffff;

/**
 * Reads a zip's central directory (PKWARE APPNOTE §4.3), including zip64 sizes. fflate inflates but does not
 * say where an entry's data starts, which streaming it with a size limit needs; this small reader does.
 * Every offset is bounds-checked: a corrupt or truncated archive raises an `ImportError`, not a RangeError.
 */
export function readZipDirectory(file: string, bytes: Uint8Array): ZipEntry[] {
  const corrupt = (what: string): never => {
    throw new ImportError({
      severity: 'fatal',
      file,
      message: `The zip archive is damaged or incomplete (${what}).`,
      hint: 'Create the zip again, or upload its files directly.',
    });
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (offset: number, length: number, what: string) => {
    if (!Number.isSafeInteger(offset) || offset < 0 || offset + length > bytes.length) corrupt(what);
  };
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const u64 = (o: number) => Number(view.getBigUint64(o, true));

  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - MAX_COMMENT); p--) {
    if (u32(p) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) corrupt('no end-of-directory record');
  let count = u16(eocd + 10);
  let directory = u32(eocd + 16);
  if ((count === 0xffff || directory === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === ZIP64_LOCATOR) {
    const z = u64(eocd - 12);
    need(z, 56, 'zip64 directory record');
    if (u32(z) !== ZIP64_EOCD) corrupt('zip64 directory record');
    count = u64(z + 32);
    directory = u64(z + 48);
  }

  const entries: ZipEntry[] = [];
  for (let i = 0, p = directory; i < count; i++) {
    need(p, 46, 'central directory');
    if (u32(p) !== CENTRAL_HEADER) corrupt('central directory');
    const flags = u16(p + 8);
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    need(p + 46, nameLength + extraLength + u16(p + 32), 'central directory');
    let compressedSize = u32(p + 20);
    let size = u32(p + 24);
    let localOffset = u32(p + 42);
    // Zip64 extra field (id 1): 8-byte values, present only for the 32-bit fields that are 0xffffffff.
    for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; e += 4 + u16(e + 2)) {
      if (u16(e) !== 1) continue;
      let f = e + 4;
      const next = () => {
        need(f, 8, 'zip64 sizes');
        const v = u64(f);
        f += 8;
        return v;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
      break;
    }
    const nameBytes = bytes.subarray(p + 46, p + 46 + nameLength);
    // Bit 11 marks UTF-8 names; many tools write UTF-8 without it, so try UTF-8 before the legacy code page.
    const name = utf8OrNull(nameBytes) ?? decodeLatin1(nameBytes);
    need(localOffset, 30, `local header of ${name}`);
    if (u32(localOffset) !== LOCAL_HEADER) corrupt(`local header of ${name}`);
    const dataOffset = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    need(dataOffset, compressedSize, `data of ${name}`);
    entries.push({
      name,
      method: u16(p + 10),
      encrypted: (flags & 1) === 1,
      compressedSize,
      size,
      dataOffset,
    });
    p += 46 + nameLength + extraLength + u16(p + 32);
  }
  return entries;
}

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
