/**
 * The contract between the two halves of "bring your own data":
 *   1. reading (`read*.ts`): bytes → decoded text → sniffed CSV → `ParsedTable` (or `.npy` → `ParsedMatrix`);
 *   2. building (`mapping.ts`, `build.ts`): tables + a `DataMapping` (roles of columns) → `Dataset`.
 * Everything here is plain data (structured-cloneable), runs in the worker and in Node, and never holds one
 * object per row: columns are dictionary-encoded into typed arrays.
 */

/** A problem in an input file, with where it is, for a message the user can act on. */
export interface ImportIssue {
  readonly severity: 'fatal' | 'warning';
  readonly file: string;
  /** 1-based line in the file, when the problem is on a line. */
  readonly line?: number;
  /** 1-based column (field) number, when the problem is in a field. */
  readonly column?: number;
  /** The offending value, shortened to at most 80 characters. */
  readonly value?: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** Thrown for a fatal problem; carries the issue so the UI can show file, line, column and value. */
export class ImportError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(formatIssue(issue));
    this.name = 'ImportError';
  }
}

export function formatIssue(i: ImportIssue): string {
  const where = [
    i.file,
    i.line !== undefined ? `line ${i.line}` : '',
    i.column !== undefined ? `column ${i.column}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const value = i.value !== undefined ? ` (value "${i.value}")` : '';
  return `${where}: ${i.message}${value}${i.hint ? ` ${i.hint}` : ''}`;
}

/** One column of a parsed table, dictionary-encoded. */
export interface TableColumn {
  /** Header name, or `column N` (1-based) when the file has no header. */
  readonly name: string;
  /** RecBole atomic-file type from a `name:type` header, when present. */
  readonly recboleType?: 'token' | 'token_seq' | 'float' | 'float_seq';
  /** Index into `dict` for each row; -1 for an empty cell. */
  readonly codes: Int32Array;
  /** Distinct cell values in order of first appearance. */
  readonly dict: readonly string[];
  /** The number in each row when every non-empty cell parses as a finite number (NaN if empty); else null. */
  readonly numbers: Float64Array | null;
}

export type TextEncoding = 'utf-8' | 'latin-1';

export interface ParsedTable {
  readonly kind: 'table';
  readonly fileName: string;
  readonly encoding: TextEncoding;
  /** The field delimiter found (',', '\t', ';', '|', '::', …). */
  readonly delimiter: string;
  readonly hasHeader: boolean;
  readonly numRows: number;
  readonly columns: readonly TableColumn[];
  /** 1-based line in the file where each kept row starts (quoted newlines make rows span lines). */
  readonly lineOf: Int32Array;
  /** The first rows as raw strings, for the column-mapping preview. */
  readonly preview: readonly (readonly string[])[];
  /** Recoverable problems (e.g. a ragged row that was skipped), at most 50 kept; see `skippedRows`. */
  readonly issues: readonly ImportIssue[];
  readonly skippedRows: number;
}

/** A dense float matrix from an `.npy` file (MMRec item features: row i = item i). */
export interface ParsedMatrix {
  readonly kind: 'matrix';
  readonly fileName: string;
  readonly rows: number;
  readonly cols: number;
  /** Row-major, converted to float32. */
  readonly data: Float32Array;
}

export type ParsedFile = ParsedTable | ParsedMatrix;

/** Limits, stated in the UI and enforced with a message. */
export const IMPORT_LIMITS = {
  /** Per file, after unzipping. */
  maxFileBytes: 200 * 1024 * 1024,
  /** Sum of all files of one import, after unzipping. */
  maxTotalBytes: 400 * 1024 * 1024,
  maxRows: 5_000_000,
  maxColumns: 2_000,
  /** Files inside one zip. */
  maxZipEntries: 200,
  /** Unzipped size / zipped size above which a zip is refused as a bomb. */
  maxZipRatio: 200,
} as const;

/** What each column of each table means. The reader's format recognition proposes it; the user can edit it. */
export type ColumnRole =
  | { readonly role: 'ignore' }
  | { readonly role: 'user' }
  | { readonly role: 'item' }
  | { readonly role: 'rating' }
  | { readonly role: 'label' }
  | { readonly role: 'timestamp' }
  /** A categorical field of the user (in an interaction or user table) or of the item. */
  | { readonly role: 'userField' }
  | { readonly role: 'itemField' }
  /** A multi-valued item field, values separated by `separator` (e.g. genres "Action|Comedy"). */
  | { readonly role: 'itemMultiField'; readonly separator: string }
  /** A numeric item field, bucketised into quantiles. */
  | { readonly role: 'itemNumeric' }
  /** Item text (title, description): becomes a text modality vector. */
  | { readonly role: 'itemText' }
  /** One column of a dense item feature vector (several columns with the same `modality` form one vector). */
  | { readonly role: 'itemFeature'; readonly modality: string };

export interface TableMapping {
  readonly fileName: string;
  /** What the table holds: interactions (user × item rows), one row per user, or one row per item. */
  readonly kind: 'interactions' | 'users' | 'items' | 'itemFeatures';
  /** One role per column, in column order. */
  readonly roles: readonly ColumnRole[];
}

export type LabelRule =
  /** Explicit: rating ≥ threshold → positive, else negative. */
  | { readonly kind: 'threshold'; readonly threshold: number }
  /** The table's label column as is (0/1). */
  | { readonly kind: 'column' }
  /** Implicit: every interaction is positive; `ratio` negatives per positive are sampled with `seed`. */
  | { readonly kind: 'implicit'; readonly ratio: number; readonly seed: number };

export interface DataMapping {
  readonly tables: readonly TableMapping[];
  /** `.npy` matrices used as item modalities: row i = the i-th item in the items table (or item id order). */
  readonly matrices: readonly { readonly fileName: string; readonly modality: string }[];
  readonly label: LabelRule;
  /** Recognised format, shown to the user ("MovieLens 100K", "RecBole atomic files", "CSV"). */
  readonly formatName: string;
}
