/** The label rule proposed for a mapping: a label column, a rating threshold, or implicit feedback. */
import type { LabelRule, ParsedFile, ParsedTable, TableColumn, TableMapping } from './types';
import { parseNumber } from './values';

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
