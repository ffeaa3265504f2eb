/**
 * The one place CSV and TSV text is written for exports. Text cells that a spreadsheet would run as a
 * formula (leading `=`, `+`, `-`, `@`, tab or carriage return: OWASP's "CSV injection") get a leading
 * apostrophe, so Excel, LibreOffice and Sheets show them as text; then CSV cells are quoted per RFC 4180.
 * Numbers are written as numbers (a negative score is data, not a formula).
 */

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value made safe to open in a spreadsheet: formula-like text gets a leading apostrophe. */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Number → text: integers as is, others with at most 7 significant digits (float32 precision); NaN → ''. */
export function numberCell(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : String(x);
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(7)));
}

/** One CSV cell (RFC 4180): formula-defused, quoted when it holds a quote, comma, CR or LF. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberCell(value);
  const text = defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: header then rows, CRLF line ends (RFC 4180), every cell through `csvCell`. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One TSV cell. TSV has no quoting, so tabs and line breaks inside a value become spaces. `defuse` applies
 * the formula rule too: on for files people open in spreadsheets, off for files programs read back
 * verbatim (RecBole atomic files), where an apostrophe would change the data.
 */
export function tsvCell(value: Cell, defuse: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberCell(value);
  const flat = value.replace(/[\t\r\n]+/g, ' ');
  return defuse ? defuseFormula(flat) : flat;
}

/** A whole TSV file (LF line ends); `header` null for none. */
export function toTsv(
  header: readonly string[] | null,
  rows: Iterable<readonly Cell[]>,
  defuse: boolean,
): string {
  const lines: string[] = [];
  if (header) lines.push(header.map((h) => tsvCell(h, defuse)).join('\t'));
  for (const row of rows) lines.push(row.map((c) => tsvCell(c, defuse)).join('\t'));
  return `${lines.join('\n')}\n`;
}
