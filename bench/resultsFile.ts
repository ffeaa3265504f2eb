/** Where the Node benches append their JSON lines, and how each line is stamped. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/**
 * `out`, or `<BENCH_RESULTS or bench/results>/<date>-<host>.jsonl` (bench:all --quick points BENCH_RESULTS
 * elsewhere so its smoke rows stay out of the report); its folder is created.
 */
export function resultsFile(out?: string): string {
  const date = new Date().toISOString().slice(0, 10);
  const file = out ?? `${process.env.BENCH_RESULTS ?? 'bench/results'}/${date}-${hostname()}.jsonl`;
  mkdirSync(dirname(file), { recursive: true });
  return file;
}

/** Stamps `row` with the date, host and Node version, prints it as one JSON line and appends it to `file`. */
export function appendResultRow(file: string, row: object): void {
  const line = JSON.stringify({
    ...row,
    date: new Date().toISOString().slice(0, 10),
    host: hostname(),
    node: process.version,
  });
  console.log(line);
  appendFileSync(file, line + '\n');
}
