/**
 * Speed side by side (issue 21): each of our models for one epoch of P1 (ctr) or a few of P2 (top-k), then,
 * when a Python with torch and the reference libraries is present (`../shared/peers/README.md`), the matching
 * reference right after it, single-threaded both, so that both see the same load. One JSON line per pair,
 * with the ratio of our speed to the reference's (> 1: we are faster), appended to
 * `bench/results/<date>-<host>-versus.jsonl`; the report's targets read these ratios only.
 *
 *   npm run bench -- --entry versus [--pairs autoint,din-ref,lightgcn] [--p2-epochs 3] [--repeat 3]
 *                    [--python /usr/bin/python3] [--peerlibs /tmp/peerlibs] [--ref-threads 2]
 *
 * `--ref-threads N` runs the references with N threads (torch's intra-op pool, OMP and MKL); ours runs on
 * `RECPLAY_WASM_THREADS` threads (default 1; engine/wasmThreads.ts). The targets read one against one only.
 *
 * `--repeat N` runs each pair N times, ours and theirs alternating, and takes the ratio of the medians: one
 * pair of runs on a shared machine moves by ±20 %.
 *
 * Without Python, torch or the libraries it prints our figures and says why the references were not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCtrBench } from './ctr';
import { ctrData, DATASETS, loadMovieLens } from './datasets';
import { runP2 } from './p2';
import { appendResultRow, resultsFile } from './resultsFile';
import { wasmPaths, wasmThreadsAsked } from './wasmPaths';

/** One comparison: our model in a shape, and the reference script run that it is compared with. */
export interface VersusPair {
  readonly id: string;
  readonly protocol: 'p1' | 'p2';
  readonly model: string;
  /** `ours`: our defaults; `reference`: the reference library's shape (its layers and widths). */
  readonly shape: 'ours' | 'reference';
  readonly config: Readonly<Record<string, unknown>>;
  readonly reference: string;
  /** Arguments of the peer script (its file first). */
  readonly args: readonly string[];
}

const AUTOINT_DNN = ['p1_ctr.py', '--model', 'autoint_dnn'];
const DIN = ['p1_ctr.py', '--model', 'din'];

export const PAIRS: readonly VersusPair[] = [
  {
    id: 'autoint',
    protocol: 'p1',
    model: 'autoint',
    shape: 'ours',
    config: {},
    reference: 'DeepCTR-Torch AutoInt+DNN',
    args: AUTOINT_DNN,
  },
  {
    id: 'autoint-ref',
    protocol: 'p1',
    model: 'autoint',
    shape: 'reference',
    config: { layers: 3, hiddenUnits: [256, 128] },
    reference: 'DeepCTR-Torch AutoInt+DNN',
    args: AUTOINT_DNN,
  },
  {
    id: 'amfr',
    protocol: 'p1',
    model: 'amfr',
    shape: 'ours',
    config: {},
    reference: 'DeepCTR-Torch AutoInt+DNN',
    args: AUTOINT_DNN,
  },
  {
    id: 'din',
    protocol: 'p1',
    model: 'din',
    shape: 'ours',
    config: {},
    reference: 'DeepCTR-Torch DIN',
    args: DIN,
  },
  {
    id: 'din-ref',
    protocol: 'p1',
    model: 'din',
    shape: 'reference',
    config: { attentionUnits: [64, 16], hiddenUnits: [256, 128] },
    reference: 'DeepCTR-Torch DIN',
    args: DIN,
  },
  {
    id: 'mmdin',
    protocol: 'p1',
    model: 'mmdin',
    shape: 'ours',
    config: {},
    reference: 'DeepCTR-Torch DIN',
    args: DIN,
  },
  {
    id: 'lightgcn',
    protocol: 'p2',
    model: 'lightgcn',
    shape: 'ours',
    config: {},
    reference: 'PyTorch LightGCN',
    args: ['p2_topk.py', '--model', 'lightgcn'],
  },
  {
    id: 'tmfun',
    protocol: 'p2',
    model: 'tmfun',
    shape: 'ours',
    config: {},
    reference: 'MMRec FREEDOM',
    args: ['p2_topk.py', '--model', 'freedom'],
  },
];

