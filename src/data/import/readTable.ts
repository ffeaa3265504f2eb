import Papa from 'papaparse';
import type { DecodedText } from './decode';
import { ColumnsBuilder } from './readColumns';
import { recboleHeader, sniffFormat, type RecboleType } from './sniff';
import { IMPORT_LIMITS, ImportError, type ImportIssue, type ParsedTable } from './types';

export interface ReadTableOptions {
  /** Characters per papaparse chunk, which is also the progress step. */
  readonly chunkSize?: number;
  readonly maxRows?: number;
  readonly maxColumns?: number;
  /** Share of the text read so far, in [0, 1]. */
  readonly onProgress?: (fraction: number) => void;
}

const PREVIEW_ROWS = 20;
const MAX_ISSUES = 50;
const MAX_VALUE_CHARS = 80;

/**
 * Decoded text → a dictionary-encoded table. Cells are kept exactly as written (no trimming: a space may be
 * data), except a trailing `\r` on a row's last cell in a file read as LF-separated: it is the rest of a CRLF
 * line end in a file that mixes both (a quoted last cell that really ends in `\r` loses it too). Cells are never
 * interpreted: `=SUM(A1)` or `@cmd` are just strings. Blank lines are skipped; rows with a field count other
 * than the table's are skipped with a warning. Throws `ImportError` when nothing usable is left.
 */
export function readTable(file: string, decoded: DecodedText, options: ReadTableOptions = {}): ParsedTable {
  const { text, encoding } = decoded;
  const maxRows = options.maxRows ?? IMPORT_LIMITS.maxRows;
  const maxColumns = options.maxColumns ?? IMPORT_LIMITS.maxColumns;
  const chunkSize = options.chunkSize ?? 1 << 20;
  const { delimiter, fieldCount, hasHeader } = sniffFormat(text);
  if (fieldCount > maxColumns) {
    throw new ImportError({
      severity: 'fatal',
      file,
      message: `The table has ${fieldCount} columns; at most ${maxColumns} are supported.`,
      hint: 'Keep only the columns you need, or store wide feature vectors as a .npy matrix.',
    });
  }
  const newline = lineEnding(text);
  // Without quotes no field can hold a line break, so rows need no scan for them.
  const mayHoldBreaks = text.includes('"');
  const breakChar = newline === '\r' ? '\r' : '\n';
  // Split on LF, the CRLF rows of a mixed file leave a `\r` on their last cell.
  const stripCr = newline === '\n';
  const builder = new ColumnsBuilder(fieldCount, Math.min(countChar(text, breakChar) + 1, maxRows + 1));
  const issues: ImportIssue[] = [];
  const warn = (issue: Omit<ImportIssue, 'severity' | 'file'>) => {
    if (issues.length < MAX_ISSUES) issues.push({ severity: 'warning', file, ...issue });
  };
  const preview: string[][] = [];
  let header: string[] | null = null;
  let headerLine = 1;
  let line = 1; // where the next row starts
  let skippedRows = 0;
  let firstSkipped: { line: number; fields: number } | null = null;
  let fatal: ImportError | null = null;
  let chunks = 0;

  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    quoteChar: '"',
    skipEmptyLines: false, // blank lines are skipped below, where they still count for line numbers
    chunkSize,
    chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
      const quoteProblems = new Map<number, Papa.ParseError['code']>();
      for (const e of results.errors) if (e.row !== undefined) quoteProblems.set(e.row, e.code);
      const rows = results.data;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const rowLine = line;
        line += 1 + (mayHoldBreaks ? countBreaks(row, breakChar) : 0);
        const last = row.length - 1;
        if (stripCr && row[last].endsWith('\r')) row[last] = row[last].slice(0, -1);
        if (row.length === 1 && row[0].trim() === '') continue;
        const problem = quoteProblems.get(i);
        // An unclosed quote read the rest of the file into one cell (a final line break alone is no loss).
        const rest = problem === 'MissingQuotes' ? row.map((c) => c.replace(/[\r\n]+$/, '')) : [];
        const swallowed = rest.findIndex((c) => c.includes(breakChar));
        if (swallowed >= 0) {
          const lines = countBreaks(rest, breakChar);
          fatal = new ImportError({
            severity: 'fatal',
            file,
            line: rowLine,
            column: swallowed + 1,
            value: shorten(row[swallowed]),
            message: `A quoted field opens here and is never closed, so the ${lines} line${lines === 1 ? '' : 's'} after it were read into this one cell.`,
            hint: 'Close the quote; a quote inside a quoted field is written twice ("").',
          });
          parser.abort();
          return;
        }
        if (problem)
          warn({ line: rowLine, message: quoteMessage(problem), value: shorten(row.join(delimiter)) });
        if (hasHeader && header === null) {
          header = row;
          headerLine = rowLine;
          continue;
        }
        if (row.length !== fieldCount) {
          skippedRows++;
          firstSkipped ??= { line: rowLine, fields: row.length };
          warn({
            line: rowLine,
            value: shorten(row.join(delimiter)),
            message: `Row skipped: it has ${row.length} field${row.length === 1 ? '' : 's'}, the table has ${fieldCount}.`,
            hint: 'Quote fields that contain the delimiter or line breaks.',
          });
          continue;
        }
        if (builder.numRows === maxRows) {
          fatal = new ImportError({
            severity: 'fatal',
            file,
            line: rowLine,
            message: `The table has more than ${maxRows.toLocaleString('en-US')} rows.`,
            hint: 'Sample or filter it (e.g. keep the most active users) before uploading.',
          });
          parser.abort();
          return;
        }
        builder.add(row, rowLine);
        if (preview.length < PREVIEW_ROWS) preview.push(row);
      }
      chunks++;
      options.onProgress?.(Math.min(1, (chunks * chunkSize) / text.length));
    },
    complete: () => undefined, // @types/papaparse types a chunked parse only with a completion callback
  });
  if (fatal) throw fatal;
  if (builder.numRows === 0) throw noRows(file, hasHeader, firstSkipped, fieldCount);

  const { names, types } = columnNames(header, headerLine, fieldCount, warn);
  const { columns, lineOf } = builder.finish(names, types);
  return {
    kind: 'table',
    fileName: file,
    encoding,
    delimiter,
    hasHeader,
    numRows: builder.numRows,
    columns,
    lineOf,
    preview,
    issues,
    skippedRows,
  };
}

