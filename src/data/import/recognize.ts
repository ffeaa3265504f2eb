/**
 * Known formats, mapped without asking: MovieLens 100K, MovieLens latest / 25M, RecBole atomic files, and
 * MMRec item features (`.npy` matrices, `*feat*.csv` tables) beside any of them or beside plain CSV.
 */
import { isItemName, isUserName, modalityNameFor, nameTokens } from './columnNames';
import { guessLabelRule } from './labelRule';
import { guessMapping } from './mapping';
import type { ColumnRole, DataMapping, ParsedFile, ParsedTable, TableColumn, TableMapping } from './types';
import { baseName, stemOf } from './values';

/** ml-100k's genre flag columns, in `u.genre` order. */
export const ML100K_GENRES = [
  'unknown',
  'Action',
  'Adventure',
  'Animation',
  "Children's",
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
] as const;

function tableNamed(files: readonly ParsedFile[], name: string, width?: number): ParsedTable | undefined {
  return files.find(
    (f): f is ParsedTable =>
      f.kind === 'table' &&
      baseName(f.fileName).toLowerCase() === name &&
      (width === undefined || f.columns.length === width),
  );
}

const ignore: ColumnRole = { role: 'ignore' };

function movieLens100k(files: readonly ParsedFile[]): DataMapping | null {
  const data = tableNamed(files, 'u.data', 4);
  if (!data) return null;
  const tables: TableMapping[] = [
    {
      fileName: data.fileName,
      kind: 'interactions',
      roles: [{ role: 'user' }, { role: 'item' }, { role: 'rating' }, { role: 'timestamp' }],
    },
  ];
  const users = tableNamed(files, 'u.user', 5);
  if (users) {
    tables.push({
      fileName: users.fileName,
      kind: 'users',
      roles: [
        { role: 'user' },
        { role: 'userField', name: 'age', transform: 'ageBucket' },
        { role: 'userField', name: 'gender' },
        { role: 'userField', name: 'occupation' },
        { role: 'userField', name: 'zip_prefix', transform: 'firstChar' },
      ],
    });
  }
  const items = tableNamed(files, 'u.item', 5 + ML100K_GENRES.length);
  if (items) {
    tables.push({
      fileName: items.fileName,
      kind: 'items',
      roles: [
        { role: 'item' },
        { role: 'itemText', appendFields: ['genres'] },
        { role: 'itemField', name: 'release_decade', transform: 'decade' },
        ignore, // video release date: empty in every row
        ignore, // IMDb URL
        ...ML100K_GENRES.map((g): ColumnRole => ({ role: 'itemFlag', field: 'genres', value: g })),
      ],
    });
  }
  return {
    tables,
    matrices: [],
    label: { kind: 'threshold', threshold: 4 },
    formatName: 'MovieLens 100K',
    datasetName: 'MovieLens 100K',
  };
}

function hasHeader(table: ParsedTable | undefined, names: readonly string[]): table is ParsedTable {
  return (
    table !== undefined &&
    table.columns.length === names.length &&
    table.columns.every((c, k) => c.name.trim().toLowerCase() === names[k].toLowerCase())
  );
}

function movieLensLatest(files: readonly ParsedFile[]): DataMapping | null {
  const ratings = tableNamed(files, 'ratings.csv');
  if (!hasHeader(ratings, ['userId', 'movieId', 'rating', 'timestamp'])) return null;
  const tables: TableMapping[] = [
    {
      fileName: ratings.fileName,
      kind: 'interactions',
      roles: [{ role: 'user' }, { role: 'item' }, { role: 'rating' }, { role: 'timestamp' }],
    },
  ];
  const movies = tableNamed(files, 'movies.csv');
  if (hasHeader(movies, ['movieId', 'title', 'genres'])) {
    tables.push({
      fileName: movies.fileName,
      kind: 'items',
      roles: [
        { role: 'item' },
        { role: 'itemText', appendFields: ['genres'] },
        { role: 'itemMultiField', separator: '|', name: 'genres' },
      ],
      extraRoles: [
        { column: 1, role: { role: 'itemField', name: 'release_decade', transform: 'decadeFromTitle' } },
      ],
    });
  }
  const tags = tableNamed(files, 'tags.csv');
  if (hasHeader(tags, ['userId', 'movieId', 'tag', 'timestamp'])) {
    tables.push({
      fileName: tags.fileName,
      kind: 'items',
      roles: [ignore, { role: 'item' }, { role: 'itemMultiField', separator: '', name: 'tags' }, ignore],
    });
  }
  return {
    tables,
    matrices: [],
    label: { kind: 'threshold', threshold: 4 },
    formatName: 'MovieLens (latest / 25M)',
    datasetName: 'MovieLens',
  };
}

type RecBoleType = NonNullable<TableColumn['recboleType']>;

