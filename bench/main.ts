/**
 * The benchmark: trains models on a protocol's data with the same engine the app uses, in Node, and prints one
 * JSON object per (protocol, model, backend) plus a table. Results are appended to
 * `bench/results/<date>-<host>.jsonl`.
 *
 *   npm run bench -- --protocol demo --models dnn --backend wasm,cpu --epochs 5
 *
 * `--models` takes ids and family names (`ctr`, `topk`, `all`: every registry model of the protocol's family;
 * bench/modelList.ts).
 */
import { parseArgs } from 'node:util';
import { generateDemo } from '../src/data/demo';
import { ctrData, DATASETS, loadMovieLens } from './datasets';
import { profileStep } from './profile';
import { makeRng } from '../src/data/random';
import { initBackend, type BackendName } from '../src/engine/backends';
import { wasmPaths, wasmThreadsAsked } from './wasmPaths';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { profileP2, runP2Cli, type P2TextOptions } from './p2';
import { runCtrBench } from './ctr';
import { expandModels, isProtocol } from './modelList';
import { appendResultRow, resultsFile } from './resultsFile';

const { values: args } = parseArgs({
  options: {
    protocol: { type: 'string', default: 'demo' },
    models: { type: 'string', default: 'dnn' },
    backend: { type: 'string', default: 'wasm' },
    epochs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    out: { type: 'string' },
    data: { type: 'string' },
    profile: { type: 'boolean', default: false },
    config: { type: 'string', default: '{}' },
    // p2 only: the test split's metrics after every epoch, a diagnostic of how far they move between epochs.
    'trace-test': { type: 'boolean', default: false },
    // P2: the item text's TF-IDF → SVD size (default 128, the references').
    'text-dim': { type: 'string' },
    // P2: the text featuriser's other settings as JSON, e.g. '{"bigrams":true,"centre":true}' (src/data/import/text.ts).
    text: { type: 'string' },
  },
});

/** The ctr protocols: `demo` (our generator, seed 42) and `p1` (PROTOCOLS.md P1 on ml-100k, or `--data DIR`). */
async function loadProtocol(name: string) {
  let dataset;
  if (name === 'demo') dataset = generateDemo();
  else if (name === 'p1') dataset = await loadMovieLens(args.data ?? `${DATASETS}/ml-100k`);
  else throw new Error(`unknown protocol "${name}" (available: demo, p1)`);
  return ctrData(dataset);
}

/** `--seed 42,7,1` → [42, 7, 1]; anything but integers is refused (a NaN seed would run unseeded). */
function parseSeeds(text: string): number[] {
  const seeds = text.split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isInteger(s)))
    throw new Error(`--seed wants integers separated by commas: "${text}"`);
  return seeds;
}

async function main() {
  if (!isProtocol(args.protocol!))
    throw new Error(`unknown protocol "${args.protocol}" (available: demo, p1, p2)`);
  const models = expandModels(args.models!, args.protocol);
  if (args.protocol === 'p2') {
    // Top-k protocol (bench/p2.ts): its 200 epochs unless --epochs is given explicitly.
    const epochs = process.argv.some((a) => a.startsWith('--epochs')) ? Number(args.epochs) : undefined;
    const backends = args.backend!.split(',') as BackendName[];
    const p2 = {
      models,
      backends,
      seeds: parseSeeds(args.seed!),
      epochs,
      out: args.out,
      traceTest: args['trace-test'],
      ...(args['text-dim'] ? { textDim: Number(args['text-dim']) } : {}),
      ...(args.text ? { textOptions: JSON.parse(args.text) as P2TextOptions } : {}),
    };
    if (args.profile) {
      const seed = parseSeeds(args.seed!)[0];
      return profileP2({ models, backends, seed, dataDir: args.data, wasmPaths: wasmPaths() });
    }
    return runP2Cli({ ...p2, dataDir: args.data, wasmPaths: wasmPaths() });
  }
  const data = await loadProtocol(args.protocol!);
  console.error(
    `${args.protocol}: ${data.dataset.numUsers} users, ${data.dataset.numItems} items, split ` +
      `${data.split.train.length}/${data.split.valid.length}/${data.split.test.length}`,
  );
  // Overrides applied to every model's defaults, e.g. --config '{"embeddingDim": 32}'.
  const overrides = JSON.parse(args.config!) as Record<string, unknown>;
  // `--seed 42,7,1`: one run per seed (the report shows their mean and spread).
  const seeds = parseSeeds(args.seed!);
  const seed = seeds[0];
  const outFile = resultsFile(args.out);
  if (args.profile) return profile(data, models, seed, overrides);
  const rows = [];
  for (const runSeed of seeds) {
    const runRows = await runCtrBench({
      protocol: args.protocol!,
      encoding: data.encoding,
      split: data.split,
      models,
      backends: args.backend!.split(',') as BackendName[],
      epochs: Number(args.epochs),
      seed: runSeed,
      overrides,
      wasmPaths: wasmPaths(),
      onBackend: (name, reason) => console.error(`backend ${name}: ${reason}`),
    });
    for (const r of runRows) appendResultRow(outFile, r);
    rows.push(...runRows);
  }
  console.table(
    rows.map((r) => ({
      model: r.model,
      backend: r.backend,
      seed: r.seed,
      'test AUC': (r.metrics as { auc: number } | null)?.auc.toFixed(4),
      'best epoch': r.best_epoch,
      'rows/s': r.train_rows_per_s,
    })),
  );
  console.log(`appended to ${outFile}`);
}

/** `--profile`: per-op timing of one training step of each model (bench/profile.ts), no training. */
async function profile(
  data: Awaited<ReturnType<typeof loadProtocol>>,
  models: readonly string[],
  seed: number,
  overrides: object,
) {
  for (const backend of args.backend!.split(',') as BackendName[]) {
    const info = await initBackend(backend, wasmPaths());
    for (const modelId of models) {
      const spec = requireModel(modelId, 'ctr');
      const known = Object.fromEntries(Object.entries(overrides).filter(([k]) => k in spec.configSchema));
      const model = await spec.build(
        resolveConfig(spec.configSchema, known).config,
        data.encoding,
        makeRng(`${seed}/init`),
      );
      const p = await profileStep(model, data.encoding, data.split.train);
      console.log(JSON.stringify({ model: modelId, backend: info.name, ...p }));
      model.dispose();
    }
  }
}

main().then(
  // tfjs-wasm's pthreads (RECPLAY_WASM_THREADS) are worker threads that keep Node alive: leave when done.
  () => {
    if (wasmThreadsAsked() > 1) process.exit(0);
  },
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
