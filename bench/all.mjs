// Every bench this machine can run, then the report: `npm run bench:all` (hours on 2 cores: P2 trains up to 200
// epochs per model). `--quick` runs one epoch of each protocol and small scale points, to check the pipeline.
// Needs the built app for the Chromium parts (`npm run build` first).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const q = args.quick;
const QUICK_RESULTS = 'bench/.quick/results';
const steps = [
  [
    'node',
    'bench/run.mjs',
    '--protocol',
    'p1',
    // `ctr` here, `topk` for p2: every registry model of that family, in registry order (bench/modelList.ts).
    '--models',
    'ctr',
    '--backend',
    'wasm',
    '--epochs',
    q ? '1' : '5',
  ],
  ['node', 'bench/run.mjs', '--protocol', 'p1', '--models', 'dnn', '--backend', 'cpu', '--epochs', '1'],
  [
    'node',
    'bench/run.mjs',
    '--protocol',
    'p2',
    '--models',
    'topk',
    '--backend',
    'wasm',
    ...(q ? ['--epochs', '1'] : []),
  ],
  ['node', 'bench/run.mjs', '--entry', 'scale', ...(q ? ['--sizes', '10000', '--items', '1000'] : [])],
  ['node', 'bench/browser.mjs', '--backends', 'wasm,webgl,webgpu,cpu', '--epochs', '1'],
  [
    'node',
    'bench/browser.mjs',
    '--backends',
    'wasm',
    '--models',
    'autoint,amfr,din,mmdin,lightgcn,tmfun',
    '--epochs',
    '1',
    '--node',
    '--repeat',
    q ? '1' : '3',
  ],
  ['node', 'bench/app.mjs'],
  ['node', 'bench/report.mjs', ...(q ? ['--results', QUICK_RESULTS, '--out', 'bench/.quick'] : [])],
];
// --quick checks the pipeline: its one-epoch rows and report go to bench/.quick, not into the real results.
const env = q ? { ...process.env, BENCH_RESULTS: QUICK_RESULTS } : process.env;
for (const step of steps) {
  console.error(`\n$ ${step.join(' ')}`);
  const r = spawnSync(step[0], step.slice(1), { stdio: 'inherit', env });
  // A failed step is reported and the rest still run: the report shows what was measured.
  if (r.status !== 0) console.error(`step failed (exit ${r.status}): ${step.join(' ')}`);
}
