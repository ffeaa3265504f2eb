import { parseFiniteNumber } from './readNumber';
import type { TableColumn } from './types';

/** Candidates in order of preference when two fit equally well. `::` first: it is never data by accident. */
export const DELIMITERS = ['::', '\t', ',', ';', '|'] as const;

/** Characters and records looked at: plenty to see a pattern, bounded however large the file. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;
/** Wide rows (thousands of feature columns) outgrow the sample: it then stretches to this many whole lines… */
const SAMPLE_MIN_LINES = 5;
/** …within this bound. */
const SAMPLE_MAX_CHARS = 4 * 1024 * 1024;

export interface SniffedFormat {
  readonly delimiter: string;
  /** The field count that most sampled records have: the width of the table. */
  readonly fieldCount: number;
  readonly hasHeader: boolean;
}

export function sniffFormat(text: string): SniffedFormat {
  const sample = text.slice(0, sampleLength(text));
  const truncated = sample.length < text.length;
  let best: { delimiter: string; fieldCount: number; share: number; records: string[][] } | null = null;
  for (const delimiter of DELIMITERS) {
    const records = splitRecords(sample, delimiter, SAMPLE_RECORDS, truncated);
    const { value: fieldCount, share } = modalCount(records.map((r) => r.length));
    if (fieldCount < 2) continue;
    // Most consistent first, then the wider table (a ';' file with decimal commas), then list order.
    if (!best || share > best.share || (share === best.share && fieldCount > best.fieldCount)) {
      best = { delimiter, fieldCount, share, records };
    }
  }
  if (!best) {
    const records = splitRecords(sample, ',', SAMPLE_RECORDS, truncated);
    return { delimiter: ',', fieldCount: 1, hasHeader: detectHeader(records) };
  }
  return { delimiter: best.delimiter, fieldCount: best.fieldCount, hasHeader: detectHeader(best.records) };
}

function sampleLength(text: string): number {
  let lineEnd = -1;
  for (let lines = 0; lines < SAMPLE_MIN_LINES; lines++) {
    const next = text.indexOf('\n', lineEnd + 1);
    if (next === -1 || next >= SAMPLE_MAX_CHARS) return Math.min(text.length, SAMPLE_MAX_CHARS);
    lineEnd = next;
  }
  return Math.max(Math.min(text.length, SAMPLE_CHARS), lineEnd + 1);
}

/** The most frequent count; on a tie the one seen first, which is the header's when there is one. */
function modalCount(counts: readonly number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let value = 0;
  let top = 0;
  for (const [c, f] of freq) if (f > top) [value, top] = [c, f]; // a Map iterates in insertion order
  return { value, share: counts.length ? top / counts.length : 0 };
}

/**
 * Splits the start of a file into records with the same quoting rules papaparse applies: a field that
 * starts with `"` runs to the next lone `"`, doubled quotes inside are one quote, delimiters and line breaks
 * inside are data. Blank lines are skipped. `dropLast` drops a record the sample may have cut in two.
 */
export function splitRecords(
  text: string,
  delimiter: string,
  maxRecords: number,
  dropLast: boolean,
): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let atFieldStart = true;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== '') records.push(fields);
    fields = [];
    field = '';
    atFieldStart = true;
  };
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[i++];
      else inQuotes = false;
    } else if (atFieldStart && c === '"') {
      inQuotes = true;
      atFieldStart = false;
    } else if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i += delimiter.length - 1;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (!dropLast && records.length < maxRecords && (fields.length > 0 || field !== '')) endRecord();
  return records;
}

export type RecboleType = NonNullable<TableColumn['recboleType']>;
const RECBOLE_HEADER_CELL = /^(.+):(token_seq|token|float_seq|float)$/;

/** The names and types of a RecBole atomic-file header (`user_id:token\titem_id:token`), or null. */
export function recboleHeader(cells: readonly string[]): { name: string; type: RecboleType }[] | null {
  const header: { name: string; type: RecboleType }[] = [];
  for (const cell of cells) {
    const m = RECBOLE_HEADER_CELL.exec(cell.trim());
    if (!m) return null;
    header.push({ name: m[1], type: m[2] as RecboleType });
  }
  return header;
}

/**
 * Column names that interaction and side-information files use, lower-cased without `_`, `-` or spaces.
 * No words that are also likely cell values (click, like, play): a headerless file of them stays headerless.
 */
const KNOWN_NAMES = new Set(
  (
    'id user users uid item items iid movie movies product book song artist track video rating ratings score ' +
    'label count weight value timestamp time ts date datetime title name ' +
    'genre genres tag tags category categories age gender sex occupation zip zipcode city country text description'
  ).split(' '),
);

function looksLikeColumnName(cell: string): boolean {
  const key = cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  return KNOWN_NAMES.has(key) || /^[a-z]+id$/.test(key); // userId, movie_id, productid
}

/**
 * Whether the first record is a header. It is when:
 * 1. every cell is a RecBole `name:type` (types token, token_seq, float, float_seq); or
 * 2. none of its cells is a number, and either
 *    a. in some column its cell is text while most later non-empty cells are numbers
 *       (`rating` above `4`), or
 *    b. some cell is a usual column name (user, item_id, movieId, rating, timestamp, …), which catches
 *       headers over columns of string ids, where (a) cannot tell.
 * A first row with a number in it is data: headers name things.
 */
export function detectHeader(records: readonly (readonly string[])[]): boolean {
  if (records.length === 0) return false;
  const first = records[0];
  if (recboleHeader(first)) return true;
  if (first.some((c) => !Number.isNaN(parseFiniteNumber(c)))) return false;
  const rest = records.slice(1);
  const textOverNumbers = first.some((cell, col) => {
    if (cell.trim() === '') return false;
    const below = rest.map((r) => r[col]).filter((c): c is string => c !== undefined && c.trim() !== '');
    const numeric = below.filter((c) => !Number.isNaN(parseFiniteNumber(c))).length;
    return below.length > 0 && numeric > below.length / 2;
  });
  return textOverNumbers || first.some(looksLikeColumnName);
}
