/**
 * The interactions table → parallel arrays: rows without ids or with unreadable values left out (counted,
 * first one kept as an example), ids made dense, repeated (user, item) pairs reduced to the latest.
 * Values are converted once per distinct cell (the column dictionary), then looked up per row.
 */
import { KeyIndex } from './keys';
import { shorten, Tallies, type RowReason } from './report';
import { ImportError, type LabelRule, type ParsedTable, type TableColumn } from './types';
import { MILLISECONDS_ABOVE, parseBinary, parseIsoDate, parseNumber } from './values';

/** 0-based column indices of the roles; -1 when absent. */
export interface InteractionColumns {
  readonly user: number;
  readonly item: number;
  readonly rating: number;
  readonly label: number;
  readonly timestamp: number;
}

export interface RawInteractions {
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly timestamp: Float64Array;
  readonly label: Float32Array;
  /** The table row each interaction came from. */
  readonly row: Int32Array;
}

/** Seconds per distinct timestamp cell: numbers (milliseconds when any exceeds 1e11) or ISO dates; else NaN. */
export function timestampsOf(col: TableColumn): Float64Array {
  const numbers = col.dict.map(parseNumber);
  let max = -Infinity;
  for (const v of numbers) if (v > max) max = v;
  const scale = max > MILLISECONDS_ABOVE ? 1 / 1000 : 1;
  return Float64Array.from(col.dict, (cell, c) =>
    Number.isNaN(numbers[c]) ? parseIsoDate(cell) : numbers[c] * scale,
  );
}

function fatal(table: ParsedTable, message: string, hint?: string): ImportError {
  return new ImportError({ severity: 'fatal', file: table.fileName, message, ...(hint ? { hint } : {}) });
}

