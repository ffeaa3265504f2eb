/**
 * User and item attributes from every mapped table: categorical, bucketised numeric and multi-valued
 * fields, item texts and titles, and feature-column modalities. Runs after the interactions, when the
 * dense user and item indices are final.
 */
import type { CategoricalColumn, Modality, MultiCategoricalColumn } from '../types';
import { categoricalField, lastCodePerEntity, multiField, PairList, quantileField } from './fields';
import { composeTexts, type TextSource } from './itemTexts';
import type { KeyIndex } from './keys';
import { featureModality, vectorModality } from './modalities';
import { shorten, type Tallies } from './report';
import { ImportError, type ColumnRole, type ImportIssue, type ParsedTable, type TableMapping } from './types';
import { collapseWhitespace, parseBinary, parseNumber } from './values';

export interface MappedTable {
  readonly table: ParsedTable;
  readonly mapping: TableMapping;
  /** The first users / items table: it defines the known ids, so its rows are never "unknown". */
  readonly primary: boolean;
}

export interface Attributes {
  readonly userFields: CategoricalColumn[];
  readonly itemFields: CategoricalColumn[];
  readonly itemMultiFields: MultiCategoricalColumn[];
  readonly modalities: Modality[];
  /** Composed item text per item (see the `itemText` role), or null when no column is item text. */
  readonly itemTexts: string[] | null;
  readonly itemTitles: string[];
}

/** Field names unique per owner: a second `genres` becomes `genres_2`. */
class Names {
  private readonly used = new Set<string>();
  take(name: string): string {
    let out = name;
    for (let k = 2; this.used.has(out); k++) out = `${name}_${k}`;
    this.used.add(out);
    return out;
  }
}

