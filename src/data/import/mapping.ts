/**
 * A proposed `DataMapping` for files no known format matches: by column name first, then by content. It
 * only proposes; the user confirms or edits it before `buildDataset`.
 */
import {
  isItemName,
  isUserName,
  LABEL,
  LABEL_MODS,
  modalityNameFor,
  MULTI,
  named,
  RATING,
  RATING_MODS,
  TEXT,
  TIME,
  TIME_MODS,
  USER_ATTR,
} from './columnNames';
import { dependsOn, profile, smallCardinality, type Profile } from './columnProfile';
import { guessLabelRule } from './labelRule';
import type { ColumnRole, DataMapping, ParsedFile, ParsedTable, TableColumn, TableMapping } from './types';
import { stemOf } from './values';

interface TableGuess {
  readonly table: ParsedTable;
  readonly profiles: readonly Profile[];
  user: number;
  item: number;
}

/** Finds the user and item columns of one table by name, else by content. */
function findKeys(table: ParsedTable): TableGuess {
  const profiles = table.columns.map(profile);
  const g: TableGuess = { table, profiles, user: -1, item: -1 };
  g.user = profiles.findIndex((p) => isUserName(p.col.name));
  g.item = profiles.findIndex((p) => isItemName(p.col.name) && p.index !== g.user);
  if (g.user >= 0 || g.item >= 0) return g;
  const ids = profiles.filter(
    (p) => p.idLike && !p.timeLike && p.distinct > 1 && (p.distinct >= 20 || p.distinct * 2 >= p.nonEmpty),
  );
  // Two id columns, one repeating: interactions (user first, by the common `user item …` convention).
  if (ids.length >= 2 && (ids[0].distinct < ids[0].nonEmpty || ids[1].distinct < ids[1].nonEmpty)) {
    g.user = ids[0].index;
    g.item = ids[1].index;
  }
  return g;
}

/** A table with one unique id column (users or items): its key column, or -1. */
function attributeKey(g: TableGuess): number {
  if (g.user >= 0 !== g.item >= 0) return Math.max(g.user, g.item);
  const first = g.profiles[0];
  return first && first.idLike && first.distinct === first.nonEmpty && first.nonEmpty > 0 ? 0 : -1;
}

function overlap(col: TableColumn, keys: ReadonlySet<string>): number {
  if (col.dict.length === 0) return 0;
  let hits = 0;
  for (const v of col.dict) if (keys.has(v.trim())) hits++;
  return hits / col.dict.length;
}

function interactionRoles(g: TableGuess): ColumnRole[] {
  const { profiles, table } = g;
  const user = table.columns[g.user];
  const item = table.columns[g.item];
  const roles: ColumnRole[] = profiles.map(() => ({ role: 'ignore' }));
  roles[g.user] = { role: 'user' };
  roles[g.item] = { role: 'item' };
  // Each of these roles goes to the first column that qualifies.
  const taken = new Set<string>();
  const once = (role: 'rating' | 'label' | 'timestamp') => {
    if (taken.has(role)) return false;
    taken.add(role);
    return true;
  };
  for (const p of profiles) {
    if (p.index === g.user || p.index === g.item) continue;
    if (named(p.tokens, TIME, TIME_MODS) && once('timestamp')) roles[p.index] = { role: 'timestamp' };
    else if (named(p.tokens, RATING, RATING_MODS) && mostlyNumbers(p) && once('rating'))
      roles[p.index] = { role: 'rating' };
    else if (named(p.tokens, LABEL, LABEL_MODS) && once('label')) roles[p.index] = { role: 'label' };
    else if (!table.hasHeader && p.index === 2 && p.numeric && !p.timeLike && !p.binary && once('rating'))
      roles[p.index] = { role: 'rating' }; // headerless `user item rating [timestamp]`
    else if (p.timeLike && once('timestamp')) roles[p.index] = { role: 'timestamp' };
    else {
      const userFirst = p.tokens.some((t) => USER_ATTR.has(t));
      const ofItem = () => dependsOn(p.col, item);
      const ofUser = () => dependsOn(p.col, user);
      if (userFirst && ofUser()) roles[p.index] = userRole(p);
      else if (ofItem()) roles[p.index] = itemRole(p);
      else if (ofUser()) roles[p.index] = userRole(p);
    }
  }
  return roles;
}

/**
 * A rating column with a few stray cells ("n/a", blanks) is still the rating: its other rows are kept and the
 * mapping step names the first bad cell. Mostly text is not a rating; the mapping step says so too.
 */
