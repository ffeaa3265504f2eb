/**
 * A proposed `DataMapping` for files no known format matches: by column name first, then by content. It
 * only proposes; the user confirms or edits it before `buildDataset`.
 */
import type {
  ColumnRole,
  DataMapping,
  LabelRule,
  ParsedFile,
  ParsedTable,
  TableColumn,
  TableMapping,
} from './types';
import { parseIsoDate, parseNumber, stemOf } from './values';

const words = (s: string) => new Set(s.split(' '));
const USER = words(
  'user users customer customers client member visitor viewer reader buyer account uid userid',
);
const ITEM = words(
  'item items movie movies product products video videos sku asin song track book article business iid itemid movieid productid isbn film photo post',
);
const ID_MODS = words('id ids key no num number code index idx');
const RATING = words('rating ratings score stars star rate grade');
const RATING_MODS = words('user review overall value given');
const LABEL = words(
  'label click clicked clicks like liked likes target purchase purchased converted conversion',
);
const LABEL_MODS = words('is has did was binary');
const TIME = words('timestamp time ts date datetime when epoch unixtime created');
const TIME_MODS = words(
  'event unix utc at rating review seconds sec ms of watch watched view interaction click',
);
const TEXT = words(
  'title name description desc summary overview plot text synopsis abstract caption content body',
);
const MULTI = words('genres genre tags tag categories keywords');
const USER_ATTR = words('age gender sex occupation job zip zipcode country city region location income');

