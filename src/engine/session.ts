/**
 * What the worker does, as plain async functions, so Node tests can drive exactly the worker's logic
 * without a Worker: dataset in memory, backend, one training run at a time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { generateDemo, type DemoOptions } from '../data/demo';
import { encodeCtr, type CtrEncoding } from '../data/features';
import { makeRng } from '../data/random';
import type { InputFile } from '../data/import/readFiles';
import type { DataMapping, ParsedFile } from '../data/import/types';
import type { Split, SplitConfig } from '../data/split';
import { summarize, type Dataset } from '../data/types';
import { resolveConfig } from '../models/config';
import { REGISTRY } from '../models/registry';
import type { CtrModel } from '../models/contract';
import {
  deviceLossWatch,
  errorMessage,
  initBackend,
  type BackendChoice,
  type BackendInfo,
  type WasmPaths,
} from './backends';
import { lossMessage, unlessLost, type LossWatch } from './deviceLoss';
import {
  DEFAULT_SPLIT_CONFIG,
  type DataSourceRef,
  type ImportProgress,
  type LoadOutcome,
  type ReadOutcome,
} from './importProtocol';
import { buildForImport, contentHash, readForImport, splitWithSummary } from './importer';
import { DEMO_DEFAULTS } from '../data/demo';
import {
  buildIndex,
  inspectModel,
  searchExamples,
  type InspectContext,
  type InspectIndex,
  type InspectTarget,
} from './inspector';
import type {
  GraphOutcome,
  GraphRequest,
  InspectOutcome,
  InspectRequest,
  SearchOutcome,
  SearchRequest,
  TrainEvent,
  TrainOutcome,
  TrainRequest,
} from './protocol';
import { evaluateCtr, trainCtr, type CtrEpochReport } from './train/ctr';
import { explainGraph, isTopkModel, recommendTopk, trainTopkRun, type TopkRun } from './topkSession';
import type { CtrMetrics } from './metrics/ctr';
import type { ExportOutcome, ModelImportOutcome, PredictionsRequest } from './exportProtocol';
import * as exporter from './export/exporter';
import { importModelZip } from './export/modelIo';
import { embeddingMap, recommend } from './explainer';
import type {
  EmbeddingMapOutcome,
  EmbeddingMapRequest,
  ExplainOutcome,
  RecommendOutcome,
  RecommendRequest,
} from './explainProtocol';
import { decodeCheckpoint, encodeCheckpoint } from './train/checkpoint';
import { checkDataset } from '../data/checkDataset';
import { TRAIN_SCHEMA, type TrainConfig } from './train/config';

interface Prepared {
  readonly dataset: Dataset;
  readonly encoding: CtrEncoding;
  readonly split: Split;
}

export interface Session {
  initBackend(choice: BackendChoice): Promise<BackendInfo>;
  loadDemo(options: Partial<DemoOptions>, split?: SplitConfig): Promise<LoadOutcome>;
  /** Reads uploaded files and proposes a mapping; the current dataset is untouched. */
  readImport(files: readonly InputFile[], onProgress?: (p: ImportProgress) => void): Promise<ReadOutcome>;
  /** Builds the dataset from the files last read; replaces the current dataset only on success. */
  loadImport(mapping: DataMapping, split: SplitConfig): Promise<LoadOutcome>;
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<TrainOutcome>;
  snapshotDataset(): Promise<Dataset | null>;
  loadDataset(dataset: Dataset, source: DataSourceRef, split: SplitConfig): Promise<LoadOutcome>;
  stop(runId: number): void;
  pause(runId: number): void;
  resume(runId: number): void;
  /** Attention of the given run's model (see `WorkerApi.inspect`); never runs inside a training step. */
  inspect(request: InspectRequest): Promise<InspectOutcome>;
  searchExamples(request: SearchRequest): Promise<SearchOutcome>;
  /** The item–item graphs of the given run's top-k model (see `WorkerApi.explainGraph`). */
  explainGraph(request: GraphRequest): Promise<GraphOutcome>;
  /** Export panel (see `WorkerApi.exportModel` and the others). */
  exportModel(runId: number): Promise<ExportOutcome>;
  exportEmbeddings(runId: number): Promise<ExportOutcome>;
  exportPredictions(request: PredictionsRequest): Promise<ExportOutcome>;
  exportDataset(): Promise<ExportOutcome>;
  importModel(bytes: Uint8Array, runId: number): Promise<ModelImportOutcome>;
  /** The run's item or user embeddings projected to 2-D (ctr models with an embedding table). */
  embeddingMap(request: EmbeddingMapRequest): Promise<EmbeddingMapOutcome>;
  /** The run's top-K items for a user, with reasons where the model has attention. */
  recommend(request: RecommendRequest): Promise<RecommendOutcome>;
}

