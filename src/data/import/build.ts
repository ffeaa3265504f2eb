/**
 * Parsed files + a mapping → the app's `Dataset`, with a report of every row left out and why.
 * Cell values are data only: they are parsed as numbers or dates, compared, hashed and copied, never
 * evaluated or treated as markup.
 */
import { NoNegativesError, withSampledNegatives } from '../negatives';
import { makeRng } from '../random';
import type { Dataset, Interactions, Modality } from '../types';
import { collectAttributes, type MappedTable } from './attributes';
import { readInteractions, type InteractionColumns } from './interactions';
import { KeyIndex } from './keys';
import { shorten, Tallies, type BuildReport } from './report';
import { fnv1a, fnv1aInt, FNV_OFFSET, textModality } from './text';
import {
  ImportError,
  type ColumnRole,
  type DataMapping,
  type ImportIssue,
  type ParsedFile,
  type ParsedMatrix,
  type ParsedTable,
} from './types';
import { baseName, isIntegerId, stemOf } from './values';

export type { BuildReport, RowReason, RowTally } from './report';

export interface BuildOptions {
  /** Dataset name; default: the mapping's suggested name, else the interactions file's stem. */
  readonly name?: string;
  /** Buckets of the hashed TF-IDF item text vector: 64 (P1, default) or 128 (P2). */
  readonly textDim?: number;
}

export interface BuildResult {
  readonly dataset: Dataset;
  readonly report: BuildReport;
  /** Each item's composed text (what the text modality encodes), or null without a text column. */
  readonly itemTexts: readonly string[] | null;
}

function fatal(file: string, message: string, hint?: string): ImportError {
  return new ImportError({ severity: 'fatal', file, message, ...(hint ? { hint } : {}) });
}

function resolveTables(files: readonly ParsedFile[], mapping: DataMapping): MappedTable[] {
  let users = false;
  let items = false;
  return mapping.tables.map((m) => {
    const table = files.find((f): f is ParsedTable => f.kind === 'table' && f.fileName === m.fileName);
    if (!table) throw fatal(m.fileName, 'The mapping names this file, but it was not loaded as a table.');
    if (m.roles.length !== table.columns.length) {
      throw fatal(
        m.fileName,
        `The mapping has ${m.roles.length} column roles but the table has ${table.columns.length} columns.`,
      );
    }
    const primary = (m.kind === 'users' && !users) || (m.kind === 'items' && !items);
    if (m.kind === 'users') users = true;
    if (m.kind === 'items') items = true;
    return { table, mapping: m, primary };
  });
}

function roleColumn(roles: readonly ColumnRole[], role: ColumnRole['role']): number {
  return roles.findIndex((r) => r.role === role);
}