/**
 * CRLF when most line ends outside quotes in the first megabyte are CRLF, else LF, else CR (classic Mac).
 * Told to papaparse rather than guessed, so that files mixing CRLF and LF still split. Quoted line breaks are
 * not counted: Excel writes CRLF between rows and bare LF inside cells.
 */
function lineEnding(text: string): '\r\n' | '\n' | '\r' {
  const end = Math.min(text.length, 1 << 20);
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let inQuotes = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34)
      inQuotes = !inQuotes; // '"'; a doubled quote flips twice
    else if (inQuotes) continue;
    else if (c === 10) {
      if (text.charCodeAt(i - 1) === 13) crlf++;
      else lf++;
    } else if (c === 13) cr++;
  }
  if (crlf + lf === 0) return cr > 0 ? '\r' : '\n';
  return crlf >= lf ? '\r\n' : '\n';
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function countBreaks(row: readonly string[], breakChar: string): number {
  let n = 0;
  for (const cell of row) if (cell.includes(breakChar)) n += countChar(cell, breakChar);
  return n;
}

function quoteMessage(code: Papa.ParseError['code']): string {
  return code === 'MissingQuotes'
    ? 'A quoted field is never closed, so the rest of the file was read into it.'
    : 'A quoted field is followed by text before the next delimiter; the quote was read as data.';
}

function shorten(s: string): string {
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

function columnNames(
  header: readonly string[] | null,
  headerLine: number,
  fieldCount: number,
  warn: (issue: Omit<ImportIssue, 'severity' | 'file'>) => void,
): { names: string[]; types: (RecboleType | undefined)[] } {
  const fallback = (c: number) => `column ${c + 1}`;
  if (header === null) return { names: Array.from({ length: fieldCount }, (_, c) => fallback(c)), types: [] };
  if (header.length !== fieldCount) {
    warn({
      line: headerLine,
      message: `The header has ${header.length} names but the rows have ${fieldCount} fields; names go to fields by position, extra fields get numbers.`,
    });
  }
  const recbole = recboleHeader(header);
  const names = Array.from({ length: fieldCount }, (_, c) => {
    const name = recbole?.[c]?.name ?? header[c] ?? '';
    return name.trim() === '' ? fallback(c) : name;
  });
  return { names, types: Array.from({ length: fieldCount }, (_, c) => recbole?.[c]?.type) };
}

function noRows(
  file: string,
  hasHeader: boolean,
  firstSkipped: { line: number; fields: number } | null,
  fieldCount: number,
): ImportError {
  if (firstSkipped) {
    return new ImportError({
      severity: 'fatal',
      file,
      line: firstSkipped.line,
      message: `No row has the table's ${fieldCount} fields (this one has ${firstSkipped.fields}), so no row could be read.`,
      hint: 'Check the delimiter and quoting.',
    });
  }
  return new ImportError({
    severity: 'fatal',
    file,
    message: hasHeader ? 'The file has a header but no data rows.' : 'The file has no data rows.',
  });
}
