/**
 * The app's first minutes (issue 20): each model trained on the demo data exactly as the page trains it — the
 * worker API, the default demo and split — with given training settings over several seeds. Per run: the
 * wall time from Train to the result (graphs and evaluation included), epochs run, the best epoch's validation
 * figure (AUC for ctr, Recall@20 for top-k) and the test figures. One JSON line per run, appended to
 * `bench/results/<date>-<host>-quickstart.jsonl` (or `--out`); a table at the end.
 *
 *   npm run bench -- --entry quickstart --models dnn,amfr --seed 42,7,1 [--train '{"epochs":20}'] [--config '{…}']
 *
 * Each model trains on its quick start (what a fresh page starts on); `--train` goes over it for every model (a
 * key its family lacks is reported by the worker and ignored); models keep their defaults unless `--config`
 * gives model settings over them (rows then say so in their label, e.g. `tmfun:edgeDropout=0`).
 */
import { parseArgs } from 'node:util';
import { initBackend } from '../src/engine/backends';
import { topkValue } from '../src/engine/metrics/topkResult';
import { QUICK_TRAIN } from '../src/engine/train/config';
import { REGISTRY } from '../src/models/registry';
import type { TrainOutcome } from '../src/engine/protocol';
import { createWorkerApi } from '../src/engine/worker/api';
import { entrySuffix } from './p2';
import { appendResultRow, resultsFile } from './resultsFile';
import { wasmPaths } from './wasmPaths';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'dnn,amfr,din,mmdin,lightgcn,tmfun' },
    seed: { type: 'string', default: '42' },
    train: { type: 'string', default: '{}' },
    config: { type: 'string', default: '{}' },
    backend: { type: 'string', default: 'wasm' },
    out: { type: 'string' },
  },
});

interface QuickRow {
  readonly protocol: 'quickstart';
  readonly model: string;
  readonly seed: number;
  readonly train: Record<string, unknown>;
  readonly seconds: number;
  readonly epochs_run: number;
  readonly best_epoch: number;
  readonly stopped_early: boolean;
  readonly valid: number | null;
  readonly valid_metric: string;
  /** The validation figure after each epoch (where it levels off says how many epochs a person needs). */
  readonly valid_curve: readonly number[];
  readonly seconds_per_epoch: number;
  readonly test: Record<string, number> | null;
  readonly warnings: readonly string[];
  /** Trained on the model's own quick start (no `--train` over it): what the report pairs seed models by. */
  readonly quick_start: boolean;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function rowOf(
  model: string,
  seed: number,
  train: Record<string, unknown>,
  quickStart: boolean,
  seconds: number,
  o: TrainOutcome,
): QuickRow {
  if (o.type === 'error') throw new Error(`${model} (seed ${seed}): ${o.message}`);
  // What both families' results share: the epochs run, the best one, the time per epoch.
  const r0 = o.result;
  const base = {
    protocol: 'quickstart' as const,
    model,
    seed,
    train,
    seconds,
    warnings: o.warnings,
    quick_start: quickStart,
    epochs_run: r0.epochs.length,
    best_epoch: r0.bestEpoch,
    stopped_early: r0.stoppedEarly,
    seconds_per_epoch: mean(r0.epochs.map((e) => e.trainSeconds + e.evalSeconds)),
  };
  if (o.family === 'ctr') {
    const r = o.result;
    return {
      ...base,
      valid: r.valid?.auc ?? null,
      valid_metric: 'auc',
      valid_curve: r.epochs.map((e) => Number(e.valid.auc.toFixed(4))),
      test: r.test ? { auc: r.test.auc, gauc: r.test.gauc, logloss: r.test.logloss } : null,
    };
  }
  const r = o.result;
  return {
    ...base,
    valid: r.valid ? topkValue(r.valid, 'recall', 20) : null,
    valid_metric: 'recall@20',
    valid_curve: r.epochs.map((e) => Number(topkValue(e.valid, 'recall', 20).toFixed(4))),
    test: r.test
      ? { 'recall@20': topkValue(r.test, 'recall', 20), 'ndcg@20': topkValue(r.test, 'ndcg', 20) }
      : null,
  };
}

async function main() {
  const train = JSON.parse(args.train!) as Record<string, unknown>;
  const modelConfig = JSON.parse(args.config!) as Record<string, unknown>;
  const variant = entrySuffix(modelConfig);
  const seeds = args.seed!.split(',').map(Number);
  const models = args.models!.split(',');
  const out = args.out ?? resultsFile().replace(/\.jsonl$/, '-quickstart.jsonl');
  const backend = args.backend as 'wasm' | 'cpu';
  await initBackend(backend, wasmPaths());
  const api = createWorkerApi();
  const loaded = await api.loadDemo({});
  if (loaded.type !== 'ok') throw new Error(`the demo did not load: ${JSON.stringify(loaded)}`);
  const rows: QuickRow[] = [];
  let runId = 1;
  for (const seed of seeds) {
    for (const model of models) {
      const t0 = performance.now();
      // What a fresh page trains: the model's quick start over its family's schema, `--train` over that.
      const entry = REGISTRY.get(model);
      if (!entry) throw new Error(`unknown model "${model}"`);
      const settings = { ...QUICK_TRAIN[entry.family], ...entry.quickTrain, ...train };
      const outcome = await api.train(
        { runId: runId++, modelId: model, modelConfig, trainConfig: { ...settings, seed }, backend },
        () => {},
      );
      const quickStart = Object.keys(train).length === 0 && variant === '';
      const seconds = (performance.now() - t0) / 1000;
      const row = rowOf(`${model}${variant}`, seed, settings, quickStart, seconds, outcome);
      appendResultRow(out, row);
      rows.push(row);
    }
  }
  console.table(
    rows.map((r) => ({
      model: r.model,
      seed: r.seed,
      seconds: r.seconds.toFixed(1),
      epochs: r.epochs_run,
      best: r.best_epoch,
      [`valid`]: r.valid?.toFixed(4),
      metric: r.valid_metric,
      test: r.test ? Object.values(r.test)[0].toFixed(4) : '—',
    })),
  );
  console.log(`appended to ${out}`);
}

await main();