export function readInteractions(
  table: ParsedTable,
  cols: InteractionColumns,
  rule: LabelRule,
  users: KeyIndex,
  items: KeyIndex,
  tallies: Tallies,
): RawInteractions {
  if (rule.kind === 'threshold' && cols.rating < 0) {
    throw fatal(table, 'The label rule is a rating threshold but no column is marked as the rating.');
  }
  if (rule.kind === 'column' && cols.label < 0) {
    throw fatal(table, 'The label rule reads a label column but no column is marked as the label.');
  }
  const { columns, lineOf, numRows: n } = table;
  const userCol = columns[cols.user];
  const itemCol = columns[cols.item];
  const perCode = (c: number, f: (cell: string) => number) => (c < 0 ? null : columns[c].dict.map(f));
  const ratingOf = rule.kind === 'threshold' ? perCode(cols.rating, parseNumber) : null;
  const labelOf = rule.kind === 'column' ? perCode(cols.label, parseBinary) : null;
  const timeOf = cols.timestamp < 0 ? null : timestampsOf(columns[cols.timestamp]);
  const threshold = rule.kind === 'threshold' ? rule.threshold : 0;

  const drop = (reason: RowReason, r: number, c: number, message: string) =>
    tallies.add(reason, () => {
      const code = columns[c].codes[r];
      return {
        severity: 'warning',
        file: table.fileName,
        line: lineOf[r],
        column: c + 1,
        value: shorten(code < 0 ? '' : columns[c].dict[code]),
        message,
      };
    });
  // Validity per distinct cell, so the row loop below is typed-array lookups only.
  const okCodes = (c: number, ok: (cell: string, code: number) => boolean): Uint8Array | null =>
    c < 0 ? null : Uint8Array.from(columns[c].dict, (cell, code) => (ok(cell, code) ? 1 : 0));
  const userOk = okCodes(cols.user, (cell) => cell.trim() !== '')!;
  const itemOk = okCodes(cols.item, (cell) => cell.trim() !== '')!;
  const ratingOk = ratingOf && okCodes(cols.rating, (_, code) => !Number.isNaN(ratingOf[code]));
  const labelOk = labelOf && okCodes(cols.label, (_, code) => !Number.isNaN(labelOf[code]));
  const timeOk = timeOf && okCodes(cols.timestamp, (_, code) => !Number.isNaN(timeOf[code]));
  const passes = (ok: Uint8Array | null, c: number, r: number) => {
    if (ok === null) return true;
    const code = columns[c].codes[r];
    return code >= 0 && ok[code] === 1;
  };

  const valid = new Uint8Array(n);
  const usedUsers = new Uint8Array(userCol.dict.length);
  const usedItems = new Uint8Array(itemCol.dict.length);
  for (let r = 0; r < n; r++) {
    if (!passes(userOk, cols.user, r)) drop('missingUser', r, cols.user, 'No user id.');
    else if (!passes(itemOk, cols.item, r)) drop('missingItem', r, cols.item, 'No item id.');
    else if (!passes(ratingOk, cols.rating, r))
      drop('badRating', r, cols.rating, 'The rating is not a number.');
    else if (!passes(labelOk, cols.label, r)) drop('badLabel', r, cols.label, 'The label is not 0/1.');
    else if (!passes(timeOk, cols.timestamp, r)) {
      drop('badTimestamp', r, cols.timestamp, 'The timestamp is neither a number nor an ISO date.');
    } else {
      valid[r] = 1;
      usedUsers[userCol.codes[r]] = 1;
      usedItems[itemCol.codes[r]] = 1;
    }
  }
  // Only ids of kept rows become users and items: a dropped row must not leave a phantom user behind.
  users.addSorted(userCol, usedUsers);
  items.addSorted(itemCol, usedItems);
  const userOf = users.lookup(userCol);
  const itemOf = items.lookup(itemCol);

  let m = 0;
  for (let r = 0; r < n; r++) m += valid[r];
  const out = {
    user: new Int32Array(m),
    item: new Int32Array(m),
    timestamp: new Float64Array(m),
    label: new Float32Array(m),
    row: new Int32Array(m),
  };
  let k = 0;
  for (let r = 0; r < n; r++) {
    if (!valid[r]) continue;
    out.user[k] = userOf[userCol.codes[r]];
    out.item[k] = itemOf[itemCol.codes[r]];
    out.timestamp[k] = timeOf ? timeOf[columns[cols.timestamp].codes[r]] : r;
    if (ratingOf) out.label[k] = ratingOf[columns[cols.rating].codes[r]] >= threshold ? 1 : 0;
    else if (labelOf) out.label[k] = labelOf[columns[cols.label].codes[r]];
    else out.label[k] = 1;
    out.row[k++] = r;
  }
  return dropDuplicates(out, items.size, (r) =>
    tallies.add('duplicate', () => ({
      severity: 'warning',
      file: table.fileName,
      line: lineOf[r],
      message: 'The same user and item appear again; the latest row was kept.',
    })),
  );
}

/** Keeps, for each (user, item) pair, the row with the latest timestamp (the later row on a tie). */
function dropDuplicates(
  x: RawInteractions,
  numItems: number,
  onDrop: (row: number) => void,
): RawInteractions {
  const m = x.user.length;
  const latest = new Map<number, number>();
  const dropped = new Uint8Array(m);
  let count = 0;
  for (let k = 0; k < m; k++) {
    const key = x.user[k] * numItems + x.item[k]; // < 2^53 for any table within the row limit
    const prev = latest.get(key);
    if (prev === undefined) {
      latest.set(key, k);
      continue;
    }
    const loser = x.timestamp[k] >= x.timestamp[prev] ? prev : k;
    if (loser === prev) latest.set(key, k);
    dropped[loser] = 1;
    onDrop(x.row[loser]);
    count++;
  }
  if (count === 0) return x;
  const kept = (_: number, k: number) => !dropped[k];
  return {
    user: x.user.filter(kept),
    item: x.item.filter(kept),
    timestamp: x.timestamp.filter(kept),
    label: x.label.filter(kept),
    row: x.row.filter(kept),
  };
}
