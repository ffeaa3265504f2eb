/**
 * The GPU bench: ctr training speed on WebGPU through Dawn in Node (the `webgpu` npm package's dawn.node),
 * beside wasm/cpu on the same data, and whether the results agree. Built into one file and run on the
 * device machine by bench/gpu/run.sh (see ../shared/docs/GPU.md); here, without a GPU, it runs on wasm/cpu.
 *
 *   npm run bench -- --entry gpu --backends wasm,cpu --models dnn --epochs 1      # here
 *   node bench.mjs --dawn ./dawn.node --backends webgpu,wasm --wasm-dir ./wasm    # there
 *
 * One JSON line per (model, backend, batch size) on stdout (and to --out), then one "agreement" line per
 * (model, batch size) comparing every backend with the first non-webgpu one.
 */
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { generateDemo } from '../src/data/demo';
import { encodeCtr } from '../src/data/features';
import { chronologicalSplit } from '../src/data/split';
import { initBackend, type BackendName } from '../src/engine/backends';
import { wasmPaths } from './wasmPaths';
import { runCtrBench, type CtrBenchRow } from './ctr';

const { values: args } = parseArgs({
  options: {
    dawn: { type: 'string' },
    backends: { type: 'string', default: 'wasm' },
    models: { type: 'string', default: 'dnn,autoint,din' },
    epochs: { type: 'string', default: '1' },
    batches: { type: 'string', default: '256' },
    users: { type: 'string', default: '2000' },
    'wasm-dir': { type: 'string' },
    out: { type: 'string' },
    /** Largest |test AUC difference| counted as agreement (float32 sums in another order drift a little). */
    tolerance: { type: 'string', default: '0.005' },
  },
});

/** Makes Dawn's WebGPU the global `navigator.gpu` (and its classes global), as a browser has them. */
function installDawn(path: string): void {
  const require = createRequire(import.meta.url);
  const dawn = require(path) as { create(flags: string[]): unknown; globals: Record<string, unknown> };
  Object.assign(globalThis, dawn.globals);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: dawn.create([]) },
    configurable: true,
    writable: true,
  });
}

function emit(row: Record<string, unknown>): void {
  const line = JSON.stringify({ ...row, date: new Date().toISOString().slice(0, 10), host: hostname() });
  console.log(line);
  if (args.out) appendFileSync(args.out, line + '\n');
}

async function main() {
  if (args.dawn) installDawn(args.dawn);
  const users = Number(args.users);
  const dataset = generateDemo({ users, items: Math.round(users * 1.5) });
  const encoding = encodeCtr(dataset);
  const split = chronologicalSplit(dataset.interactions);
  const backends = args.backends!.split(',') as BackendName[];
  const tolerance = Number(args.tolerance);
  for (const batchSize of args.batches!.split(',').map(Number)) {
    const byBackend = new Map<string, CtrBenchRow[]>();
    for (const backend of backends) {
      // A forced backend that cannot start falls back to another: for a GPU bench that is a skipped row.
      const info = await initBackend(backend, wasmPaths(args['wasm-dir']));
      if (info.name !== backend) {
        emit({ protocol: 'gpu-unavailable', requested: backend, backend: info.name, reason: info.reason });
        continue;
      }
      const rows = await runCtrBench({
        protocol: 'gpu-demo',
        encoding,
        split,
        models: args.models!.split(','),
        backends: [backend],
        epochs: Number(args.epochs),
        seed: 42,
        train: { batchSize },
        wasmPaths: wasmPaths(args['wasm-dir']),
        onBackend: (name, reason) => console.error(`${backend} → ${name}: ${reason}`),
      });
      for (const r of rows) emit({ ...r, requested: backend, batch_size: batchSize, users });
      byBackend.set(backend, rows);
    }
    const refName = backends.find((b) => b !== 'webgpu' && byBackend.get(b)?.[0]?.backend === b);
    if (!refName) continue;
    const ref = byBackend.get(refName)!;
    for (const [name, rows] of byBackend) {
      if (name === refName) continue;
      for (const r of rows) {
        const base = ref.find((x) => x.model === r.model);
        if (!base?.metrics || !r.metrics) continue;
        const diff = Math.abs(r.metrics.auc - base.metrics.auc);
        emit({
          protocol: 'gpu-agreement',
          model: r.model,
          backend: r.backend,
          reference: refName,
          batch_size: batchSize,
          auc: r.metrics.auc,
          reference_auc: base.metrics.auc,
          auc_diff: diff,
          agree: diff <= tolerance,
          speedup: r.train_rows_per_s / base.train_rows_per_s,
        });
      }
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