function mostlyNumbers(p: Profile): boolean {
  return p.numeric || p.numberCells * 2 > p.nonEmpty;
}

function userRole(p: Profile): ColumnRole {
  if (p.numeric && !smallCardinality(p)) return { role: 'userNumeric' };
  return smallCardinality(p) ? { role: 'userField' } : { role: 'ignore' };
}

function itemRole(p: Profile): ColumnRole {
  const multiName = p.tokens.some((t) => MULTI.has(t));
  if (p.listSeparator !== null) return { role: 'itemMultiField', separator: p.listSeparator };
  if (multiName && !p.numeric) return { role: 'itemField' };
  if (p.longText || (p.tokens.some((t) => TEXT.has(t)) && !p.numeric)) return { role: 'itemText' };
  if (p.numeric && !smallCardinality(p)) return { role: 'itemNumeric' };
  return smallCardinality(p) ? { role: 'itemField' } : { role: 'ignore' };
}

/** Feature vectors need this many numeric columns; fewer are separate numeric fields. */
const MIN_FEATURE_COLUMNS = 8;

function attributeMapping(g: TableGuess, key: number, owner: 'users' | 'items'): TableMapping {
  const { profiles, table } = g;
  const roles: ColumnRole[] = profiles.map(() => ({ role: 'ignore' }));
  roles[key] = { role: owner === 'users' ? 'user' : 'item' };
  const rest = profiles.filter((p) => p.index !== key);
  if (owner === 'users') {
    for (const p of rest) roles[p.index] = userRole(p);
    return { fileName: table.fileName, kind: 'users', roles };
  }
  const numeric = rest.filter((p) => p.numeric);
  // Many numeric columns are one feature vector (0/1 ones included); else three or more 0/1 columns are
  // flags of one multi-valued field (one-hot genres).
  const features = numeric.length >= MIN_FEATURE_COLUMNS;
  const flags = !features && rest.filter((p) => p.binary).length >= 3;
  const modality = modalityNameFor(table.fileName);
  for (const p of rest) {
    if (features && p.numeric) roles[p.index] = { role: 'itemFeature', modality };
    else if (flags && p.binary) roles[p.index] = { role: 'itemFlag', field: 'flags', value: p.col.name };
    else roles[p.index] = itemRole(p);
  }
  const onlyFeatures = features && numeric.length === rest.length;
  return { fileName: table.fileName, kind: onlyFeatures ? 'itemFeatures' : 'items', roles };
}

/** Table mappings for `tables` (others are left out of the mapping, i.e. ignored). */
export function guessTables(tables: readonly ParsedTable[]): TableMapping[] {
  const guesses = tables.map(findKeys);
  const inter = guesses.find((g) => g.user >= 0 && g.item >= 0);
  const out: TableMapping[] = [];
  const userKeys = new Set<string>();
  const itemKeys = new Set<string>();
  if (inter) {
    inter.table.columns[inter.user].dict.forEach((k) => userKeys.add(k.trim()));
    inter.table.columns[inter.item].dict.forEach((k) => itemKeys.add(k.trim()));
  }
  for (const g of guesses) {
    if (g === inter) {
      out.push({ fileName: g.table.fileName, kind: 'interactions', roles: interactionRoles(g) });
      continue;
    }
    if (g.user >= 0 && g.item >= 0) continue; // a second interactions table: left for the user to choose
    const key = attributeKey(g);
    if (key < 0) continue;
    let owner: 'users' | 'items' | null = g.user >= 0 ? 'users' : g.item >= 0 ? 'items' : null;
    if (owner === null) {
      const col = g.table.columns[key];
      const u = overlap(col, userKeys);
      const i = overlap(col, itemKeys);
      if (Math.max(u, i) >= 0.5) owner = u > i ? 'users' : 'items';
    }
    if (owner !== null) out.push(attributeMapping(g, key, owner));
  }
  return out;
}

/** A mapping for any set of tables and matrices, by column names and content. */
export function guessMapping(files: readonly ParsedFile[]): DataMapping {
  const tables = files.filter((f): f is ParsedTable => f.kind === 'table');
  const mapped = guessTables(tables);
  const inter = mapped.find((t) => t.kind === 'interactions');
  return {
    tables: mapped,
    matrices: files
      .filter((f) => f.kind === 'matrix')
      .map((f) => ({ fileName: f.fileName, modality: modalityNameFor(f.fileName) })),
    label: guessLabelRule(files, mapped),
    formatName: 'CSV',
    ...(inter ? { datasetName: stemOf(inter.fileName) } : {}),
  };
}
