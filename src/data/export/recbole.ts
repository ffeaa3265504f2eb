/**
 * The dataset as RecBole atomic files (https://recbole.io/docs/user_guide/data/atomic_files.html): a
 * tab-separated `.inter`, `.item` and `.user` with `name:type` headers, plus a yaml config that loads them,
 * zipped into one folder named after the dataset (RecBole reads `data_path/<dataset>/<dataset>.inter`).
 *
 * The Dataset keeps a 0/1 label per interaction, not the original rating: `rating` holds that label and
 * `label` repeats it, so RecBole (LABEL_FIELD) and our own importer (a `label` column) both read it as is.
 * Values are written verbatim (no spreadsheet apostrophes: RecBole reads them back as tokens); tabs and line
 * breaks inside a value become spaces, and spaces inside one value of a `token_seq` field become `_`.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Dataset } from '../types';
import { numberCell, toTsv, type Cell } from './csv';

export interface TextFile {
  readonly name: string;
  readonly text: string;
}

/** A name usable as a RecBole dataset / folder name and in file names. */
export function safeName(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
  return s === '' ? 'dataset' : s.toLowerCase();
}

/** Field names unique and free of RecBole's separators (`:` splits name from type). */
function fieldName(name: string, taken: Set<string>): string {
  let base = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'field';
  if (/^\d/.test(base)) base = `f_${base}`;
  let out = base;
  for (let k = 2; taken.has(out); k++) out = `${base}_${k}`;
  taken.add(out);
  return out;
}

const token = (s: string) => s.replace(/\s+/g, '_');

/** `<name>.inter`, `.item`, `.user` and `<name>.yaml`. */
export function recboleFiles(ds: Dataset): { readonly name: string; readonly files: readonly TextFile[] } {
  const name = safeName(ds.name);
  const inter = ds.interactions;
  const interRows = function* (): Generator<Cell[]> {
    for (let r = 0; r < inter.user.length; r++) {
      const l = inter.label[r];
      yield [ds.userKeys[inter.user[r]], ds.itemKeys[inter.item[r]], l, inter.timestamp[r], l];
    }
  };
  const interText = toTsv(
    ['user_id:token', 'item_id:token', 'rating:float', 'timestamp:float', 'label:float'],
    interRows(),
    false,
  );

  const itemNames = new Set(['item_id']);
  const itemCols: { header: string; cell: (i: number) => Cell }[] = [
    { header: `${fieldName('title', itemNames)}:token_seq`, cell: (i) => ds.itemTitles[i] ?? '' },
    ...ds.itemFields.map((c) => ({
      header: `${fieldName(c.name, itemNames)}:token`,
      cell: (i: number) => (c.tokens[i] > 0 ? token(c.vocab[c.tokens[i]]) : ''),
    })),
    ...ds.itemMultiFields.map((c) => ({
      header: `${fieldName(c.name, itemNames)}:token_seq`,
      cell: (i: number) => {
        const vals: string[] = [];
        for (let k = c.offsets[i]; k < c.offsets[i + 1]; k++)
          if (c.tokens[k] > 0) vals.push(token(c.vocab[c.tokens[k]]));
        return vals.join(' ');
      },
    })),
    ...ds.modalities.map((m) => ({
      header: `${fieldName(m.name, itemNames)}:float_seq`,
      cell: (i: number) => {
        const out: string[] = new Array<string>(m.dim);
        for (let d = 0; d < m.dim; d++) out[d] = numberCell(m.data[i * m.dim + d]);
        return out.join(' ');
      },
    })),
  ];
  const itemRows = function* (): Generator<Cell[]> {
    for (let i = 0; i < ds.numItems; i++) yield [ds.itemKeys[i], ...itemCols.map((c) => c.cell(i))];
  };
  const itemText = toTsv(['item_id:token', ...itemCols.map((c) => c.header)], itemRows(), false);

  const userNames = new Set(['user_id']);
  const userCols = ds.userFields.map((c) => ({
    header: `${fieldName(c.name, userNames)}:token`,
    cell: (u: number): Cell => (c.tokens[u] > 0 ? token(c.vocab[c.tokens[u]]) : ''),
  }));
  const userRows = function* (): Generator<Cell[]> {
    for (let u = 0; u < ds.numUsers; u++) yield [ds.userKeys[u], ...userCols.map((c) => c.cell(u))];
  };
  const userText = toTsv(['user_id:token', ...userCols.map((c) => c.header)], userRows(), false);

  const bare = (h: string) => h.slice(0, h.lastIndexOf(':'));
  const list = (xs: readonly string[]) => `[${xs.join(', ')}]`;
  const yaml = [
    `# RecBole config for "${ds.name.replace(/["\\\r\n]/g, ' ')}", exported by recplay.`,
    `# Put this folder under data_path and run: python run_recbole.py --config_files=${name}.yaml`,
    'data_path: ./',
    `dataset: ${name}`,
    'field_separator: "\\t"',
    'seq_separator: " "',
    'USER_ID_FIELD: user_id',
    'ITEM_ID_FIELD: item_id',
    'RATING_FIELD: rating',
    'TIME_FIELD: timestamp',
    '# rating is the 0/1 like label of the interaction; label repeats it for context-aware (CTR) models.',
    'LABEL_FIELD: label',
    'threshold: ~',
    'load_col:',
    `  inter: ${list(['user_id', 'item_id', 'rating', 'timestamp', 'label'])}`,
    `  item: ${list(['item_id', ...itemCols.map((c) => bare(c.header))])}`,
    `  user: ${list(['user_id', ...userCols.map((c) => bare(c.header))])}`,
    '# Per user by time, 8:1:1: the split recplay uses by default (PROTOCOLS.md).',
    'eval_args:',
    '  split: {RS: [0.8, 0.1, 0.1]}',
    '  group_by: user',
    '  order: TO',
    '  mode: labeled',
    'metrics: [AUC, LogLoss]',
    'valid_metric: AUC',
    '',
  ].join('\n');

  return {
    name,
    files: [
      { name: `${name}.inter`, text: interText },
      { name: `${name}.item`, text: itemText },
      { name: `${name}.user`, text: userText },
      { name: `${name}.yaml`, text: yaml },
    ],
  };
}

/** The files as one zip, in a folder named after the dataset. */
export function zipTextFiles(folder: string, files: readonly TextFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [`${folder}/${f.name}`, strToU8(f.text)])), {
    level: 6,
  });
}
