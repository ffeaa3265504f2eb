/**
 * What the mapping step says about the rating and label columns before loading: rows a chosen rating (label)
 * column cannot use, with the first one's file, line, column and value; and a column whose name says rating
 * that was not taken as the rating because its cells are not numbers, so the user is not left guessing why
 * the label became implicit.
 */
import { named, nameTokens, RATING, RATING_MODS } from '../../data/import/columnNames';
import type { DataMapping, ImportIssue } from '../../data/import/types';
import type { BadCells } from '../../data/import/valueChecks';
import type { FilePreview } from '../../engine/importProtocol';

const some = (n: number, total: number) =>
  `${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${total === 1 ? 'row' : 'rows'}`;

function at(file: FilePreview, column: number, bad: BadCells): Omit<ImportIssue, 'message'> {
  return { severity: 'warning', file: file.fileName, line: bad.line, column: column + 1, value: bad.value };
}

/** The notes for the interactions table of `mapping` under its label rule; [] when there is nothing to say. */
export function mappingNotes(files: readonly FilePreview[], mapping: DataMapping): ImportIssue[] {
  const table = mapping.tables.find((t) => t.kind === 'interactions');
  const file = table && files.find((f) => f.fileName === table.fileName);
  if (!table || !file?.valueChecks) return [];
  const checks = file.valueChecks;
  const notes: ImportIssue[] = [];
  const rule = mapping.label.kind;
  const total = file.rows;
  table.roles.forEach((role, c) => {
    const name = file.columnNames[c] ?? `column ${c + 1}`;
    const check = checks[c];
    if (!check) return;
    if (role.role === 'rating' && rule === 'threshold' && check.notNumber) {
      const bad = check.notNumber;
      notes.push({
        ...at(file, c, bad),
        ...(bad.rows >= total ? { severity: 'fatal' } : {}),
        message:
          bad.rows >= total
            ? `Column "${name}" is the rating, but none of its cells is a number, so no row would be left.`
            : `Column "${name}" is the rating, but ${some(bad.rows, total)} hold no number; ` +
              'they will be left out.',
        hint: 'Fix those cells in the file, or set the column to "ignore" and pick another label rule.',
      });
    }
    if (role.role === 'label' && rule === 'column' && check.notBinary) {
      const bad = check.notBinary;
      notes.push({
        ...at(file, c, bad),
        ...(bad.rows >= total ? { severity: 'fatal' } : {}),
        message:
          bad.rows >= total
            ? `Column "${name}" is the label, but none of its cells is 0/1 or true/false, so no row would be left.`
            : `Column "${name}" is the label, but ${some(bad.rows, total)} are not 0/1 or ` +
              'true/false; they will be left out.',
        hint: 'Fix those cells in the file, or set the column to "ignore" and pick another label rule.',
      });
    }
  });
  const hasRating = table.roles.some((r) => r.role === 'rating');
  table.roles.forEach((role, c) => {
    const name = file.columnNames[c] ?? `column ${c + 1}`;
    const bad = checks[c]?.notNumber;
    // With a label column the rating is not needed, so its absence needs no explaining.
    if (hasRating || rule === 'column' || role.role === 'label' || !bad) return;
    const tokens = nameTokens(name);
    if (!named(tokens, RATING, RATING_MODS)) return;
    notes.push({
      ...at(file, c, bad),
      message:
        `Column "${name}" is not used as the rating: ${some(bad.rows, total)} hold no number` +
        (rule === 'implicit' ? ', so every row counts as a positive (implicit feedback).' : '.'),
      hint: 'To use it anyway, set its role to "rating": the rows without a number will be left out.',
    });
  });
  return notes;
}
