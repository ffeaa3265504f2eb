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
import { getModel } from '../models';
import type { CtrModel } from '../models/types';
import { errorMessage, initBackend, type BackendChoice, type BackendInfo, type WasmPaths } from './backends';
import {
  DEFAULT_SPLIT_CONFIG,
  type ImportProgress,
  type LoadOutcome,
  type ReadOutcome,
} from './importProtocol';
import { buildForImport, contentHash, readForImport, splitWithSummary } from './importer';
import { DEMO_DEFAULTS } from '../data/demo';
import { buildIndex, inspectModel, searchExamples, type InspectIndex, type InspectTarget } from './inspector';
import type {
  InspectOutcome,
  InspectRequest,
  SearchOutcome,
  SearchRequest,
  TrainEvent,
  TrainOutcome,
  TrainRequest,
} from './protocol';
import { TRAIN_SCHEMA, trainCtr } from './trainer';

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
  stop(runId: number): void;
  pause(runId: number): void;
  resume(runId: number): void;
  /** Attention of the given run's model (see `WorkerApi.inspect`); never runs inside a training step. */
  inspect(request: InspectRequest): Promise<InspectOutcome>;
  searchExamples(request: SearchRequest): Promise<SearchOutcome>;
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

  const busyIssue = () =>
    ({
      type: 'error',
      issue: { severity: 'fatal', file: '', message: 'A model is training: stop it before loading data.' },
    }) as const;

  /** Makes `dataset` the current one; the model trained on the previous dataset no longer applies. */
  function replaceData(dataset: Dataset, split: Split): void {
    model?.dispose();
    model = null;
    modelRun = null;
    inspectIndex = null;
    data = { dataset, encoding: encodeCtr(dataset), split };
  }

  function resumeRun(runId: number): void {
    if (activeRun !== runId || !pause) return;
    pause.release();
    pause = null;
  }

  async function switchBackend(choice: BackendChoice): Promise<BackendInfo> {
    if (backend && backend.choice === choice && tf.getBackend() === backend.info.name) return backend.info;
    const info = await initBackend(choice, wasmPaths);
    backend = { choice, info };
    return info;
  }

  // One switch at a time: the page's first 'auto' and a link's backend overlapped, and each one's
  // setBackend disposed the other's tensors mid self-check ("cannot read properties of undefined").
  let backendQueue: Promise<unknown> = Promise.resolve();
  function ensureBackend(choice: BackendChoice): Promise<BackendInfo> {
    const next = backendQueue.then(() => switchBackend(choice));
    backendQueue = next.catch(() => undefined);
    return next;
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
      try {
        if (!data) throw new Error('No dataset is loaded.');
        const spec = getModel(request.modelId);
        if (!spec) throw new Error(`Unknown model "${request.modelId}".`);
        const modelCfg = resolveConfig(spec.configSchema, request.modelConfig);
        const trainCfg = resolveConfig(TRAIN_SCHEMA, request.trainConfig);
        const info = await ensureBackend(request.backend);
        onEvent({ type: 'backend', runId, info });

        model?.dispose();
        model = null;
        modelRun = null;
        model = spec.build(modelCfg.config, data.encoding, makeRng(`${trainCfg.config.seed}/init`));
        modelRun = { runId, modelId: spec.id, config: modelCfg.config };
        const result = await trainCtr(model, data.encoding, data.split, trainCfg.config, {
          onProgress: (progress) => onEvent({ type: 'progress', runId, progress }),
          onEpoch: (report) => onEvent({ type: 'epoch', runId, report }),
          shouldStop: () => stopRequested.has(runId),
          pauseGate: () => pause?.promise ?? null,
        });
        return { type: 'done', runId, result, warnings: [...modelCfg.warnings, ...trainCfg.warnings] };
      } catch (err) {
        return { type: 'error', runId, message: errorMessage(err) };
      } finally {
        stopRequested.delete(runId);
        pause?.release();
        pause = null;
        activeRun = null;
      }
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

    async searchExamples(request) {
      if (!data) return { hits: [], total: 0 };
      inspectIndex ??= buildIndex(data.dataset, data.split);
      return searchExamples(data.dataset, inspectIndex, request);
    },
  };
}