export function buildDataset(
  files: readonly ParsedFile[],
  mapping: DataMapping,
  options: BuildOptions = {},
): BuildResult {
  const tables = resolveTables(files, mapping);
  const interTables = tables.filter((t) => t.mapping.kind === 'interactions');
  const allNames = files.map((f) => baseName(f.fileName)).join(', ') || 'import';
  if (interTables.length === 0) {
    throw fatal(
      allNames,
      'No table is marked as interactions (rows of user, item).',
      'Mark the table of ratings, clicks or views as interactions.',
    );
  }
  if (interTables.length > 1) {
    throw fatal(
      interTables.map((t) => t.table.fileName).join(', '),
      'More than one table is marked as interactions.',
      'Keep one and ignore the others.',
    );
  }
  const { table, mapping: interMapping } = interTables[0];
  const roles = interMapping.roles;
  const cols: InteractionColumns = {
    user: roleColumn(roles, 'user'),
    item: roleColumn(roles, 'item'),
    rating: roleColumn(roles, 'rating'),
    label: roleColumn(roles, 'label'),
    timestamp: roleColumn(roles, 'timestamp'),
  };
  if (cols.user < 0) throw fatal(table.fileName, 'No column is marked as the user id.');
  if (cols.item < 0) throw fatal(table.fileName, 'No column is marked as the item id.');

  // Known ids first, in the order of the users / items table; ids only the interactions have follow.
  const users = new KeyIndex();
  const items = new KeyIndex();
  const primaryUsers = tables.find((t) => t.primary && t.mapping.kind === 'users');
  const primaryItems = tables.find((t) => t.primary && t.mapping.kind === 'items');
  const keyColumn = (t: MappedTable, role: 'user' | 'item') => {
    const c = roleColumn(t.mapping.roles, role);
    if (c < 0) throw fatal(t.table.fileName, `This ${role}s table has no column marked as the ${role} id.`);
    return t.table.columns[c];
  };
  if (primaryUsers) users.addInFileOrder(keyColumn(primaryUsers, 'user'));
  if (primaryItems) items.addInFileOrder(keyColumn(primaryItems, 'item'));
  const knownUsers = users.size;
  const knownItems = items.size;

  const tallies = new Tallies();
  const raw = readInteractions(table, cols, mapping.label, users, items, tallies);
  const n = raw.user.length;
  const dropped = tallies.list([
    'missingUser',
    'missingItem',
    'badRating',
    'badLabel',
    'badTimestamp',
    'duplicate',
  ]);
  if (n === 0) {
    const why = dropped.map((d) => `${d.count} × ${d.message}`).join(' ');
    throw fatal(
      table.fileName,
      `No interaction is left. ${why}`.trim(),
      'Check the column roles and the label rule.',
    );
  }
  checkVariety(table, raw.user, 'user');
  checkVariety(table, raw.item, 'item');
  if (primaryUsers) noteUnknown(raw.user, raw.row, knownUsers, table, cols.user, 'unknownUser', tallies);
  if (primaryItems) noteUnknown(raw.item, raw.row, knownItems, table, cols.item, 'unknownItem', tallies);

  const warnings: ImportIssue[] = tables.flatMap((t) => t.table.issues);
  const attrs = collectAttributes(tables, users, items, tallies, warnings);
  const modalities: Modality[] = [
    ...mapping.matrices.map((m) => matrixModality(files, m.fileName, m.modality, items, knownItems)),
    ...attrs.modalities,
  ];
  if (attrs.itemTexts) {
    const taken = new Set(modalities.map((m) => m.name));
    const name = taken.has('text') ? 'item_text' : 'text';
    modalities.push(textModality(attrs.itemTexts, { dim: options.textDim ?? 64, name }));
  }
  uniqueModalityNames(modalities);

  const interactions = labelled(raw, items.size, mapping, users.keys);
  const dataset: Dataset = {
    name: options.name ?? mapping.datasetName ?? stemOf(table.fileName),
    source: { kind: 'upload', fileName: baseName(table.fileName), hash: fingerprint(tables, files, mapping) },
    numUsers: users.size,
    numItems: items.size,
    userKeys: users.keys,
    itemKeys: items.keys,
    itemTitles: attrs.itemTitles,
    userFields: attrs.userFields,
    itemFields: attrs.itemFields,
    itemMultiFields: attrs.itemMultiFields,
    modalities,
    interactions,
  };
  const report: BuildReport = {
    formatName: mapping.formatName,
    rowsRead: table.numRows,
    rowsKept: n,
    negativesSampled: interactions.user.length - n,
    dropped,
    notes: tallies.list(['unknownUser', 'unknownItem', 'attributeRowSkipped']),
    warnings,
  };
  return { dataset, report, itemTexts: attrs.itemTexts };
}

/** Fewer than two users or items leave nothing to learn or rank. */
function checkVariety(table: ParsedTable, ids: Int32Array, what: 'user' | 'item'): void {
  for (let k = 1; k < ids.length; k++) if (ids[k] !== ids[0]) return;
  throw fatal(
    table.fileName,
    `All interactions left belong to a single ${what}; a recommender needs at least two ${what}s.`,
    `Check that the ${what} id column is the right one.`,
  );
}

