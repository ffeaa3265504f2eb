import { describe, expect, it } from 'vitest';
import { isNpy, parseNpy } from './npy';
import { ImportError } from './types';

/** An `.npy` file as numpy.save writes it: magic, version, header length, padded dict, data. */
function npy(
  descr: string,
  shape: readonly number[],
  data: Uint8Array,
  { version = 1, fortran = false }: { version?: 1 | 2 | 3; fortran?: boolean } = {},
): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const descrLiteral = descr.startsWith('[') ? descr : `'${descr}'`; // a list is a structured dtype
  let dict = `{'descr': ${descrLiteral}, 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  const prefix = version === 1 ? 10 : 12;
  while ((prefix + dict.length + 1) % 64 !== 0) dict += ' ';
  dict += '\n';
  const out = new Uint8Array(prefix + dict.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, dict.length, true);
  else view.setUint32(8, dict.length, true);
  out.set(new TextEncoder().encode(dict), prefix);
  out.set(data, prefix + dict.length);
  return out;
}
const raw = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function refusal(run: () => unknown): ImportError {
  try {
    run();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('parseNpy', () => {
  it('reads float32 row-major, in every format version', () => {
    const values = Float32Array.from([1, 2.5, -3, 4, 5, 6]);
    for (const version of [1, 2, 3] as const) {
      const m = parseNpy('v.npy', npy('<f4', [2, 3], raw(values), { version }));
      expect(m).toMatchObject({ kind: 'matrix', fileName: 'v.npy', rows: 2, cols: 3 });
      expect(Array.from(m.data)).toEqual([1, 2.5, -3, 4, 5, 6]);
    }
  });

  it('converts float64, int32, int64, uint8, bool and float16 to float32', () => {
    const f8 = parseNpy('a.npy', npy('<f8', [1, 2], raw(Float64Array.from([0.1, 1e10]))));
    expect(Array.from(f8.data)).toEqual([Math.fround(0.1), Math.fround(1e10)]);
    expect(
      Array.from(parseNpy('a.npy', npy('<i4', [3], raw(Int32Array.from([-7, 0, 2 ** 30])))).data),
    ).toEqual([-7, 0, 2 ** 30]);
    expect(
      Array.from(parseNpy('a.npy', npy('<i8', [2], raw(BigInt64Array.from([-5n, 2n ** 40n])))).data),
    ).toEqual([-5, 2 ** 40]);
    expect(Array.from(parseNpy('a.npy', npy('|u1', [2, 2], Uint8Array.from([0, 1, 128, 255]))).data)).toEqual(
      [0, 1, 128, 255],
    );
    expect(Array.from(parseNpy('a.npy', npy('|b1', [2], Uint8Array.from([1, 0]))).data)).toEqual([1, 0]);
    // float16: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 = 0x7BFF (largest), 2^-24 = 0x0001 (smallest subnormal)
    const half = raw(Uint16Array.from([0x3c00, 0xc000, 0x7bff, 0x0001]));
    expect(Array.from(parseNpy('a.npy', npy('<f2', [4], half)).data)).toEqual([1, -2, 65504, 2 ** -24]);
  });

  it('reads big-endian data', () => {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setFloat32(0, 1.5, false);
    view.setFloat32(4, -2, false);
    expect(Array.from(parseNpy('b.npy', npy('>f4', [2, 1], bytes)).data)).toEqual([1.5, -2]);
  });

  it('makes a 1-D array one column', () => {
    const m = parseNpy('c.npy', npy('<f4', [3], raw(Float32Array.from([7, 8, 9]))));
    expect([m.rows, m.cols]).toEqual([3, 1]);
  });

  it('transposes Fortran order into row-major', () => {
    // The 2 × 3 matrix [[1, 2, 3], [4, 5, 6]] stored column by column.
    const m = parseNpy(
      'f.npy',
      npy('<f4', [2, 3], raw(Float32Array.from([1, 4, 2, 5, 3, 6])), { fortran: true }),
    );
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses bad magic, bad versions, odd dtypes and shapes, and truncated data', () => {
    const f4 = (shape: number[], n: number) => npy('<f4', shape, raw(new Float32Array(n)));
    const message = (bytes: Uint8Array) => refusal(() => parseNpy('x.npy', bytes)).issue.message;
    expect(isNpy(new TextEncoder().encode('user,item\n'))).toBe(false);
    expect(message(new TextEncoder().encode('user,item\n1,2\n'))).toMatch(/magic/);
    const v9 = f4([1, 1], 1);
    v9[6] = 9;
    expect(message(v9)).toMatch(/version 9/);
    expect(message(npy('|O', [2], new Uint8Array(16)))).toMatch(/dtype \|O is not supported/);
    expect(message(npy('<U8', [2], new Uint8Array(64)))).toMatch(/not supported/);
    expect(message(npy('<c8', [2], new Uint8Array(16)))).toMatch(/not supported/);
    expect(message(f4([2, 2, 2], 8))).toMatch(/3 dimensions/);
    expect(message(f4([], 1))).toMatch(/0 dimensions/);
    expect(message(f4([0, 4], 0))).toMatch(/empty/);
    expect(message(f4([4, 4], 15))).toMatch(/truncated/);
    expect(message(f4([4, 4], 16).subarray(0, 20))).toMatch(/truncated inside its header/);
    expect(refusal(() => parseNpy('x.npy', f4([4, 4], 16), 10)).issue.message).toMatch(
      /16 values; at most 10/,
    );
  });

  it('refuses structured dtypes without evaluating the header', () => {
    const header = npy("[('a', '<f4'), ('b', '<i4')]", [2], new Uint8Array(16));
    const e = refusal(() => parseNpy('s.npy', header));
    expect(e.issue.message).toMatch(/structured/);
  });
});
