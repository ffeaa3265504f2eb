/**
 * Test helpers: build `ParsedTable` / `ParsedMatrix` values by hand, encoded the way the reader encodes them,
 * so the building half is tested without depending on the reader.
 */
import type { ParsedMatrix, ParsedTable, TableColumn, TextEncoding } from './types';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const RECBOLE_TYPES = new Set(['token', 'token_seq', 'float', 'float_seq']);

function column(name: string, cells: readonly string[]): TableColumn {
  const codes = new Int32Array(cells.length);
  const dict: string[] = [];
  const index = new Map<string, number>();
  const numbers = new Float64Array(cells.length);
  let numeric = true;
  cells.forEach((cell, r) => {
    if (cell === '') {
      codes[r] = -1;
      numbers[r] = NaN;
      return;
    }
    let code = index.get(cell);
    if (code === undefined) {
      code = dict.length;
      index.set(cell, code);
      dict.push(cell);
    }
    codes[r] = code;
    const t = cell.trim();
    if (numeric && DECIMAL.test(t)) numbers[r] = Number(t);
    else numeric = false;
  });
  // RecBole headers are `name:type`; the reader keeps the bare name and the type separately.
  const colon = name.lastIndexOf(':');
  const type = colon > 0 ? name.slice(colon + 1) : '';
  const base = { codes, dict, numbers: numeric ? numbers : null };
  if (RECBOLE_TYPES.has(type)) {
    return { name: name.slice(0, colon), recboleType: type as TableColumn['recboleType'], ...base };
  }
  return { name, ...base };
}

/**
 * A table from raw string cells: `header` null means no header row (columns named `column N`). Rows must
 * all have the header's (or the first row's) width.
 */
export function tableFromRows(
  fileName: string,
  header: readonly string[] | null,
  rows: readonly (readonly string[])[],
  options: { encoding?: TextEncoding; delimiter?: string } = {},
): ParsedTable {
  const width = header ? header.length : (rows[0]?.length ?? 0);
  rows.forEach((row, r) => {
    if (row.length !== width) throw new Error(`${fileName} row ${r}: ${row.length} cells, expected ${width}`);
  });
  const columns: TableColumn[] = [];
  for (let c = 0; c < width; c++) {
    columns.push(
      column(
        header ? header[c] : `column ${c + 1}`,
        rows.map((row) => row[c]),
      ),
    );
  }
  const first = header ? 2 : 1;
  return {
    kind: 'table',
    fileName,
    encoding: options.encoding ?? 'utf-8',
    delimiter: options.delimiter ?? ',',
    hasHeader: header !== null,
    numRows: rows.length,
    columns,
    lineOf: Int32Array.from(rows, (_, r) => r + first),
    preview: rows.slice(0, 5).map((row) => [...row]),
    issues: [],
    skippedRows: 0,
  };
}

export function matrixFromRows(fileName: string, rows: readonly (readonly number[])[]): ParsedMatrix {
  const cols = rows[0]?.length ?? 0;
  return { kind: 'matrix', fileName, rows: rows.length, cols, data: Float32Array.from(rows.flat()) };
}

const flags = (on: readonly number[]) => Array.from({ length: 19 }, (_, k) => (on.includes(k) ? '1' : '0'));

/**
 * ml-100k-shaped files, a few hand-written rows each (u.item's latin-1 already decoded). Users: 1 (24, M,
 * zip 8…), 2 (53, F, 9…), 3 (17, M, Canadian zip T…). Items: 1 (1995; Animation, Children's, Comedy),
 * 2 (1995, trailing space, é; Drama), 3 (`unknown`, no date; genre unknown), 4 (1968; Sci-Fi).
 */
