// Where the Chromium benches append their JSON lines: bench/results/<date>-<host>-chromium.jsonl, or the folder
// BENCH_RESULTS names (bench:all --quick keeps its smoke rows out of bench/results that way).
import { appendFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';

export const today = () => new Date().toISOString().slice(0, 10);

/** Prints `row` as one JSON line and appends it to the results file. */
export function appendChromiumRow(row) {
  const dir = process.env.BENCH_RESULTS ?? 'bench/results';
  mkdirSync(dir, { recursive: true });
  const line = JSON.stringify(row);
  console.log(line);
  appendFileSync(`${dir}/${today()}-${hostname()}-chromium.jsonl`, line + '\n');
}
