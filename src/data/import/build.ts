/**
 * Parsed files + a mapping → the app's `Dataset`, with a report of every row left out and why.
 * Cell values are data only: they are parsed as numbers or dates, compared, hashed and copied, never
 * evaluated or treated as markup.
 */
import { NoNegativesError, withSampledNegatives } from '../negatives';
import { makeRng } from '../random';
import type { Dataset, Interactions, Modality } from '../types';
import { collectAttributes, type MappedTable } from './attributes';
import { fingerprint } from './fingerprint';
import { checkVariety, noteUnknown } from './interactionChecks';
import { readInteractions, type InteractionColumns } from './interactions';
import { KeyIndex } from './keys';
import { matrixModality, uniqueModalityNames } from './modalities';
import { Tallies, type BuildReport } from './report';
import { textFeatures, type TextVectorOptions } from './text';
import {
  fatal,
  type ColumnRole,
  type DataMapping,
  type ImportIssue,
  type ParsedFile,
  type ParsedTable,
} from './types';
import { baseName, stemOf } from './values';

export type { BuildReport, RowReason, RowTally } from './report';

export interface BuildOptions {
  /** Dataset name; default: the mapping's suggested name, else the interactions file's stem. */
  readonly name?: string;
  /** Dimensions of the item text vector (TF-IDF → SVD components, `text.ts`): 64 (P1, default) or 128 (P2). */
  readonly textDim?: number;
  /** The text featuriser's other settings (`text.ts`), e.g. bigrams; the importer's are its defaults. */
  readonly textOptions?: Omit<TextVectorOptions, 'dim' | 'name'>;
}

export interface BuildResult {
  readonly dataset: Dataset;
  readonly report: BuildReport;
  /** Each item's composed text (what the text modality encodes), or null without a text column. */
  readonly itemTexts: readonly string[] | null;
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
  let textFeaturizer: string | undefined;
  if (attrs.itemTexts) {
    const taken = new Set(modalities.map((m) => m.name));
    const name = taken.has('text') ? 'item_text' : 'text';
    const text = textFeatures(attrs.itemTexts, { ...options.textOptions, dim: options.textDim ?? 64, name });
    modalities.push(text.modality);
    textFeaturizer = `${name}: ${text.description}`;
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
    ...(textFeaturizer ? { textFeaturizer } : {}),
  };
  return { dataset, report, itemTexts: attrs.itemTexts };
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