/** A pause request: the promise the training loop awaits, and how to release it. */
interface Pause {
  readonly promise: Promise<void>;
  readonly release: () => void;
}

function makePause(): Pause {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

export function createSession(wasmPaths?: WasmPaths): Session {
  let data: Prepared | null = null;
  let backend: { choice: BackendChoice; info: BackendInfo } | null = null;
  let model: CtrModel | null = null;
  const stopRequested = new Set<number>();
  let activeRun: number | null = null;
  let pause: Pause | null = null; // of the active run
  let pendingFiles: ParsedFile[] = []; // read, awaiting the user's mapping
  let pendingSource: { name: string; hash: string } | null = null;
  // Which run built `model` and with what config, for inspection; and the inspector's per-dataset index.
  let modelRun: Omit<InspectTarget, 'model'> | null = null;
  let inspectIndex: InspectIndex | null = null;
  // The last top-k run's model (a session holds one trained model: this or `model`).
  let topkRun: TopkRun | null = null;
  // Test metrics of `model`'s current weights (a finished run's, or an imported model's), for exports.
  let modelTest: CtrMetrics | null = null;

  const busyIssue = () =>
    ({
      type: 'error',
      issue: { severity: 'fatal', file: '', message: 'A model is training: stop it before loading data.' },
    }) as const;

  /** Makes `dataset` the current one; the model trained on the previous dataset no longer applies. */
  function replaceData(dataset: Dataset, split: Split): void {
    disposeModels();
    inspectIndex = null;
    data = { dataset, encoding: encodeCtr(dataset), split };
  }

  function disposeModels(): void {
    model?.dispose();
    model = null;
    modelRun = null;
    topkRun?.model.dispose();
    topkRun = null;
    modelTest = null;
  }

  function resumeRun(runId: number): void {
    if (activeRun !== runId || !pause) return;
    pause.release();
    pause = null;
  }

  // One backend start at a time: a start still running (the page's first 'auto' while a link switches to
  // 'wasm') must not switch backends or run its self-check in the middle of a training run.
  let starting: Promise<unknown> = Promise.resolve();
  function ensureBackend(choice: BackendChoice): Promise<BackendInfo> {
    const next = starting.then(async () => {
      if (backend && backend.choice === choice && tf.getBackend() === backend.info.name) return backend.info;
      const info = await initBackend(choice, wasmPaths);
      backend = { choice, info };
      return info;
    });
    starting = next.catch(() => {});
    return next;
  }

  /** The data and the given run's model for an export, or why there is none. */
  function exportTarget(runId: number): { data: Prepared; target: exporter.ExportTarget } | string {
    if (!data) return 'Load a dataset first.';
    if (!model || !modelRun || modelRun.runId !== runId)
      return 'No trained model of this run (train one first).';
    if (activeRun === runId) return 'The model is still training: wait for the run to end (or stop it).';
    return { data, target: { ...modelRun, model, test: modelTest } };
  }

  async function runExport(
    runId: number,
    build: (d: Prepared, t: exporter.ExportTarget) => Promise<ExportOutcome>,
  ): Promise<ExportOutcome> {
    const ctx = exportTarget(runId);
    if (typeof ctx === 'string') return { type: 'unavailable', reason: ctx };
    try {
      return await build(ctx.data, ctx.target);
    } catch (err) {
      return { type: 'error', message: errorMessage(err) };
    }
  }

  /** Runs an explain endpoint on the run's model, with `inspect`'s answers when there is none. */
  async function explain<P>(
    runId: number,
    run: (ctx: InspectContext, target: InspectTarget) => Promise<ExplainOutcome<P>>,
  ): Promise<ExplainOutcome<P>> {
    const target = model && modelRun?.runId === runId ? { ...modelRun, model } : null;
    if (!data || !target) {
      return { type: 'unavailable', runId, reason: 'No trained model of this run (train one first).' };
    }
    try {
      inspectIndex ??= buildIndex(data.dataset, data.split);
      return await run({ ...data, index: inspectIndex }, target);
    } catch (err) {
      if (model !== target.model) return { type: 'unavailable', runId, reason: 'The model was replaced.' };
      return { type: 'error', runId, message: errorMessage(err) };
    }
  }

  return {
    initBackend: ensureBackend,

    async loadDemo(options, splitConfig = DEFAULT_SPLIT_CONFIG) {
      if (activeRun !== null) return busyIssue();
      const t0 = performance.now();
      const dataset = generateDemo(options);
      const { split, summary } = splitWithSummary(dataset, splitConfig);
      replaceData(dataset, split);
      const demo = { ...DEMO_DEFAULTS, ...options };
      return {
        type: 'ok',
        source: { kind: 'demo', seed: demo.seed, users: demo.users, items: demo.items },
        label: null,
        splitConfig,
        summary: summarize(dataset),
        split: summary,
        report: null,
        seconds: (performance.now() - t0) / 1000,
      };
    },

    async readImport(files, onProgress) {
      pendingFiles = [];
      pendingSource = null;
      const { outcome, files: parsed } = await readForImport(files, onProgress);
      pendingFiles = parsed;
      if (outcome.type === 'ok') {
        const name = files.length === 1 ? files[0].name : files.map((f) => f.name).join(' + ');
        pendingSource = { name: name.slice(0, 200), hash: await contentHash(files) };
      }
      return outcome;
    },

    async loadImport(mapping, splitConfig) {
      if (activeRun !== null) return busyIssue();
      if (pendingFiles.length === 0) {
        return { type: 'error', issue: { severity: 'fatal', file: '', message: 'Read the files first.' } };
      }
      const t0 = performance.now();
      const built = buildForImport(pendingFiles, mapping, splitConfig);
      if ('issue' in built) return { type: 'error', issue: built.issue };
      replaceData(built.ok.dataset, built.ok.split);
      pendingFiles = [];
      return {
        type: 'ok',
        source: { kind: 'upload', ...(pendingSource ?? { name: 'upload', hash: '0000000000000000' }) },
        label: mapping.label,
        splitConfig,
        summary: summarize(built.ok.dataset),
        split: built.ok.splitSummary,
        report: built.ok.report,
        seconds: (performance.now() - t0) / 1000,
      };
    },

    async train(request, onEvent) {
      const { runId } = request;
      if (activeRun !== null) {
        return { type: 'error', runId, message: `Run ${activeRun} is still training; stop it first.` };
      }
      activeRun = runId;
      let watch: LossWatch | null = null;
      try {
        if (!data) throw new Error('No dataset is loaded.');
        if (isTopkModel(request.modelId)) {
          const info = await ensureBackend(request.backend);
          onEvent({ type: 'backend', runId, info });
          disposeModels();
          watch = deviceLossWatch();
          return await unlessLost(
            trainTopkRun(data.dataset, data.split, request, {
              emit: onEvent,
              shouldStop: () => stopRequested.has(runId),
              pauseGate: () => pause?.promise ?? null,
              onModel: (run) => (topkRun = run),
            }),
            watch,
            () => stopRequested.add(runId),
          );
        }
        const spec = REGISTRY.get(request.modelId);
        if (spec?.family !== 'ctr') throw new Error(`Unknown model "${request.modelId}".`);
        const modelCfg = resolveConfig(spec.configSchema, request.modelConfig);
        const trainCfg = resolveConfig(TRAIN_SCHEMA, request.trainConfig);
        const info = await ensureBackend(request.backend);
        onEvent({ type: 'backend', runId, info });

        disposeModels();
        model = await spec.build(modelCfg.config, data.encoding, makeRng(`${trainCfg.config.seed}/init`));
        modelRun = { runId, modelId: spec.id, config: modelCfg.config };
        const resumeFrom = request.resumeFrom
          ? decodeCheckpoint<TrainConfig, CtrEpochReport>(request.resumeFrom)
          : undefined;
        for (const report of resumeFrom?.history ?? []) onEvent({ type: 'epoch', runId, report });
        watch = deviceLossWatch();
        const training = trainCtr(model!, data.encoding, data.split, trainCfg.config, {
          resumeFrom,
          onCheckpoint: request.checkpoints
            ? (c) => {
                const { epoch, step } = c;
                const paused = c.partial !== null;
                onEvent({ type: 'checkpoint', runId, epoch, step, paused, bytes: encodeCheckpoint(c) });
              }
            : undefined,
          onProgress: (progress) => onEvent({ type: 'progress', runId, progress }),
          onEpoch: (report) => onEvent({ type: 'epoch', runId, report }),
          shouldStop: () => stopRequested.has(runId),
          pauseGate: () => pause?.promise ?? null,
        });
        const result = await unlessLost(training, watch, () => stopRequested.add(runId));
        modelTest = result.test;
        return { type: 'done', runId, result, warnings: [...modelCfg.warnings, ...trainCfg.warnings] };
      } catch (err) {
        const lost = await lossMessage(watch, err);
        if (lost === null) return { type: 'error', runId, message: errorMessage(err) };
        // The model's weights went with the device; the next start of this backend gets a new one.
        disposeModels();
        backend = null;
        const on = watch?.backend ?? 'the GPU';
        return {
          type: 'error',
          runId,
          message: `${lost} Training on ${on} stopped; continue the run from its last checkpoint on another backend.`,
          deviceLost: true,
        };
      } finally {
        // A run abandoned on a lost device keeps its stop request: its loop may still wake up and must end.
        if (!watch?.message()) stopRequested.delete(runId);
        pause?.release();
        pause = null;
        activeRun = null;
      }
    },

    async snapshotDataset() {
      return data?.dataset ?? null;
    },

    async loadDataset(dataset, source, splitConfig) {
      if (activeRun !== null) return busyIssue();
      const problem = checkDataset(dataset);
      if (problem) {
        return {
          type: 'error',
          issue: { severity: 'fatal', file: '', message: `Saved dataset: ${problem}` },
        };
      }
      const t0 = performance.now();
      const { split, summary } = splitWithSummary(dataset, splitConfig);
      replaceData(dataset, split);
      return {
        type: 'ok',
        source,
        label: null,
        splitConfig,
        summary: summarize(dataset),
        split: summary,
        report: null,
        seconds: (performance.now() - t0) / 1000,
      };
    },

    stop(runId) {
      if (activeRun !== runId) return;
      stopRequested.add(runId);
      resumeRun(runId); // a paused loop must wake up to see the stop
    },

    pause(runId) {
      if (activeRun === runId && !stopRequested.has(runId) && !pause) pause = makePause();
    },

    resume: resumeRun,

    async inspect(request) {
      const { runId } = request;
      const target = model && modelRun?.runId === runId ? { ...modelRun, model } : null;
      if (!data || !target) {
        return { type: 'unavailable', runId, reason: 'No trained model of this run (train one first).' };
      }
      try {
        inspectIndex ??= buildIndex(data.dataset, data.split);
        const ctx = { ...data, index: inspectIndex };
        return await inspectModel(ctx, target, request);
      } catch (err) {
        // A new run or dataset may have disposed the model while this was awaiting the device.
        if (model !== target.model) return { type: 'unavailable', runId, reason: 'The model was replaced.' };
        return { type: 'error', runId, message: errorMessage(err) };
      }
    },

    async explainGraph(request) {
      if (!data) return { type: 'unavailable', runId: request.runId, reason: 'No dataset is loaded.' };
      const run = topkRun;
      try {
        return await explainGraph(data.dataset, run, request);
      } catch (err) {
        // A new run or dataset may have disposed the model while this was awaiting the device.
        if (topkRun !== run)
          return { type: 'unavailable', runId: request.runId, reason: 'The model was replaced.' };
        return { type: 'error', runId: request.runId, message: errorMessage(err) };
      }
    },
    embeddingMap: (request) =>
      explain(request.runId, (ctx, target) => embeddingMap(ctx, target, request.kind)),

    async recommend(request) {
      const run = topkRun;
      if (!run || run.runId !== request.runId)
        return explain(request.runId, (ctx, target) => recommend(ctx, target, request));
      if (!data) return { type: 'unavailable', runId: request.runId, reason: 'No dataset is loaded.' };
      try {
        return await recommendTopk(data.dataset, run, request);
      } catch (err) {
        // A new run or dataset may have disposed the model while this was awaiting the device.
        if (topkRun !== run)
          return { type: 'unavailable', runId: request.runId, reason: 'The model was replaced.' };
        return { type: 'error', runId: request.runId, message: errorMessage(err) };
      }
    },

    async searchExamples(request) {
      if (!data) return { hits: [], total: 0 };
      inspectIndex ??= buildIndex(data.dataset, data.split);
      return searchExamples(data.dataset, inspectIndex, request);
    },

    exportModel: (runId) => runExport(runId, exporter.exportModel),
    exportEmbeddings: (runId) => runExport(runId, exporter.exportEmbeddings),
    exportPredictions: (request) =>
      runExport(request.runId, (d, t) => exporter.exportPredictions(d, t, request)),

    async exportDataset() {
      if (!data) return { type: 'unavailable', reason: 'Load a dataset first.' };
      try {
        return exporter.exportDataset(data);
      } catch (err) {
        return { type: 'error', message: errorMessage(err) };
      }
    },

    async importModel(bytes, runId) {
      if (activeRun !== null)
        return { type: 'error', message: 'A model is training: stop it before importing one.' };
      if (!data) return { type: 'error', message: 'Load the dataset the model was trained on first.' };
      const t0 = performance.now();
      try {
        const imported = await importModelZip(bytes, data.encoding);
        model?.dispose();
        model = imported.model;
        modelRun = { runId, modelId: imported.meta.modelId, config: imported.config };
        modelTest = await evaluateCtr(model, data.encoding, data.split.test);
        return {
          type: 'ok',
          runId,
          modelId: imported.meta.modelId,
          config: imported.config,
          test: modelTest,
          savedTest: imported.meta.test ?? null,
          trainedOn: imported.meta.dataset.name,
          seconds: (performance.now() - t0) / 1000,
        };
      } catch (err) {
        return { type: 'error', message: errorMessage(err) };
      }
    },
  };
}