function noteUnknown(
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

function labelled(
  raw: Interactions,
  numItems: number,
  mapping: DataMapping,
  userKeys: readonly string[],
): Interactions {
  const inter: Interactions = { user: raw.user, item: raw.item, timestamp: raw.timestamp, label: raw.label };
  const rule = mapping.label;
  if (rule.kind !== 'implicit' || rule.ratio <= 0) return inter;
  try {
    return withSampledNegatives(inter, numItems, rule.ratio, makeRng(rule.seed));
  } catch (e) {
    if (!(e instanceof NoNegativesError)) throw e;
    throw fatal(
      mapping.tables.find((t) => t.kind === 'interactions')!.fileName,
      `Negatives cannot be sampled: user "${userKeys[e.user]}" has interacted with all ${e.numItems} items, ` +
        'so no item is left to be a negative.',
      'Use a label column or a rating threshold instead of implicit feedback (a rating column must hold numbers ' +
        'only: a text value such as NaN makes it text).',
    );
  }
}

/**
 * Matrix row → item: with an items table, row i is its i-th item (rows = its item count, or all items);
 * without, row i is item id i when every id is an integer below the row count (MMRec's 0-based ids),
 * else the i-th item in id order (rows = item count). Anything else is fatal, with the numbers.
 */
function matrixModality(
  files: readonly ParsedFile[],
  fileName: string,
  name: string,
  items: KeyIndex,
  knownItems: number,
): Modality {
  const m = files.find((f): f is ParsedMatrix => f.kind === 'matrix' && f.fileName === fileName);
  if (!m) throw fatal(fileName, 'The mapping names this matrix, but it was not loaded.');
  const n = items.size;
  const rowOf = new Int32Array(n).fill(-1);
  if (knownItems > 0 && (m.rows === knownItems || m.rows === n)) {
    for (let i = 0; i < Math.min(n, m.rows); i++) rowOf[i] = i;
  } else if (
    knownItems === 0 &&
    items.keys.every((k) => isIntegerId(k) && Number(k) >= 0 && Number(k) < m.rows)
  ) {
    items.keys.forEach((k, i) => (rowOf[i] = Number(k)));
  } else if (knownItems === 0 && m.rows === n) {
    for (let i = 0; i < n; i++) rowOf[i] = i;
  } else {
    const expected = knownItems > 0 ? `the items table lists ${knownItems} items` : `there are ${n} items`;
    throw fatal(
      fileName,
      `The matrix has ${m.rows} rows but ${expected}.`,
      'Row i must describe the i-th item of the items table (or item id i, counting from 0).',
    );
  }
  const data = new Float32Array(n * m.cols);
  for (let i = 0; i < n; i++) {
    if (rowOf[i] >= 0) data.set(m.data.subarray(rowOf[i] * m.cols, (rowOf[i] + 1) * m.cols), i * m.cols);
  }
  return { name, dim: m.cols, data };
}

function uniqueModalityNames(modalities: Modality[]): void {
  const used = new Set<string>();
  modalities.forEach((m, k) => {
    let name = m.name;
    for (let s = 2; used.has(name); s++) name = `${m.name}_${s}`;
    used.add(name);
    if (name !== m.name) modalities[k] = { ...m, name };
  });
}

/** A 32-bit FNV-1a fingerprint of the mapped cells, matrices and mapping: same input → same hash. */
function fingerprint(
  tables: readonly MappedTable[],
  files: readonly ParsedFile[],
  mapping: DataMapping,
): string {
  let h = fnv1a(JSON.stringify(mapping), FNV_OFFSET);
  for (const { table } of tables) {
    h = fnv1aInt(table.numRows, fnv1a(table.fileName, h));
    for (const col of table.columns) {
      for (const v of col.dict) h = fnv1aInt(v.length, fnv1a(v, h)); // length: "ab","c" ≠ "a","bc"
      for (let r = 0; r < col.codes.length; r++) h = fnv1aInt(col.codes[r], h);
    }
  }
  for (const { fileName } of mapping.matrices) {
    const m = files.find((f): f is ParsedMatrix => f.kind === 'matrix' && f.fileName === fileName);
    if (!m) continue;
    const bits = new Int32Array(m.data.buffer, m.data.byteOffset, m.data.length);
    for (let k = 0; k < bits.length; k++) h = fnv1aInt(bits[k], h);
  }
  return h.toString(16).padStart(8, '0');
}