/** The column's RecBole type, from the reader or from a `name:type` header the reader left whole. */
function recBoleType(col: TableColumn): RecBoleType | undefined {
  if (col.recboleType) return col.recboleType;
  const m = /:(token_seq|token|float_seq|float)$/.exec(col.name);
  return m ? (m[1] as RecBoleType) : undefined;
}

const TEXT_WORDS = new Set(['title', 'name', 'description', 'desc', 'summary', 'overview', 'plot', 'text']);

function recBoleRole(col: TableColumn, kind: 'interactions' | 'users' | 'items'): ColumnRole {
  const type = recBoleType(col);
  const tokens = nameTokens(col.name);
  const name = tokens.join('_');
  if (type === 'token' && isUserName(col.name)) return kind === 'items' ? ignore : { role: 'user' };
  if (type === 'token' && isItemName(col.name)) return kind === 'users' ? ignore : { role: 'item' };
  if (kind === 'interactions') {
    if (type !== 'float') return ignore; // context tokens: the Dataset keeps no per-interaction fields
    if (name === 'rating') return { role: 'rating' };
    if (name === 'timestamp') return { role: 'timestamp' };
    if (name === 'label') return { role: 'label' };
    return ignore;
  }
  if (kind === 'users') {
    if (type === 'token') return { role: 'userField', name };
    if (type === 'float') return { role: 'userNumeric', name };
    return ignore; // no multi-valued user fields in the Dataset
  }
  switch (type) {
    case 'token':
      return { role: 'itemField', name };
    case 'token_seq':
      // A title stored as a word sequence reads better as text than as thousands of one-word values.
      return tokens.some((t) => TEXT_WORDS.has(t))
        ? { role: 'itemText' }
        : { role: 'itemMultiField', separator: ' ', name };
    case 'float':
      return { role: 'itemNumeric', name };
    case 'float_seq':
      return { role: 'itemVector', modality: name, separator: ' ' };
    default:
      return ignore;
  }
}

const RECBOLE_KINDS = { inter: 'interactions', user: 'users', item: 'items' } as const;

function recBole(files: readonly ParsedFile[]): DataMapping | null {
  const tables: TableMapping[] = [];
  for (const f of files) {
    if (f.kind !== 'table' || !f.columns.some((c) => recBoleType(c))) continue;
    const ext = baseName(f.fileName).split('.').pop()?.toLowerCase() ?? '';
    if (!(ext in RECBOLE_KINDS)) continue;
    const kind = RECBOLE_KINDS[ext as keyof typeof RECBOLE_KINDS];
    tables.push({ fileName: f.fileName, kind, roles: f.columns.map((c) => recBoleRole(c, kind)) });
  }
  const inter = tables.find((t) => t.kind === 'interactions');
  if (!inter) return null;
  return {
    tables,
    matrices: [],
    label: guessLabelRule(files, tables),
    formatName: 'RecBole atomic files',
    datasetName: stemOf(inter.fileName),
  };
}

/** `image_feat.csv`-style tables: an item id column, then only numbers → one modality. */
function featureTable(table: ParsedTable): TableMapping | null {
  const named = nameTokens(stemOf(table.fileName)).some((t) =>
    /^(feat|feats|features?|emb|embeddings?)$/.test(t),
  );
  const rest = table.columns.slice(1);
  if (!named || rest.length === 0 || !rest.every((c) => c.numbers !== null)) return null;
  const modality = modalityNameFor(table.fileName);
  return {
    fileName: table.fileName,
    kind: 'itemFeatures',
    roles: [{ role: 'item' }, ...rest.map((): ColumnRole => ({ role: 'itemFeature', modality }))],
  };
}

/** The mapping of a known format, or null when none matches (then use `guessMapping`). */
export function recognizeFormat(files: readonly ParsedFile[]): DataMapping | null {
  const base = movieLens100k(files) ?? movieLensLatest(files) ?? recBole(files);
  const mapped = new Set(base?.tables.map((t) => t.fileName));
  const features = files
    .filter((f): f is ParsedTable => f.kind === 'table' && !mapped.has(f.fileName))
    .map(featureTable)
    .filter((t): t is TableMapping => t !== null);
  const matrices = files
    .filter((f) => f.kind === 'matrix')
    .map((f) => ({ fileName: f.fileName, modality: modalityNameFor(f.fileName) }));
  if (base) return { ...base, tables: [...base.tables, ...features], matrices };
  if (matrices.length === 0 && features.length === 0) return null;
  // MMRec: features beside interactions in some other layout; the rest is guessed.
  const featureFiles = new Set(features.map((t) => t.fileName));
  const guess = guessMapping(files.filter((f) => !featureFiles.has(f.fileName)));
  return { ...guess, tables: [...guess.tables, ...features], matrices, formatName: 'MMRec features' };
}

/** What the import dialog starts from: a recognised format, else a guess. */
export function proposeMapping(files: readonly ParsedFile[]): DataMapping {
  return recognizeFormat(files) ?? guessMapping(files);
}
