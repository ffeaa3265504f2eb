/**
 * PROTOCOLS.md P2 — top-k ranking on MovieLens 100K: every rating is an interaction, the per-user
 * chronological 80/10/10 split, full ranking with training items masked, BPR training with validation
 * Recall@20 each epoch and early stopping, test metrics at the best epoch. `bench/main.ts` dispatches
 * `--protocol p2` here.
 *
 *   npm run bench -- --protocol p2 --models topk --backend wasm
 *
 * A model entry may carry settings: `tmfun:gamma=0.3:clWeight=0` sets model settings, and keys of the
 * training schema (`learningRate`, `epochs`, `patience`, …) set that model's training config. The entry is
 * the row's `model` label, so ablations are rows of their own.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeRng } from '../src/data/random';
import { chronologicalSplit } from '../src/data/split';
import type { Dataset } from '../src/data/types';
import type { TextVectorOptions } from '../src/data/import/text';
import { initBackend, type BackendName, type WasmPaths } from '../src/engine/backends';
import { topkValue, type TopkResult } from '../src/engine/metrics/topk';
import { topkDataFromSplit } from '../src/engine/train/topkData';
import { trainTopk, type TopkEpochReport, type TopkTrainData } from '../src/engine/train/topk';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import type { TopkData } from '../src/models/contract';
import { DATASETS, loadMovieLens } from './datasets';
import { profileTopkStep } from './profile';
import { appendResultRow, resultsFile } from './resultsFile';
import {
  DEFAULT_TOPK_TRAIN_CONFIG,
  TOPK_TRAIN_SCHEMA,
  type TopkTrainConfig,
} from '../src/engine/train/config';

/** PROTOCOLS.md P2 reference rows (PyTorch 1.13 CPU, same kind of machine). */
export const P2_REFERENCES = [
  { model: 'MostPop', r10: 0.0572, n10: 0.0654, r20: 0.0902, n20: 0.073, hit20: 0.4263, best: '—', ms: '—' },
  {
    model: 'LightGCN (ref)',
    r10: 0.0858,
    n10: 0.0941,
    r20: 0.1541,
    n20: 0.1117,
    hit20: 0.5525,
    best: 196,
    ms: 884,
  },
  {
    model: 'FREEDOM text (ref)',
    r10: 0.0924,
    n10: 0.095,
    r20: 0.1605,
    n20: 0.1138,
    hit20: 0.5822,
    best: 191,
    ms: 538,
  },
];

export interface P2Data {
  readonly dataset: Dataset;
  readonly topk: TopkData;
  readonly split: TopkTrainData;
}

/** The text featuriser's settings a P2 run can vary (`text.ts`; the size is `textDim`). */
export type P2TextOptions = Omit<TextVectorOptions, 'dim' | 'name'>;

/** P2's item-text size: the references' TF-IDF → SVD to 128 (PROTOCOLS.md). */
export const P2_TEXT_DIM = 128;

/** ml-100k through the app's importer (readFiles → recognizeFormat → buildDataset, text 128-d) and split. */
export async function loadP2(
  dir: string = `${DATASETS}/ml-100k`,
  textDim = P2_TEXT_DIM,
  textOptions: P2TextOptions = {},
): Promise<P2Data> {
  const dataset = await loadMovieLens(dir, { textDim, textOptions });
  // P2 counts every rating as an interaction (no label filter) and uses the item-text modality.
  const { topk, split } = topkDataFromSplit(dataset, chronologicalSplit(dataset.interactions), {
    positiveOnly: false,
    modalities: ['text'],
  });
  return { dataset, topk, split };
}

/** `tmfun:gamma=0.3:learningRate=0.01` → the model id, its settings and training overrides. */
export function parseModelEntry(entry: string): {
  id: string;
  model: Record<string, string>;
  train: Record<string, string>;
} {
  const [id, ...pairs] = entry.split(':');
  const model: Record<string, string> = {};
  const train: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`"${pair}" in "${entry}" is not key=value`);
    const key = pair.slice(0, eq);
    (Object.hasOwn(TOPK_TRAIN_SCHEMA, key) ? train : model)[key] = pair.slice(eq + 1);
  }
  return { id, model, train };
}

/** The `:key=value…` suffix of a model entry for `settings`, as `parseModelEntry` reads it (keys after `prefix`). */
export function entrySuffix(settings: Readonly<Record<string, unknown>>, prefix = ''): string {
  return Object.entries(settings)
    .map(([k, v]) => `:${prefix}${k}=${String(v)}`)
    .join('');
}