/** `userId`, `Customer ID`, `user_id:token` → ['user', 'id'] etc. */
export function nameTokens(name: string): string[] {
  const bare = name.replace(/:(token_seq|token|float_seq|float)$/, '');
  return bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Some token is a core word and every other token a core word or an allowed modifier. */
function named(tokens: readonly string[], core: Set<string>, mods: Set<string>): boolean {
  return tokens.some((t) => core.has(t)) && tokens.every((t) => core.has(t) || mods.has(t));
}

/** Id names also come glued: `visitorid`, `productkey`. */
function idTokens(name: string): string[] {
  return nameTokens(name).flatMap((t) => {
    const m = /^(\p{L}{2,}?)(id|key)$/u.exec(t);
    return m && (USER.has(m[1]) || ITEM.has(m[1])) ? [m[1], m[2]] : [t];
  });
}

/** `user_id`, `userId`, `Customer ID`, `uid`, `visitorid`, … */
export function isUserName(name: string): boolean {
  return named(idTokens(name), USER, ID_MODS);
}

/** `item_id`, `movieId`, `Product SKU`, `asin`, … (not `movie_title`). */
export function isItemName(name: string): boolean {
  return named(idTokens(name), ITEM, ID_MODS);
}

interface Profile {
  readonly index: number;
  readonly col: TableColumn;
  readonly tokens: readonly string[];
  readonly nonEmpty: number;
  readonly distinct: number;
  /** Every non-empty cell a number. */
  readonly numeric: boolean;
  readonly integer: boolean;
  readonly binary: boolean;
  /** Short cells without spaces: could be ids. */
  readonly idLike: boolean;
  readonly timeLike: boolean;
  /** The list separator ('|' or ';') most cells containing one use, or null. */
  readonly listSeparator: string | null;
  readonly longText: boolean;
}

function profile(col: TableColumn, index: number): Profile {
  let nonEmpty = 0;
  for (const c of col.codes) if (c >= 0) nonEmpty++;
  const values = col.dict.map(parseNumber);
  const numeric = col.dict.length > 0 && values.every((v) => !Number.isNaN(v));
  const integer = numeric && values.every(Number.isInteger);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const sample = col.dict.slice(0, 2000);
  const share = (test: (s: string) => boolean) =>
    sample.length === 0 ? 0 : sample.filter(test).length / sample.length;
  const meanLength = sample.reduce((a, s) => a + s.length, 0) / Math.max(1, sample.length);
  let listSeparator: string | null = null;
  for (const sep of ['|', ';']) {
    if (!numeric && share((s) => s.includes(sep)) >= 0.2) listSeparator = sep;
  }
  const isoDates = !numeric && share((s) => !Number.isNaN(parseIsoDate(s))) >= 0.9;
  return {
    index,
    col,
    tokens: nameTokens(col.name),
    nonEmpty,
    distinct: col.dict.length,
    numeric,
    integer,
    binary: numeric && values.every((v) => v === 0 || v === 1),
    idLike: integer || (!numeric && meanLength <= 40 && share((s) => /\s/.test(s.trim())) === 0),
    // Epoch seconds from 1973 to milliseconds in 2286, or ISO dates.
    timeLike: isoDates || (integer && min >= 1e8 && max < 1e13),
    listSeparator,
    longText: !numeric && meanLength >= 25 && share((s) => /\s/.test(s.trim())) >= 0.5,
  };
}

/** For a high-cardinality key: does each key value have at most one value of `col` (a per-key attribute)? */
function dependsOn(col: TableColumn, key: TableColumn): boolean {
  const seen = new Int32Array(key.dict.length).fill(-1);
  for (let r = 0; r < col.codes.length; r++) {
    const k = key.codes[r];
    const c = col.codes[r];
    if (k < 0 || c < 0) continue;
    if (seen[k] === -1) seen[k] = c;
    else if (seen[k] !== c) return false;
  }
  return true;
}

function smallCardinality(p: Profile): boolean {
  return p.distinct <= 1000 && (p.distinct <= 20 || p.distinct * 2 <= p.nonEmpty);
}

/** Modality name of a feature file: `image_feat` → visual, `text_feat` → text, `audio_feat` → acoustic. */
export function modalityNameFor(fileName: string): string {
  const tokens = nameTokens(stemOf(fileName)).filter(
    (t) => !['feat', 'feats', 'features', 'feature', 'emb', 'embedding', 'embeddings'].includes(t),
  );
  if (tokens.some((t) => ['image', 'img', 'visual', 'v', 'vision', 'poster', 'cover'].includes(t)))
    return 'visual';
  if (tokens.some((t) => ['text', 'txt', 't', 'title', 'description'].includes(t))) return 'text';
  if (tokens.some((t) => ['audio', 'acoustic', 'a', 'sound', 'music'].includes(t))) return 'acoustic';
  return tokens.join('_') || stemOf(fileName);
}

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
    else if (named(p.tokens, RATING, RATING_MODS) && p.numeric && once('rating'))
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

/** Min, max and (lower) median of a column's numbers, from its dictionary and code counts (no per-row sort). */
function numberStats(col: TableColumn): { min: number; max: number; median: number } | null {
  const counts = new Int32Array(col.dict.length);
  for (const c of col.codes) if (c >= 0) counts[c]++;
  const values = col.dict.map(parseNumber);
  const order = values.map((_, c) => c).filter((c) => !Number.isNaN(values[c]) && counts[c] > 0);
  if (order.length === 0) return null;
  order.sort((a, b) => values[a] - values[b]);
  const total = order.reduce((s, c) => s + counts[c], 0);
  let seen = 0;
  let median = values[order[0]];
  for (const c of order) {
    seen += counts[c];
    median = values[c];
    if (seen > Math.floor(total / 2)) break;
  }
  return { min: values[order[0]], max: values[order[order.length - 1]], median };
}

/**
 * The label rule: a label column as is; else a rating threshold (4 on a 1–5 / 0.5–5 scale, the median
 * otherwise); else implicit feedback with 4 sampled negatives per positive, seed 42. A label column wins
 * over a rating because it is the stated target.
 */
export function guessLabelRule(files: readonly ParsedFile[], tables: readonly TableMapping[]): LabelRule {
  const inter = tables.find((t) => t.kind === 'interactions');
  const table =
    inter && files.find((f): f is ParsedTable => f.kind === 'table' && f.fileName === inter.fileName);
  if (!inter || !table) return { kind: 'implicit', ratio: 4, seed: 42 };
  if (inter.roles.some((r) => r.role === 'label')) return { kind: 'column' };
  const ratingCol = inter.roles.findIndex((r) => r.role === 'rating');
  if (ratingCol < 0) return { kind: 'implicit', ratio: 4, seed: 42 };
  const stats = numberStats(table.columns[ratingCol]);
  if (stats === null) return { kind: 'threshold', threshold: 4 };
  if (stats.min >= 0 && stats.max <= 5 && stats.max >= 4) return { kind: 'threshold', threshold: 4 };
  return { kind: 'threshold', threshold: stats.median };
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
