/**
 * Time and peak memory of reading + building a dataset in Node with the app's import pipeline.
 *   node bench/run.mjs --entry loadMemory FILE...
 * Memory is sampled every 20 ms (rss, JS heap, array buffers) and the peaks are printed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildDataset } from '../src/data/import/build';
import { readFiles } from '../src/data/import/readFiles';
import { proposeMapping } from '../src/data/import/recognize';

const paths = process.argv.slice(2);
if (paths.length === 0) throw new Error('usage: node bench/run.mjs --entry loadMemory FILE...');
const peak = { rss: 0, heapUsed: 0, arrayBuffers: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  peak.arrayBuffers = Math.max(peak.arrayBuffers, m.arrayBuffers);
};
const timer = setInterval(sample, 20);
const t0 = performance.now();
const inputs = paths.map((p) => ({ name: basename(p), bytes: new Uint8Array(readFileSync(p)) }));
const { files } = await readFiles(inputs);
const t1 = performance.now();
const { dataset } = buildDataset(files, proposeMapping(files));
const t2 = performance.now();
sample();
clearInterval(timer);
const mb = (x: number) => Math.round(x / 1048576);
console.log(
  JSON.stringify({
    files: paths.map((p) => basename(p)),
    bytes_mb: +(inputs.reduce((s, i) => s + i.bytes.length, 0) / 1048576).toFixed(1),
    interactions: dataset.interactions.user.length,
    users: dataset.numUsers,
    items: dataset.numItems,
    read_s: +((t1 - t0) / 1000).toFixed(2),
    build_s: +((t2 - t1) / 1000).toFixed(2),
    peak_rss_mb: mb(peak.rss),
    peak_heap_mb: mb(peak.heapUsed),
    peak_array_buffers_mb: mb(peak.arrayBuffers),
    node: process.version,
  }),
);
