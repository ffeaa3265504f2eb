/**
 * The cost curve: ctr training speed and memory as the demo dataset grows, and kNN graph build time as the
 * item count grows, with the engine the app uses (Node).
 *
 *   npm run bench -- --entry scale [--sizes 10000,100000,1000000] [--items 1000,5000,20000] [--model dnn]
 *   npm run bench -- --entry scale --sizes '' --items '' --widths 0,10,40 --model din [--width-size 30000]
 *   npm run bench -- --entry scale --sizes '' --items '' --widths 40 --model din --width-size 333000 --profile
 *
 * `--widths`: ctr speed as items carry list fields: 1–3 genres and a tag list of up to that many values (half to
 * all of it per item, from 500 tags; 0 = no list fields), on a demo of `--width-size` interactions: the cost of list fields, which
 * should stay small. `genres` gives the items ml-100k's one list field (1–3 genres): against it, 40 adds the
 * tag list, as MovieLens "latest" does to ml-100k. Width 1 keeps both fields with one tag each: against it,
 * 40 measures the lists' width alone; against 0, also the two more fields every item then carries (wider
 * item vectors, more field pairs). One JSON line per point (protocol "scale-ctr" / "scale-width" / "scale-knn"), appended
 * to bench/results/<date>-<host>.jsonl. `--repeat N`: N epochs per width, the widths taking turns, and the
 * median in the row (the runs beside it): on a shared machine one epoch's rows/s moves by ±30 %. `--profile`:
 * instead of an epoch at each width, where a step's time goes (`bench/profile.ts`), printed only.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { generateDemo } from '../src/data/demo';
import type { Dataset } from '../src/data/types';
import { knnGraph } from '../src/ops/knn';
import { makeRng } from '../src/data/random';
import { initBackend, type BackendName } from '../src/engine/backends';
import { wasmPaths } from './wasmPaths';
import { DEFAULT_TRAIN_CONFIG } from '../src/engine/train/config';
import { epochOrder, trainCtr, type CtrTrainOptions } from '../src/engine/train/ctr';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { ctrData } from './datasets';
import { profileStep } from './profile';
import { appendResultRow, resultsFile } from './resultsFile';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    items: { type: 'string', default: '1000,5000,20000' },
    model: { type: 'string', default: 'dnn' },
    backend: { type: 'string', default: 'wasm' },
    dim: { type: 'string', default: '128' },
    widths: { type: 'string', default: '' },
    'width-size': { type: 'string', default: '30000' },
    profile: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The demo at about `size` interactions: its 50 per user, and 1.5 items per user as in its default 2,000 × 3,000. */
function demoOfSize(size: number): Dataset {
  const users = Math.max(20, Math.round(size / 50));
  return generateDemo({ users, items: Math.round(users * 1.5) });
}

/** One epoch of the model's defaults on `data` (seed 42). */
async function oneEpoch(
  spec: ReturnType<typeof requireModel<'ctr'>>,
  data: ReturnType<typeof ctrData>,
  options: CtrTrainOptions = {},
) {
  const { config } = resolveConfig(spec.configSchema, {});
  const model = await spec.build(config, data.encoding, makeRng('42/init'));
  try {
    return await trainCtr(
      model,
      data.encoding,
      data.split,
      { ...DEFAULT_TRAIN_CONFIG, epochs: 1, seed: 42 },
      options,
    );
  } finally {
    model.dispose();
  }
}

/** A seeded list field: each item gets between `min` and `max` of `vocabSize` values. */
function listField(name: string, numItems: number, min: number, max: number, vocabSize: number) {
  const rng = makeRng(`${name}/${max}`);
  const offsets = new Int32Array(numItems + 1);
  const tokens: number[] = [];
  for (let i = 0; i < numItems; i++) {
    const n = min + rng.int(max - min + 1);
    for (let j = 0; j < n; j++) tokens.push(1 + rng.int(vocabSize));
    offsets[i + 1] = tokens.length;
  }
  const vocab = ['(none)', ...Array.from({ length: vocabSize }, (_, t) => `${name}${t + 1}`)];
  return { name, vocab, offsets, tokens: Int32Array.from(tokens) };
}

/** A `--widths` point: a tag list's width, or `genres`: the genre list alone, as ml-100k's items have. */
type ListWidth = number | 'genres';

function parseWidth(token: string): ListWidth {
  if (token === 'genres') return token;
  const w = Number(token);
  if (!Number.isInteger(w) || w < 0)
    throw new Error(`--widths: ${token} is neither a width ≥ 0 nor "genres"`);
  return w;
}

/**
 * `dataset` with the list fields MovieLens "latest" items have: 1–3 genres of 18, and between ⌈width/2⌉ and
 * `width` tags of 500 (width 0: no list fields; `genres`: the genres alone, as ml-100k's).
 */
