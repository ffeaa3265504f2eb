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

/** A fatal issue of one file, ready to throw. */
export function fatal(file: string, message: string, hint?: string): ImportError {
  return new ImportError({ severity: 'fatal', file, message, ...(hint ? { hint } : {}) });
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

export type TextEncoding = 'utf-8' | 'latin-1' | 'utf-16le' | 'utf-16be';

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

/**
 * How a field's raw cell becomes its category (applied once per distinct value, never per row):
 * - `ageBucket`: a number of years → `<18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+` (the MovieLens buckets);
 * - `firstChar`: the first character (zip code → region);
 * - `decade`: the 4-digit year anywhere in the cell (`01-Jan-1995`, `1995-06-01`) → `1990s`;
 * - `decadeFromTitle`: the year in a title's trailing `(1995)` → `1990s`.
 * A cell the transform cannot read becomes token 0 (unknown).
 */
export type FieldTransform = 'ageBucket' | 'firstChar' | 'decade' | 'decadeFromTitle';

/**
 * What each column of each table means. Format recognition or guessing proposes it; the user can edit it.
 * `name` overrides the field name (default: the column name). A user-owned role needs a user column in its
 * table and an item-owned role an item column; a field's value per user/item is its last non-empty cell.
 */
export type ColumnRole =
  | { readonly role: 'ignore' }
  | { readonly role: 'user' }
  | { readonly role: 'item' }
  | { readonly role: 'rating' }
  | { readonly role: 'label' }
  | { readonly role: 'timestamp' }
  /** A categorical field of the user (in an interaction or user table) or of the item. */
  | { readonly role: 'userField'; readonly name?: string; readonly transform?: FieldTransform }
  | { readonly role: 'itemField'; readonly name?: string; readonly transform?: FieldTransform }
  /**
   * A multi-valued item field, values separated by `separator` (e.g. genres "Action|Comedy"); `''` keeps the
   * whole cell as one value. Values from several rows of the same item add up (tags.csv: one tag a row).
   */
  | { readonly role: 'itemMultiField'; readonly separator: string; readonly name?: string }
  /**
   * A 0/1 column; all flag columns with the same `field` form one multi-valued item field whose values are
   * the `value`s of the columns set (ml-100k's 19 genre columns). Vocabulary in column order.
   */
  | { readonly role: 'itemFlag'; readonly field: string; readonly value: string }
  /** A numeric field, bucketised into at most 10 quantile buckets (a categorical field). */
  | { readonly role: 'itemNumeric'; readonly name?: string }
  | { readonly role: 'userNumeric'; readonly name?: string }
  /**
   * Item text (title, description): becomes a TF-IDF → SVD text modality (`text.ts`). Several text columns
   * are joined with ". "; each multi-valued field named in `appendFields` is appended as ". Genres: a, b"
   * (ml-100k's item_text.tsv). The first text column also gives the item titles.
   */
  | { readonly role: 'itemText'; readonly appendFields?: readonly string[] }
  /** One column of a dense item feature vector (several columns with the same `modality` form one vector). */
  | { readonly role: 'itemFeature'; readonly modality: string }
  /** A whole feature vector in one cell, numbers separated by `separator` (RecBole `float_seq`). */
  | { readonly role: 'itemVector'; readonly modality: string; readonly separator: string };

export interface TableMapping {
  readonly fileName: string;
  /**
   * What the table holds: interactions (user × item rows; exactly one such table), rows about users, rows
   * about items, or item feature rows. The first `users` / `items` table defines the known users / items and
   * their order; rows of other attribute tables about unknown ids are skipped and counted.
   */
  readonly kind: 'interactions' | 'users' | 'items' | 'itemFeatures';
  /** One role per column, in column order. */
  readonly roles: readonly ColumnRole[];
  /**
   * Extra roles for columns that feed more than one thing (movies.csv's title is the item text and the
   * source of the release decade). `column` is 0-based.
   */
  readonly extraRoles?: readonly { readonly column: number; readonly role: ColumnRole }[];
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
  /**
   * `.npy` matrices used as item modalities: row i = the i-th item of the items table; without one, row i =
   * item id i when ids are 0-based integers (MMRec), else the i-th item in id order.
   */
  readonly matrices: readonly { readonly fileName: string; readonly modality: string }[];
  readonly label: LabelRule;
  /** Recognised format, shown to the user ("MovieLens 100K", "RecBole atomic files", "CSV"). */
  readonly formatName: string;
  /** Suggested dataset name ("MovieLens 100K", a RecBole file stem); the build falls back to a file stem. */
  readonly datasetName?: string;
}
