/**
 * Which rows of a column a rating or a label could not use, counted when the files are read, so that the
 * mapping step can say what is wrong and where before anything is built: the same tests `interactions.ts`
 * applies to the rating (a number) and to the label (0/1, true/false), empty cells included.
 */
import { shorten } from './report';
import type { ParsedTable, TableColumn } from './types';
import { parseBinary, parseNumber } from './values';

/** The rows a test rejects: how many, and the first one (1-based file line, cell value). */
export interface BadCells {
  readonly rows: number;
  readonly line: number;
  readonly value: string;
}

export interface ColumnValueCheck {
  /** Rows whose cell is not a number (as a rating needs), or null when every row is one. */
  readonly notNumber: BadCells | null;
  /** Rows whose cell is not 0/1 or true/false (as a label needs), or null when every row is one. */
  readonly notBinary: BadCells | null;
}

function badCells(col: TableColumn, lineOf: Int32Array, ok: (cell: string) => boolean): BadCells | null {
  const okCode = Uint8Array.from(col.dict, (cell) => (ok(cell) ? 1 : 0));
  let rows = 0;
  let first = -1;
  for (let r = 0; r < col.codes.length; r++) {
    const c = col.codes[r];
    if (c >= 0 && okCode[c] === 1) continue;
    if (rows++ === 0) first = r;
  }
  if (rows === 0) return null;
  const code = col.codes[first];
  return { rows, line: lineOf[first], value: shorten(code < 0 ? '' : col.dict[code]) };
}

/** One check per column of the table. */
export function valueChecks(table: ParsedTable): ColumnValueCheck[] {
  return table.columns.map((col) => ({
    notNumber: badCells(col, table.lineOf, (cell) => !Number.isNaN(parseNumber(cell))),
    notBinary: badCells(col, table.lineOf, (cell) => !Number.isNaN(parseBinary(cell))),
  }));
}