export interface P2Options {
  /** Model entries (`id` or `id:key=value:…`). */
  readonly models: readonly string[];
  readonly backends: readonly BackendName[];
  readonly seed?: number;
  /** Overrides the training schema's 200 epochs (e.g. a short smoke run). */
  readonly epochs?: number;
  readonly wasmPaths?: WasmPaths;
  /** The ml-100k folder; default `../shared/datasets/ml-100k`. */
  readonly dataDir?: string;
  /** One line per epoch to stderr. */
  readonly verbose?: boolean;
  /** The item text's size (`--text-dim`); rows carry it when it is not {@link P2_TEXT_DIM}. */
  readonly textDim?: number;
  /** The text featuriser's other settings (`--text '{"bigrams":true}'`); rows carry them when given. */
  readonly textOptions?: P2TextOptions;
  /** Score the test split after every epoch too (`--trace-test`); rows then carry `trace`. */
  readonly traceTest?: boolean;
}

/**
 * A model entry's model and its settings, and its training config (P2's defaults, the model's own
 * `trainDefaults`, the seed, `epochs` when given, then the entry's own training keys); what the schemas warn about goes to stderr.
 */
function resolveEntry(entry: string, seed: number, epochs?: number) {
  const { id, model: modelInput, train: trainInput } = parseModelEntry(entry);
  const spec = requireModel(id, 'topk');
  const model = resolveConfig(spec.configSchema, modelInput);
  const train = resolveConfig(TOPK_TRAIN_SCHEMA, {
    ...spec.trainDefaults,
    ...(epochs ? { epochs } : {}),
    seed,
    ...trainInput,
  });
  for (const w of [...model.warnings, ...train.warnings]) console.error(`${entry}: ${w}`);
  return { spec, config: model.config, train: { ...DEFAULT_TOPK_TRAIN_CONFIG, ...train.config } };
}

/** `--protocol p2 --profile`: where a BPR step of each model entry goes (bench/profile.ts), no training. */
export async function profileP2(options: P2Options): Promise<void> {
  const data = await loadP2(options.dataDir);
  const seed = options.seed ?? 42;
  for (const backend of options.backends) {
    const info = await initBackend(backend, options.wasmPaths);
    for (const entry of options.models) {
      const { spec, config, train } = resolveEntry(entry, seed);
      const model = await spec.build(config, data.topk, makeRng(`${seed}/init`));
      if (model.trainableVariables.length > 0) {
        const p = await profileTopkStep(model, data.split, train);
        console.log(JSON.stringify({ model: entry, backend: info.name, ...p }));
      }
      model.dispose();
    }
  }
}

/** One epoch of a `--trace-test` run: validation (which picks the epoch) beside test (which does not). */
export interface P2TracePoint {
  readonly epoch: number;
  readonly valid_recall20: number;
  readonly valid_ndcg20: number;
  readonly test_recall20: number;
  readonly test_ndcg20: number;
}

export interface P2Row {
  readonly protocol: 'p2';
  readonly model: string;
  /** The item text's size, when not {@link P2_TEXT_DIM}. */
  readonly text_dim?: number;
  /** The text featuriser's settings, when not its defaults. */
  readonly text_options?: P2TextOptions;
  readonly backend: string;
  readonly metrics: Record<string, number> | null;
  readonly valid: Record<string, number> | null;
  readonly best_epoch: number;
  readonly epochs_run: number;
  readonly ms_per_epoch: number;
  readonly build_ms: number;
  readonly peak_tensors: number;
  readonly peak_bytes: number;
  readonly seed: number;
  readonly config: Record<string, unknown>;
  readonly train: TopkTrainConfig;
  readonly trace?: readonly P2TracePoint[];
}

/** `{recall@10: …, ndcg@10: …, …}` for every metric and cutoff of a result. */
function flatMetrics(r: TopkResult | null): Record<string, number> | null {
  if (!r) return null;
  const out: Record<string, number> = {};
  for (const [name, values] of Object.entries(r.values)) {
    r.ks.forEach((k, c) => (out[`${name}@${k}`] = +values![c].toFixed(6)));
  }
  return out;
}

function tracePoint(e: TopkEpochReport): P2TracePoint {
  const at = (r: TopkResult, m: 'recall' | 'ndcg') => +topkValue(r, m, 20).toFixed(6);
  return {
    epoch: e.epoch,
    valid_recall20: at(e.valid, 'recall'),
    valid_ndcg20: at(e.valid, 'ndcg'),
    test_recall20: at(e.test!, 'recall'),
    test_ndcg20: at(e.test!, 'ndcg'),
  };
}