/** Speed as a ratio, > 1 when ours is faster: rows/s over rows/s (P1), or ms/epoch of the reference over ours (P2). */
export function speedRatio(protocol: 'p1' | 'p2', ours: number, reference: number): number {
  return protocol === 'p1' ? ours / reference : reference / ours;
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Why the references cannot run here, or null when they can. */
function referencesMissing(python: string, peerlibs: string, peers: string): string | null {
  if (!existsSync(resolve(peers, 'p1_ctr.py'))) return `no peer scripts in ${peers}`;
  const probe = spawnSync(python, ['-c', 'import torch, sklearn, pandas'], { encoding: 'utf8' });
  if (probe.error) return `${python} cannot run (${probe.error.message})`;
  if (probe.status !== 0)
    return `${python} lacks torch, scikit-learn or pandas (${probe.stderr.trim().split('\n').pop()})`;
  for (const lib of ['DeepCTR-Torch', 'MMRec'])
    if (!existsSync(resolve(peerlibs, lib)))
      return `no ${lib} in ${peerlibs} (see ../shared/peers/README.md)`;
  return null;
}

/** The reference's speed from the last JSON line of its output: rows/s (P1) or ms/epoch (P2). */
function runReference(
  pair: VersusPair,
  python: string,
  peerlibs: string,
  peers: string,
  p2Epochs: number,
  threads: number,
) {
  const extra = pair.protocol === 'p1' ? ['--epochs', '1'] : ['--max-epochs', String(p2Epochs)];
  const n = String(threads);
  const r = spawnSync(python, [...pair.args, ...extra, '--threads', n], {
    cwd: peers,
    encoding: 'utf8',
    env: { ...process.env, PEERLIBS: peerlibs, OMP_NUM_THREADS: n, MKL_NUM_THREADS: n },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new Error(`${pair.args.join(' ')} failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  const line = r.stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .pop();
  if (!line) throw new Error(`${pair.args.join(' ')} printed no JSON line`);
  const out = JSON.parse(line) as { train_rows_per_s?: number; ms_per_epoch?: number };
  const value = pair.protocol === 'p1' ? out.train_rows_per_s : out.ms_per_epoch;
  if (typeof value !== 'number') throw new Error(`${pair.args.join(' ')}: no speed in ${line.slice(0, 200)}`);
  return value;
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      pairs: { type: 'string', default: PAIRS.map((p) => p.id).join(',') },
      'p2-epochs': { type: 'string', default: '3' },
      repeat: { type: 'string', default: '1' },
      python: { type: 'string', default: '/usr/bin/python3' },
      peerlibs: { type: 'string', default: process.env.PEERLIBS ?? '/tmp/peerlibs' },
      out: { type: 'string' },
      'ref-threads': { type: 'string', default: '1' },
    },
  });
  const refThreads = Number(args['ref-threads']);
  if (!Number.isInteger(refThreads) || refThreads < 1)
    throw new Error(`--ref-threads must be a whole number ≥ 1, got ${args['ref-threads']}`);
  const wanted = args.pairs!.split(',');
  const unknown = wanted.filter((id) => !PAIRS.some((p) => p.id === id));
  if (unknown.length)
    throw new Error(`unknown pair(s) ${unknown.join(', ')} (known: ${PAIRS.map((p) => p.id).join(', ')})`);
  const pairs = PAIRS.filter((p) => wanted.includes(p.id));
  const p2Epochs = Number(args['p2-epochs']);
  const peers = process.env.PEERS_DIR ?? resolve(process.cwd(), '../shared/peers');
  const missing = referencesMissing(args.python!, args.peerlibs!, peers);
  if (missing) console.error(`references not run: ${missing}`);
  const out = args.out ?? resultsFile().replace(/\.jsonl$/, '-versus.jsonl');

  const p1 = pairs.some((p) => p.protocol === 'p1')
    ? ctrData(await loadMovieLens(`${DATASETS}/ml-100k`))
    : null;
  const table: Record<string, unknown>[] = [];
  const repeat = Math.max(1, Number(args.repeat));
  const oursOnce = async (pair: VersusPair): Promise<number> => {
    if (pair.protocol === 'p1') {
      const [row] = await runCtrBench({
        protocol: 'p1',
        encoding: p1!.encoding,
        split: p1!.split,
        models: [pair.model],
        backends: ['wasm'],
        epochs: 1,
        seed: 42,
        overrides: pair.config,
        wasmPaths: wasmPaths(),
      });
      return row.train_rows_per_s;
    }
    const [row] = await runP2({
      models: [pair.model],
      backends: ['wasm'],
      epochs: p2Epochs,
      wasmPaths: wasmPaths(),
    });
    return row.ms_per_epoch;
  };
  for (const pair of pairs) {
    const oursRuns: number[] = [];
    const theirsRuns: number[] = [];
    for (let r = 0; r < repeat; r++) {
      oursRuns.push(await oursOnce(pair));
      if (!missing)
        theirsRuns.push(runReference(pair, args.python!, args.peerlibs!, peers, p2Epochs, refThreads));
    }
    const ours = median(oursRuns);
    const reference = missing ? null : median(theirsRuns);
    const unit = pair.protocol === 'p1' ? 'rows/s' : 'ms/epoch';
    const row = {
      protocol: 'versus',
      pair: pair.id,
      model: pair.model,
      shape: pair.shape,
      config: pair.config,
      reference: pair.reference,
      unit,
      ours,
      theirs: reference,
      ours_runs: oursRuns,
      theirs_runs: theirsRuns,
      ratio: reference === null ? null : Number(speedRatio(pair.protocol, ours, reference).toFixed(3)),
      threads: wasmThreadsAsked(),
      ref_threads: refThreads,
      references_missing: missing,
    };
    appendResultRow(out, row);
    table.push({
      pair: pair.id,
      shape: pair.shape,
      unit,
      ours,
      reference: pair.reference,
      theirs: reference ?? '—',
      ratio: row.ratio ?? '—',
    });
    console.table(table.slice(-1));
  }
  console.table(table);
  console.log(`appended to ${out}`);
}

if (process.argv[1]?.endsWith('versus.mjs')) await main();
