/** The hash that identifies an upload (`Dataset.source.hash`). */
import type { MappedTable } from './attributes';
import { fnv1a, fnv1aInt, FNV_OFFSET } from './text';
import type { DataMapping, ParsedFile, ParsedMatrix } from './types';

/** A 32-bit FNV-1a fingerprint of the mapped cells, matrices and mapping: same input → same hash. */
export function fingerprint(
  tables: readonly MappedTable[],
  files: readonly ParsedFile[],
  mapping: DataMapping,
): string {
  let h = fnv1a(JSON.stringify(mapping), FNV_OFFSET);
  for (const { table } of tables) {
    h = fnv1aInt(table.numRows, fnv1a(table.fileName, h));
    for (const col of table.columns) {
      for (const v of col.dict) h = fnv1aInt(v.length, fnv1a(v, h)); // length: "ab","c" ≠ "a","bc"
      for (let r = 0; r < col.codes.length; r++) h = fnv1aInt(col.codes[r], h);
    }
  }
  for (const { fileName } of mapping.matrices) {
    const m = files.find((f): f is ParsedMatrix => f.kind === 'matrix' && f.fileName === fileName);
    if (!m) continue;
    const bits = new Int32Array(m.data.buffer, m.data.byteOffset, m.data.length);
    for (let k = 0; k < bits.length; k++) h = fnv1aInt(bits[k], h);
  }
  return h.toString(16).padStart(8, '0');
}