/** Trains and tests every model entry on every backend; one row per (entry, backend). */
export async function runP2(options: P2Options): Promise<P2Row[]> {
  const textDim = options.textDim ?? P2_TEXT_DIM;
  const textOptions = options.textOptions ?? {};
  const data = await loadP2(options.dataDir, textDim, textOptions);
  // Another text is a variant of the entry: labelled so, the report lists it with the ablations.
  const textLabel =
    entrySuffix(textDim === P2_TEXT_DIM ? {} : { textDim }) + entrySuffix(textOptions, 'text.');
  const seed = options.seed ?? 42;
  const rows: P2Row[] = [];
  for (const backend of options.backends) {
    const info = await initBackend(backend, options.wasmPaths);
    console.error(`backend ${info.name}: ${info.reason}`);
    for (const entry of options.models) {
      const { spec, config, train } = resolveEntry(entry, seed, options.epochs);
      const before = tf.memory().numTensors;
      const t0 = performance.now();
      const model = await spec.build(config, data.topk, makeRng(`${seed}/init`));
      const buildMs = performance.now() - t0;
      let peakBytes = tf.memory().numBytes;
      const result = await trainTopk(model, data.split, train, {
        traceTest: options.traceTest,
        onProgress: () => (peakBytes = Math.max(peakBytes, tf.memory().numBytes)),
        onEpoch: (e) => {
          if (!options.verbose) return;
          const r20 = topkValue(e.valid, 'recall', 20).toFixed(4);
          const n20 = topkValue(e.valid, 'ndcg', 20).toFixed(4);
          const test = e.test ? ` test N@20 ${topkValue(e.test, 'ndcg', 20).toFixed(4)}` : '';
          console.error(
            `${entry} epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)} valid R@20 ${r20} N@20 ${n20}${test} ` +
              `(${Math.round(e.trainSeconds * 1000)} ms train, ${Math.round(e.evalSeconds * 1000)} ms eval)`,
          );
        },
      });
      model.dispose();
      if (tf.memory().numTensors !== before) {
        console.error(`${entry}: ${tf.memory().numTensors - before} tensors left after dispose`);
      }
      rows.push({
        protocol: 'p2',
        model: `${entry}${textLabel}`,
        ...(textDim === P2_TEXT_DIM ? {} : { text_dim: textDim }),
        ...(Object.keys(textOptions).length ? { text_options: textOptions } : {}),
        backend: info.name,
        metrics: flatMetrics(result.test),
        valid: flatMetrics(result.valid),
        best_epoch: result.bestEpoch,
        epochs_run: result.epochs.length,
        ms_per_epoch: Math.round(result.msPerEpoch),
        build_ms: Math.round(buildMs),
        peak_tensors: result.peakTensors,
        peak_bytes: peakBytes,
        seed,
        config: config as Record<string, unknown>,
        train,
        ...(options.traceTest ? { trace: result.epochs.map(tracePoint) } : {}),
      });
    }
  }
  return rows;
}

/** The CLI side: runs each seed, prints one JSON line per row, appends it to `out` as it lands, then a table. */
export async function runP2Cli(
  options: Omit<P2Options, 'seed'> & { readonly seeds: readonly number[]; readonly out?: string },
): Promise<void> {
  const outFile = resultsFile(options.out);
  const rows: P2Row[] = [];
  for (const seed of options.seeds) {
    for (const row of await runP2({ ...options, seed, verbose: true })) {
      appendResultRow(outFile, row);
      rows.push(row);
    }
  }
  const f = (v: number | undefined) => (v === undefined ? '' : v.toFixed(4));
  console.table([
    ...P2_REFERENCES.map((r) => ({
      model: r.model,
      backend: 'PyTorch CPU',
      'R@10': f(r.r10),
      'N@10': f(r.n10),
      'R@20': f(r.r20),
      'N@20': f(r.n20),
      'Hit@20': f(r.hit20),
      'best epoch': r.best,
      'ms/epoch': r.ms,
    })),
    ...rows.map((r) => ({
      model: r.model,
      backend: r.backend,
      'R@10': f(r.metrics?.['recall@10']),
      'N@10': f(r.metrics?.['ndcg@10']),
      'R@20': f(r.metrics?.['recall@20']),
      'N@20': f(r.metrics?.['ndcg@20']),
      'Hit@20': f(r.metrics?.['hit@20']),
      'best epoch': r.best_epoch,
      'ms/epoch': r.ms_per_epoch,
    })),
  ]);
  console.log(`appended to ${outFile}`);
}