export function collectAttributes(
  tables: readonly MappedTable[],
  users: KeyIndex,
  items: KeyIndex,
  tallies: Tallies,
  warnings: ImportIssue[],
): Attributes {
  const numUsers = users.size;
  const numItems = items.size;
  const userNames = new Names();
  const itemNames = new Names();
  const out: Attributes = {
    userFields: [],
    itemFields: [],
    itemMultiFields: [],
    modalities: [],
    itemTexts: null,
    itemTitles: [],
  };
  // Multi-valued fields are finished after every table is read: flag columns of one field may be spread out.
  const multi: { name: string; pairs: PairList; vocab: string[]; sorted: boolean }[] = [];
  const flagFields = new Map<string, { pairs: PairList; vocab: string[] }>();
  const texts: TextSource[] = [];
  const appendFields: string[] = [];

  for (const { table, mapping, primary } of tables) {
    const userCol = mapping.roles.findIndex((r) => r.role === 'user');
    const itemCol = mapping.roles.findIndex((r) => r.role === 'item');
    const rowsOf = (col: number, index: KeyIndex) => {
      const rows = index.rows(table.columns[col]);
      if (mapping.kind !== 'interactions') countSkipped(table, col, rows, primary, tallies);
      return rows;
    };
    let userRows: Int32Array | null = null;
    let itemRows: Int32Array | null = null;
    const need = (owner: 'user' | 'item', column: number): Int32Array => {
      const key = owner === 'user' ? userCol : itemCol;
      if (key < 0) {
        throw new ImportError({
          severity: 'fatal',
          file: table.fileName,
          column: column + 1,
          message: `Column "${table.columns[column].name}" is a ${owner} attribute, but the table has no ${owner} id column.`,
          hint: `Mark the ${owner} id column, or map this column to "ignore".`,
        });
      }
      if (owner === 'user') return (userRows ??= rowsOf(key, users));
      return (itemRows ??= rowsOf(key, items));
    };
    const features = new Map<string, number[]>();
    const roles: { column: number; role: ColumnRole }[] = [
      ...mapping.roles.map((role, column) => ({ column, role })),
      ...(mapping.extraRoles ?? []),
    ];
    for (const { column, role } of roles) {
      const col = table.columns[column];
      if (!col) {
        throw new ImportError({
          severity: 'fatal',
          file: table.fileName,
          message: `The mapping names column ${column + 1}, but the table has ${table.columns.length} columns.`,
        });
      }
      const fieldName = (name: string | undefined) => name ?? col.name;
      switch (role.role) {
        case 'userField':
          out.userFields.push(
            categoricalField(
              userNames.take(fieldName(role.name)),
              col.dict,
              lastCodePerEntity(col, need('user', column), numUsers),
              role.transform,
            ),
          );
          break;
        case 'itemField':
          out.itemFields.push(
            categoricalField(
              itemNames.take(fieldName(role.name)),
              col.dict,
              lastCodePerEntity(col, need('item', column), numItems),
              role.transform,
            ),
          );
          break;
        case 'userNumeric':
        case 'itemNumeric': {
          const owner = role.role === 'userNumeric' ? 'user' : 'item';
          const last = lastCodePerEntity(col, need(owner, column), owner === 'user' ? numUsers : numItems);
          const numbers = col.dict.map(parseNumber);
          const values = Float64Array.from(last, (c) => (c >= 0 ? numbers[c] : NaN));
          const names = owner === 'user' ? userNames : itemNames;
          (owner === 'user' ? out.userFields : out.itemFields).push(
            quantileField(names.take(fieldName(role.name)), values),
          );
          break;
        }
        case 'itemMultiField': {
          const rows = need('item', column);
          const vocab: string[] = [];
          const tokenOf = new Map<string, number>();
          const valuesOfCode = col.dict.map((cell) => {
            const parts = role.separator === '' ? [cell] : cell.split(role.separator);
            return parts.flatMap((p) => {
              const v = p.trim();
              if (v === '') return [];
              let t = tokenOf.get(v);
              if (t === undefined) tokenOf.set(v, (t = vocab.push(v)));
              return [t];
            });
          });
          const pairs = new PairList();
          for (let r = 0; r < rows.length; r++) {
            const c = col.codes[r];
            if (rows[r] >= 0 && c >= 0) for (const t of valuesOfCode[c]) pairs.push(rows[r], t);
          }
          multi.push({ name: fieldName(role.name), pairs, vocab, sorted: true });
          break;
        }
        case 'itemFlag': {
          const rows = need('item', column);
          let flag = flagFields.get(role.field);
          if (!flag) {
            flag = { pairs: new PairList(), vocab: [] };
            flagFields.set(role.field, flag);
            multi.push({ name: role.field, pairs: flag.pairs, vocab: flag.vocab, sorted: false });
          }
          let token = flag.vocab.indexOf(role.value) + 1;
          if (token === 0) token = flag.vocab.push(role.value);
          const set = col.dict.map((cell) => parseBinary(cell) === 1);
          for (let r = 0; r < rows.length; r++) {
            const c = col.codes[r];
            if (rows[r] >= 0 && c >= 0 && set[c]) flag.pairs.push(rows[r], token);
          }
          break;
        }
        case 'itemText':
          texts.push({ dict: col.dict, last: lastCodePerEntity(col, need('item', column), numItems) });
          for (const f of role.appendFields ?? []) if (!appendFields.includes(f)) appendFields.push(f);
          break;
        case 'itemFeature': {
          need('item', column);
          const group = features.get(role.modality) ?? [];
          group.push(column);
          features.set(role.modality, group);
          break;
        }
        case 'itemVector':
          out.modalities.push(
            vectorModality(
              table,
              column,
              role.modality,
              role.separator,
              need('item', column),
              numItems,
              warnings,
            ),
          );
          break;
        default:
          break; // ids, rating, label, timestamp: read with the interactions; ignore
      }
    }
    for (const [modality, columns] of features) {
      out.modalities.push(featureModality(table, columns, modality, itemRows!, numItems, warnings));
    }
  }

  for (const m of multi) {
    out.itemMultiFields.push(multiField(itemNames.take(m.name), numItems, m.pairs, m.vocab, m.sorted));
  }
  if (texts.length > 0) {
    const titles = texts[0];
    for (let e = 0; e < numItems; e++) {
      const c = titles.last[e];
      out.itemTitles.push(c >= 0 ? collapseWhitespace(titles.dict[c]) : items.keys[e]);
    }
    return { ...out, itemTexts: composeTexts(texts, appendFields, out, numItems, warnings) };
  }
  out.itemTitles.push(...items.keys);
  return out;
}

/** Rows of an attribute table whose id is empty or unknown: skipped, counted. */
function countSkipped(
  table: ParsedTable,
  col: number,
  rows: Int32Array,
  primary: boolean,
  tallies: Tallies,
): void {
  const { codes, dict } = table.columns[col];
  for (let r = 0; r < rows.length; r++) {
    if (rows[r] >= 0) continue;
    const empty = codes[r] < 0 || dict[codes[r]].trim() === '';
    if (primary && !empty) continue; // cannot happen: the primary table's ids are all known
    tallies.add('attributeRowSkipped', () => ({
      severity: 'warning',
      file: table.fileName,
      line: table.lineOf[r],
      column: col + 1,
      value: shorten(codes[r] < 0 ? '' : dict[codes[r]]),
      message: empty ? 'No id.' : 'No interaction or main table has this id.',
    }));
  }
}
