import { IMPORT_LIMITS, ImportError, type ParsedMatrix } from './types';

/**
 * A reader for NumPy's `.npy` format (numpy.org/neps/nep-0001-npy-format.html): magic `\x93NUMPY`, a version
 * byte pair, a little-endian header length (2 bytes in version 1, 4 in 2 and 3), then a Python dict literal
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (n, d), }` padded with spaces, then the raw array.
 * The dict is matched field by field with patterns, never evaluated.
 */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function isNpy(bytes: Uint8Array): boolean {
  return MAGIC.every((b, i) => bytes[i] === b);
}

interface Dtype {
  readonly littleEndian: boolean;
  readonly kind: 'f' | 'i' | 'u' | 'b';
  readonly size: number;
}

const SUPPORTED = new Set(['f2', 'f4', 'f8', 'i1', 'i2', 'i4', 'i8', 'u1', 'u2', 'u4', 'u8', 'b1']);

/** `.npy` bytes → a row-major float32 matrix; a 1-D array becomes one column. */
export function parseNpy(
  file: string,
  bytes: Uint8Array,
  maxElements = IMPORT_LIMITS.maxFileBytes / 4,
): ParsedMatrix {
  const fail = (message: string, hint?: string): never => {
    throw new ImportError({ severity: 'fatal', file, message, ...(hint ? { hint } : {}) });
  };
  if (bytes.length < 10 || !isNpy(bytes)) {
    fail(
      'This is not a .npy file: it does not start with the NumPy magic bytes.',
      'Save the array with numpy.save.',
    );
  }
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`Unsupported .npy format version ${major}.${bytes[7]}.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) fail('The .npy file is truncated inside its header.');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) fail('The .npy file is truncated inside its header.');
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, dataStart),
  );

  const dtype = parseDescr(header, fail);
  const fortranOrder = /['"]fortran_order['"]\s*:\s*True/.test(header);
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (shapeText === undefined) return fail('The .npy header has no shape.');
  const dims = shapeText
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) =>
      /^\d+L?$/.test(d)
        ? Number.parseInt(d, 10)
        : fail(`The .npy shape (${shapeText}) is not a tuple of sizes.`),
    );
  if (dims.length === 0 || dims.length > 2) {
    fail(
      `The array has ${dims.length} dimensions; a feature matrix has 2 (items × features).`,
      'Reshape it with numpy, e.g. x.reshape(len(x), -1), and save it again.',
    );
  }
  const rows = dims[0];
  const cols = dims.length === 2 ? dims[1] : 1;
  const count = rows * cols;
  if (count === 0) fail(`The matrix is empty (shape ${rows} × ${cols}).`);
  if (count > maxElements) fail(`The matrix has ${count} values; at most ${maxElements} are supported.`);
  if (dataStart + count * dtype.size > bytes.length) {
    fail(`The .npy file is truncated: shape ${rows} × ${cols} needs ${count * dtype.size} bytes of data.`);
  }
  const flat = toFloat32(bytes, dataStart, count, dtype);
  return {
    kind: 'matrix',
    fileName: file,
    rows,
    cols,
    data: fortranOrder ? transpose(flat, rows, cols) : flat,
  };
}

function parseDescr(header: string, fail: (message: string, hint?: string) => never): Dtype {
  if (/['"]descr['"]\s*:\s*\[/.test(header)) {
    fail('The array has a structured (record) dtype; only plain numeric arrays are supported.');
  }
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  if (descr === undefined) return fail('The .npy header has no dtype (descr).');
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(descr);
  if (!m || !SUPPORTED.has(m[2] + m[3])) {
    return fail(
      `The array's dtype ${descr} is not supported.`,
      'Convert it to float32 first: x.astype("float32"). Object and string arrays are never read.',
    );
  }
  return { littleEndian: m[1] !== '>', kind: m[2] as Dtype['kind'], size: Number(m[3]) };
}

function toFloat32(bytes: Uint8Array, start: number, count: number, dtype: Dtype): Float32Array {
  const { littleEndian: le, kind, size } = dtype;
  if (kind === 'f' && size === 4 && le) {
    // slice() copies into a fresh, aligned buffer that the matrix can own.
    return new Float32Array(bytes.slice(start, start + count * 4).buffer);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * size);
  const read = reader(kind, size);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = read(view, i * size, le);
  return out;
}

type Read = (view: DataView, offset: number, littleEndian: boolean) => number;

function reader(kind: Dtype['kind'], size: number): Read {
  const key = `${kind}${size}`;
  switch (key) {
    case 'f2':
      return (v, o, le) => halfToFloat(v.getUint16(o, le));
    case 'f4':
      return (v, o, le) => v.getFloat32(o, le);
    case 'f8':
      return (v, o, le) => v.getFloat64(o, le);
    case 'i1':
      return (v, o) => v.getInt8(o);
    case 'i2':
      return (v, o, le) => v.getInt16(o, le);
    case 'i4':
      return (v, o, le) => v.getInt32(o, le);
    case 'i8':
      return (v, o, le) => Number(v.getBigInt64(o, le));
    case 'u1':
    case 'b1':
      return (v, o) => v.getUint8(o);
    case 'u2':
      return (v, o, le) => v.getUint16(o, le);
    case 'u4':
      return (v, o, le) => v.getUint32(o, le);
    default: // u8; parseDescr admits nothing else
      return (v, o, le) => Number(v.getBigUint64(o, le));
  }
}

/** IEEE 754 half precision → number (subnormals, infinities and NaN included). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** Column-major (Fortran order) → row-major. */
function transpose(colMajor: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) out[r * cols + c] = colMajor[c * rows + r];
  }
  return out;
}