function withTags(dataset: Dataset, width: ListWidth): Dataset {
  if (width === 0) return dataset;
  const genres = listField('genres', dataset.numItems, 1, 3, 18);
  return {
    ...dataset,
    itemMultiFields:
      width === 'genres'
        ? [genres]
        : [genres, listField('tags', dataset.numItems, Math.ceil(width / 2), width, 500)],
  };
}

async function main() {
  const outFile = resultsFile(args.out);
  const info = await initBackend(args.backend as BackendName, wasmPaths());
  const emit = (row: Record<string, unknown>) => appendResultRow(outFile, { ...row, backend: info.name });

  const spec = requireModel(args.model!, 'ctr');
  for (const size of args.sizes!.split(',').filter(Boolean).map(Number)) {
    const t0 = performance.now();
    const data = ctrData(demoOfSize(size));
    const { dataset, split } = data;
    const prepareS = (performance.now() - t0) / 1000;
    let peakRss = process.memoryUsage().rss;
    let peakBytes = tf.memory().numBytes;
    const sample = () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      peakBytes = Math.max(peakBytes, tf.memory().numBytes);
    };
    const result = await oneEpoch(spec, data, { onProgress: sample, onEpoch: sample });
    emit({
      protocol: 'scale-ctr',
      model: spec.id,
      interactions: dataset.interactions.user.length,
      users: dataset.numUsers,
      items: dataset.numItems,
      train_rows: split.train.length,
      prepare_s: +prepareS.toFixed(2),
      train_rows_per_s: Math.round(result.rowsPerSec),
      valid_auc: +result.epochs[0].valid.auc.toFixed(4),
      peak_rss_mb: mb(peakRss),
      peak_tensor_mb: mb(peakBytes),
      peak_tensors: result.peakTensors,
    });
  }

  const widths = args.widths!.split(',').filter(Boolean).map(parseWidth);
  const repeat = Math.max(1, Number(args.repeat));
  // The widths of one invocation share this id: the report compares a width only with its own run's others.
  const runId = new Date().toISOString();
  const widthData = new Map(
    widths.map((w) => [w, ctrData(withTags(demoOfSize(Number(args['width-size'])), w))] as const),
  );
  const runs = new Map<ListWidth, { rowsPerSec: number; validAuc: number }[]>(widths.map((w) => [w, []]));
  // `--repeat N`: the widths in turn, every other round in reverse, so that each width sees the same load.
  for (let rep = 0; rep < repeat; rep++) {
    for (const width of rep % 2 ? [...widths].reverse() : widths) {
      const data = widthData.get(width)!;
      if (args.profile) {
        // Where a step's time goes on this data (bench/profile.ts); prints, appends nothing.
        const { config } = resolveConfig(spec.configSchema, {});
        const model = await spec.build(config, data.encoding, makeRng('42/init'));
        // Batches as training draws them (shuffled): sorted rows would share their items.
        const p = await profileStep(model, data.encoding, epochOrder(data.split.train, 42, 0).order);
        model.dispose();
        const items = data.dataset.numItems;
        console.log(JSON.stringify({ model: spec.id, list_width: width, items, ...p }, null, 1));
        continue;
      }
      const result = await oneEpoch(spec, data);
      runs.get(width)!.push({ rowsPerSec: result.rowsPerSec, validAuc: result.epochs[0].valid.auc });
      console.log(`${spec.id} list width ${width}: ${Math.round(result.rowsPerSec)} rows/s`);
    }
  }
  for (const width of args.profile ? [] : widths) {
    const { dataset, split } = widthData.get(width)!;
    const all = runs.get(width)!;
    const speeds = all.map((r) => r.rowsPerSec).sort((a, b) => a - b);
    emit({
      protocol: 'scale-width',
      run: runId,
      model: spec.id,
      list_width: width,
      items: dataset.numItems,
      train_rows: split.train.length,
      // The median of the repeats (one run: that run).
      train_rows_per_s: Math.round(speeds[(speeds.length - 1) >> 1]),
      ...(repeat > 1 ? { runs_rows_per_s: all.map((r) => Math.round(r.rowsPerSec)) } : {}),
      valid_auc: +all[0].validAuc.toFixed(4),
    });
  }

  const dim = Number(args.dim);
  for (const n of args.items!.split(',').filter(Boolean).map(Number)) {
    const rng = makeRng(`knn/${n}`);
    const features = new Float32Array(n * dim);
    for (let i = 0; i < features.length; i++) features[i] = rng.next() * 2 - 1;
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const graph = await knnGraph(features, n, dim, { k: 10 });
    const seconds = (performance.now() - t0) / 1000;
    emit({
      protocol: 'scale-knn',
      items: n,
      dim,
      k: 10,
      edges: graph.indices.length,
      seconds: +seconds.toFixed(2),
      leaked_tensors: tf.memory().numTensors - before,
      peak_rss_mb: mb(process.memoryUsage().rss),
    });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
