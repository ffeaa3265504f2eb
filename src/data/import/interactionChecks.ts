/** Checks on the interactions read: two users and items at least, and ids the users / items tables lack. */
import { shorten, type Tallies } from './report';
import { fatal, type ParsedTable } from './types';

/** Fewer than two users or items leave nothing to learn or rank. */
export function checkVariety(table: ParsedTable, ids: Int32Array, what: 'user' | 'item'): void {
  for (let k = 1; k < ids.length; k++) if (ids[k] !== ids[0]) return;
  throw fatal(
    table.fileName,
    `All interactions left belong to a single ${what}; a recommender needs at least two ${what}s.`,
    `Check that the ${what} id column is the right one.`,
  );
}

export function noteUnknown(
  ids: Int32Array,
  rows: Int32Array,
  known: number,
  table: ParsedTable,
  column: number,
  reason: 'unknownUser' | 'unknownItem',
  tallies: Tallies,
): void {
  const col = table.columns[column];
  for (let k = 0; k < ids.length; k++) {
    if (ids[k] < known) continue;
    tallies.add(reason, () => ({
      severity: 'warning',
      file: table.fileName,
      line: table.lineOf[rows[k]],
      column: column + 1,
      value: shorten(col.dict[col.codes[rows[k]]]),
      message: `The ${reason === 'unknownUser' ? 'users' : 'items'} table does not list this id.`,
    }));
  }
}
