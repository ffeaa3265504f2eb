/**
 * Item modalities (one feature vector per item): from a matrix file, from a table's numeric feature columns,
 * or from one column of vectors. An item with no features gets a zero vector (from a table, with a warning).
 */
import type { Modality } from '../types';
import type { KeyIndex } from './keys';
import { shorten } from './report';
import { fatal, type ImportIssue, type ParsedFile, type ParsedMatrix, type ParsedTable } from './types';
import { isIntegerId, parseNumber } from './values';

/**
 * Matrix row → item: with an items table, row i is its i-th item (rows = its item count, or all items);
 * without, row i is item id i when every id is an integer below the row count (MMRec's 0-based ids),
 * else the i-th item in id order (rows = item count). Anything else is fatal, with the numbers.
 */
export function matrixModality(
  files: readonly ParsedFile[],
  fileName: string,
  name: string,
  items: KeyIndex,
  knownItems: number,
): Modality {
  const m = files.find((f): f is ParsedMatrix => f.kind === 'matrix' && f.fileName === fileName);
  if (!m) throw fatal(fileName, 'The mapping names this matrix, but it was not loaded.');
  const n = items.size;
  const rowOf = new Int32Array(n).fill(-1);
  if (knownItems > 0 && (m.rows === knownItems || m.rows === n)) {
    for (let i = 0; i < Math.min(n, m.rows); i++) rowOf[i] = i;
  } else if (
    knownItems === 0 &&
    items.keys.every((k) => isIntegerId(k) && Number(k) >= 0 && Number(k) < m.rows)
  ) {
    items.keys.forEach((k, i) => (rowOf[i] = Number(k)));
  } else if (knownItems === 0 && m.rows === n) {
    for (let i = 0; i < n; i++) rowOf[i] = i;
  } else {
    const expected = knownItems > 0 ? `the items table lists ${knownItems} items` : `there are ${n} items`;
    throw fatal(
      fileName,
      `The matrix has ${m.rows} rows but ${expected}.`,
      'Row i must describe the i-th item of the items table (or item id i, counting from 0).',
    );
  }
  const data = new Float32Array(n * m.cols);
  for (let i = 0; i < n; i++) {
    if (rowOf[i] >= 0) data.set(m.data.subarray(rowOf[i] * m.cols, (rowOf[i] + 1) * m.cols), i * m.cols);
  }
  return { name, dim: m.cols, data };
}

/** Names made unique in place: a second `visual` becomes `visual_2`. */
export function uniqueModalityNames(modalities: Modality[]): void {
  const used = new Set<string>();
  modalities.forEach((m, k) => {
    let name = m.name;
    for (let s = 2; used.has(name); s++) name = `${m.name}_${s}`;
    used.add(name);
    if (name !== m.name) modalities[k] = { ...m, name };
  });
}

export function featureModality(
  table: ParsedTable,
  columns: readonly number[],
  name: string,
  itemRows: Int32Array,
  numItems: number,
  warnings: ImportIssue[],
): Modality {
  const dim = columns.length;
  const data = new Float32Array(numItems * dim);
  const has = new Uint8Array(numItems);
  columns.forEach((column, d) => {
    const col = table.columns[column];
    const numbers = col.dict.map(parseNumber);
    for (let r = 0; r < itemRows.length; r++) {
      const e = itemRows[r];
      const c = col.codes[r];
      if (e < 0) continue;
      has[e] = 1;
      if (c >= 0 && !Number.isNaN(numbers[c])) data[e * dim + d] = numbers[c];
    }
  });
  warnMissing(table, name, has, warnings);
  return { name, dim, data };
}

export function vectorModality(
  table: ParsedTable,
  column: number,
  name: string,
  separator: string,
  itemRows: Int32Array,
  numItems: number,
  warnings: ImportIssue[],
): Modality {
  const col = table.columns[column];
  const split = (cell: string) => {
    const t = cell.trim();
    if (t === '') return [];
    return (separator.trim() === '' ? t.split(/\s+/) : t.split(separator)).map(parseNumber);
  };
  const vectors = col.dict.map(split);
  const dim = vectors.find((v) => v.length > 0)?.length ?? 0;
  const data = new Float32Array(numItems * dim);
  const has = new Uint8Array(numItems);
  let bad = 0;
  for (let r = 0; r < itemRows.length; r++) {
    const e = itemRows[r];
    const c = col.codes[r];
    if (e < 0 || c < 0) continue;
    const v = vectors[c];
    if (v.length !== dim || v.some(Number.isNaN)) {
      if (bad++ === 0) {
        warnings.push({
          severity: 'warning',
          file: table.fileName,
          line: table.lineOf[r],
          column: column + 1,
          value: shorten(col.dict[c]),
          message: `A "${name}" vector is not ${dim} numbers; such items get a zero vector.`,
        });
      }
      continue;
    }
    data.set(v, e * dim);
    has[e] = 1;
  }
  warnMissing(table, name, has, warnings);
  return { name, dim, data };
}

function warnMissing(table: ParsedTable, name: string, has: Uint8Array, warnings: ImportIssue[]): void {
  let missing = 0;
  for (const h of has) missing += 1 - h;
  if (missing > 0) {
    warnings.push({
      severity: 'warning',
      file: table.fileName,
      message: `${missing} of ${has.length} items have no "${name}" features here; they get a zero vector.`,
    });
  }
}
