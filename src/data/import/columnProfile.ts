/**
 * What a column's cells look like (numeric, integer, 0/1, id-like, time-like, lists, long text) and how it
 * relates to a key column: the content half of the mapping guess (`columnNames.ts` is the name half).
 */
import { nameTokens } from './columnNames';
import type { TableColumn } from './types';
import { parseIsoDate, parseNumber } from './values';

export interface Profile {
  readonly index: number;
  readonly col: TableColumn;
  readonly tokens: readonly string[];
  readonly nonEmpty: number;
  readonly distinct: number;
  /** Every non-empty cell a number. */
  readonly numeric: boolean;
  /** Non-empty cells that are numbers (rows, not distinct values). */
  readonly numberCells: number;
  readonly integer: boolean;
  readonly binary: boolean;
  /** Short cells without spaces: could be ids. */
  readonly idLike: boolean;
  readonly timeLike: boolean;
  /** The list separator ('|' or ';') most cells containing one use, or null. */
  readonly listSeparator: string | null;
  readonly longText: boolean;
}

export function profile(col: TableColumn, index: number): Profile {
  let nonEmpty = 0;
  for (const c of col.codes) if (c >= 0) nonEmpty++;
  const values = col.dict.map(parseNumber);
  const numeric = col.dict.length > 0 && values.every((v) => !Number.isNaN(v));
  const integer = numeric && values.every(Number.isInteger);
  let numberCells = 0;
  for (const c of col.codes) if (c >= 0 && !Number.isNaN(values[c])) numberCells++;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const sample = col.dict.slice(0, 2000);
  const share = (test: (s: string) => boolean) =>
    sample.length === 0 ? 0 : sample.filter(test).length / sample.length;
  const meanLength = sample.reduce((a, s) => a + s.length, 0) / Math.max(1, sample.length);
  let listSeparator: string | null = null;
  for (const sep of ['|', ';']) {
    if (!numeric && share((s) => s.includes(sep)) >= 0.2) listSeparator = sep;
  }
  const isoDates = !numeric && share((s) => !Number.isNaN(parseIsoDate(s))) >= 0.9;
  return {
    index,
    col,
    tokens: nameTokens(col.name),
    nonEmpty,
    distinct: col.dict.length,
    numeric,
    numberCells,
    integer,
    binary: numeric && values.every((v) => v === 0 || v === 1),
    idLike: integer || (!numeric && meanLength <= 40 && share((s) => /\s/.test(s.trim())) === 0),
    // Epoch seconds from 1973 to milliseconds in 2286, or ISO dates.
    timeLike: isoDates || (integer && min >= 1e8 && max < 1e13),
    listSeparator,
    longText: !numeric && meanLength >= 25 && share((s) => /\s/.test(s.trim())) >= 0.5,
  };
}

/** For a high-cardinality key: does each key value have at most one value of `col` (a per-key attribute)? */
export function dependsOn(col: TableColumn, key: TableColumn): boolean {
  const seen = new Int32Array(key.dict.length).fill(-1);
  for (let r = 0; r < col.codes.length; r++) {
    const k = key.codes[r];
    const c = col.codes[r];
    if (k < 0 || c < 0) continue;
    if (seen[k] === -1) seen[k] = c;
    else if (seen[k] !== c) return false;
  }
  return true;
}

export function smallCardinality(p: Profile): boolean {
  return p.distinct <= 1000 && (p.distinct <= 20 || p.distinct * 2 <= p.nonEmpty);
}