export function ml100kFiles(): ParsedTable[] {
  const data = [
    ['1', '1', '5', '874965758'],
    ['1', '2', '3', '876893171'],
    ['1', '4', '4', '876893200'],
    ['2', '1', '4', '888550871'],
    ['2', '3', '2', '888551000'],
    ['3', '2', '4', '889237455'],
    ['3', '4', '5', '889237500'],
    ['3', '1', '1', '889237600'],
  ];
  const user = [
    ['1', '24', 'M', 'technician', '85711'],
    ['2', '53', 'F', 'other', '94043'],
    ['3', '17', 'M', 'student', 'T8H1N'],
  ];
  const url = 'http://us.imdb.com/M/title-exact?x';
  const item = [
    ['1', 'Toy Story (1995)', '01-Jan-1995', '', url, ...flags([3, 4, 5])],
    ['2', 'Misérables, Les (1995) ', '01-Jan-1995', '', url, ...flags([8])],
    ['3', 'unknown', '', '', '', ...flags([0])],
    ['4', '2001: A Space Odyssey (1968)', '01-Jan-1968', '', url, ...flags([15])],
  ];
  return [
    tableFromRows('ml-100k/u.data', null, data, { delimiter: '\t' }),
    tableFromRows('ml-100k/u.user', null, user, { delimiter: '|' }),
    tableFromRows('ml-100k/u.item', null, item, { delimiter: '|', encoding: 'latin-1' }),
    tableFromRows('ml-100k/u.genre', null, [['unknown', '0']], { delimiter: '|' }),
  ];
}

/** MovieLens latest-shaped ratings.csv, movies.csv, tags.csv and links.csv. */
export function mlLatestFiles(): ParsedTable[] {
  return [
    tableFromRows(
      'ratings.csv',
      ['userId', 'movieId', 'rating', 'timestamp'],
      [
        ['1', '1', '4.0', '964982703'],
        ['1', '3', '3.5', '964981247'],
        ['2', '1', '2.5', '1445714835'],
        ['2', '50', '5.0', '1445714900'],
        ['3', '3', '0.5', '1306463578'],
      ],
    ),
    tableFromRows(
      'movies.csv',
      ['movieId', 'title', 'genres'],
      [
        ['1', 'Toy Story (1995)', 'Adventure|Animation|Children|Comedy|Fantasy'],
        ['3', 'Grumpier Old Men (1995)', 'Comedy|Romance'],
        ['50', 'Usual Suspects, The (1995)', 'Crime|Mystery|Thriller'],
        ['99', 'Some Film', '(no genres listed)'],
      ],
    ),
    tableFromRows(
      'tags.csv',
      ['userId', 'movieId', 'tag', 'timestamp'],
      [
        ['2', '50', 'twist ending', '1445714996'],
        ['2', '50', 'Kevin Spacey', '1445714997'],
        ['1', '1', 'pixar', '1445715000'],
        ['2', '1', 'pixar', '1445715001'],
      ],
    ),
    tableFromRows('links.csv', ['movieId', 'imdbId', 'tmdbId'], [['1', '0114709', '862']]),
  ];
}

/** RecBole atomic files: .inter with rating, .user with a token and a float, .item with every type. */
export function recBoleFiles(): ParsedTable[] {
  return [
    tableFromRows(
      'ml-tiny.inter',
      ['user_id:token', 'item_id:token', 'rating:float', 'timestamp:float'],
      [
        ['u1', 'i1', '5', '100'],
        ['u1', 'i2', '2', '101'],
        ['u2', 'i2', '4', '102'],
        ['u2', 'i3', '3', '103'],
      ],
      { delimiter: '\t' },
    ),
    tableFromRows(
      'ml-tiny.user',
      ['user_id:token', 'gender:token', 'income:float', 'friends:token_seq'],
      [
        ['u1', 'F', '10.5', 'u2'],
        ['u2', 'M', '20', 'u1'],
      ],
      { delimiter: '\t' },
    ),
    tableFromRows(
      'ml-tiny.item',
      ['item_id:token', 'movie_title:token_seq', 'class:token_seq', 'price:float', 'emb:float_seq'],
      [
        ['i1', 'toy story', 'Animation Comedy', '9.99', '0.1 0.2 0.3'],
        ['i2', 'heat', 'Action Crime', '4.5', '1 0 0'],
        ['i3', 'casino', 'Crime Drama', '7', '0 1 0'],
      ],
      { delimiter: '\t' },
    ),
  ];
}
