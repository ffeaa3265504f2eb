import { IntDictionary } from './readIntDictionary';
import { parseCanonicalInt, parseFiniteNumber } from './readNumber';
import type { TableColumn } from './types';

/**
 * One column's distinct values. Integer columns (ids, timestamps; the bulk of any interaction file) are
 * keyed by number while every cell is a canonical integer; at the first other cell the column switches,
 * once, to string keys, which keeps every code since codes are first-appearance indexes either way.
 */
class ColumnDictionary {
  private ints: IntDictionary | null = new IntDictionary();
  private strings: string[] = [];
  private index = new Map<string, number>();

  codeOf(cell: string): number {
    if (this.ints) {
      const value = parseCanonicalInt(cell);
      if (!Number.isNaN(value)) return this.ints.codeOf(value);
      this.toStrings(this.ints.values);
    }
    let code = this.index.get(cell);
    if (code === undefined) {
      code = this.strings.length;
      this.strings.push(cell);
      this.index.set(cell, code);
    }
    return code;
  }

  private toStrings(values: readonly number[]): void {
    this.ints = null;
    this.strings = values.map(String);
    this.strings.forEach((s, code) => this.index.set(s, code));
  }

  /** Distinct cells as written, and their numbers when all are finite numbers. */
  finish(): { dict: string[]; values: Float64Array | null } {
    if (this.ints) return { dict: this.ints.values.map(String), values: Float64Array.from(this.ints.values) };
    const values = new Float64Array(this.strings.length);
    for (let i = 0; i < values.length; i++) {
      values[i] = parseFiniteNumber(this.strings[i]);
      if (Number.isNaN(values[i])) return { dict: this.strings, values: null };
    }
    return { dict: this.strings, values };
  }
}

/**
 * Dictionary-encodes rows into one Int32Array of codes per column, so memory grows with typed arrays and
 * distinct values, never with row objects. Numbers are parsed once per distinct value.
 */
export class ColumnsBuilder {
  private readonly codes: Int32Array[];
  private readonly dicts: ColumnDictionary[];
  private lines: Int32Array;
  private capacity: number;
  numRows = 0;

  constructor(
    readonly width: number,
    expectedRows: number,
  ) {
    this.capacity = Math.max(16, expectedRows);
    this.codes = Array.from({ length: width }, () => new Int32Array(this.capacity));
    this.dicts = Array.from({ length: width }, () => new ColumnDictionary());
    this.lines = new Int32Array(this.capacity);
  }

  /** Appends one row of exactly `width` cells, which starts on 1-based `line` of the file. */
  add(row: readonly string[], line: number): void {
    if (this.numRows === this.capacity) this.grow();
    const r = this.numRows++;
    this.lines[r] = line;
    for (let c = 0; c < this.width; c++) {
      const cell = row[c];
      this.codes[c][r] = cell === '' ? -1 : this.dicts[c].codeOf(cell);
    }
  }

  private grow(): void {
    this.capacity *= 2;
    const bigger = (a: Int32Array) => {
      const b = new Int32Array(this.capacity);
      b.set(a);
      return b;
    };
    for (let c = 0; c < this.width; c++) this.codes[c] = bigger(this.codes[c]);
    this.lines = bigger(this.lines);
  }

  /** `names` and `types` have one entry per column. */
  finish(
    names: readonly string[],
    types: readonly (TableColumn['recboleType'] | undefined)[],
  ): { columns: TableColumn[]; lineOf: Int32Array } {
    const columns = names.map((name, c): TableColumn => {
      const codes = this.exact(this.codes[c]);
      const { dict, values } = this.dicts[c].finish();
      const type = types[c];
      return {
        name,
        ...(type ? { recboleType: type } : {}),
        codes,
        dict,
        numbers: values && perRow(codes, values),
      };
    });
    return { columns, lineOf: this.exact(this.lines) };
  }

  /** A view would drag the whole over-allocated buffer through postMessage; copy to the exact size. */
  private exact(a: Int32Array): Int32Array {
    return this.numRows === this.capacity ? a : a.slice(0, this.numRows);
  }
}

function perRow(codes: Int32Array, values: Float64Array): Float64Array {
  const numbers = new Float64Array(codes.length);
  for (let r = 0; r < codes.length; r++) numbers[r] = codes[r] < 0 ? NaN : values[codes[r]];
  return numbers;
}
