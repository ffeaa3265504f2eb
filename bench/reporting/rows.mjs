// The rows the report reads: every JSON line of the results folder's *.jsonl files, and the latest row per key.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every row of `dir`'s *.jsonl files, files in name (date) order, lines in append order; each gets `file`. */
export function readRows(dir) {
  const rows = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        rows.push({ ...JSON.parse(line), file: f });
      } catch {
        console.error(`skipping a broken line in ${f}`);
      }
    }
  }
  return rows;
}

/** The last of `rows` passing `filter` per `key(row)`, in the order each key first appears. */
export function latest(rows, filter, key) {
  const m = new Map();
  for (const r of rows.filter(filter)) m.set(key(r), r);
  return [...m.values()];
}
