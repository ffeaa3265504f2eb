/**
 * What the worker holds between calls, in one explicit object the handlers share: the registry it builds
 * models from, the current dataset, the backend, the one trained model (of the last run or import), the run in
 * progress with its pause and stop requests, files read but not yet mapped, and the explain views' index.
 */
import * as tf from '@tensorflow/tfjs-core';
import { encodeCtr, type CtrEncoding } from '../../data/features';
import type { ParsedFile } from '../../data/import/types';
import type { Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import type { DemoOptions, DemoTruth } from '../../data/demo';
import type { CtrModel, TopkModel } from '../../models/contract';
import { REGISTRY, type Registry } from '../../models/registry';
import {
  initBackend,
  type BackendAttempt,
  type BackendChoice,
  type BackendInfo,
  type Candidate,
  type WasmPaths,
} from '../backends';
import { PROBE_BUDGET, type StepBudget } from '../train/timeSteps';
import { probeMemo, type ProbeMemo } from './probeMemo';
import type { ProbeSettings } from './speedProbe';
import { buildIndex, type ExampleIndex } from '../explain/examples';
import type { CtrMetrics } from '../metrics/ctr';
import type { TopkResult } from '../metrics/topkResult';
import type { TopkPrepared } from '../train/topkData';

export interface Prepared {
  readonly dataset: Dataset;
  readonly encoding: CtrEncoding;
  readonly split: Split;
}

interface TrainedBase {
  readonly runId: number;
  readonly modelId: string;
  /** The model's resolved config. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** The trained model the worker holds, of either family; `test` once its run has scored the test split. */
export type Trained =
  | (TrainedBase & { readonly family: 'ctr'; readonly model: CtrModel; test: CtrMetrics | null })
  | (TrainedBase & {
      readonly family: 'topk';
      readonly model: TopkModel;
      readonly data: TopkPrepared;
      test: TopkResult | null;
    });

/** A pause request: the promise the training loop awaits, and how to release it. */
export interface Pause {
  readonly promise: Promise<void>;
  readonly release: () => void;
}

export interface WorkerState {
  readonly registry: Registry;
  readonly wasmPaths: WasmPaths | undefined;
  data: Prepared | null;
  backend: { readonly choice: BackendChoice; readonly info: BackendInfo } | null;
  /** The backend start in progress: one at a time (see `ensureBackend`). */
  starting: Promise<unknown>;
  trained: Trained | null;
  /** The run training now, and its pause request. */
  run: { readonly id: number; pause: Pause | null } | null;
  readonly stopRequested: Set<number>;
  /** Files read, awaiting the user's mapping; their name and content hash for the share link. */
  pendingImport: { files: ParsedFile[]; source: { name: string; hash: string } | null };
  /** The explain views' per-dataset index, built on first use. */
  exampleIndex: ExampleIndex | null;
  /**
   * When the data came from the demo generator: its options, and what it planted (rebuilt on first use by
   * planted vs learned, and checked to give the same rows).
   */
  demo: { readonly options: Partial<DemoOptions>; truth: DemoTruth | null } | null;
  /** How auto's speed probe runs (speedProbe.ts). */
  readonly probe: ProbeSettings;
  /** The backends auto could pick, found on the first auto run (dropped when a device is lost). */
  candidates: { readonly candidates: Candidate[]; readonly attempts: BackendAttempt[] } | null;
}

export interface WorkerOptions {
  readonly wasmPaths?: WasmPaths;
  /** The models this worker offers (tests register extra ones); the app's registry by default. */
  readonly registry?: Registry;
  /** Where auto's speed probes are remembered: IndexedDB where the runtime has it, else memory. */
  readonly probeMemo?: ProbeMemo;
  /** Let auto's probe time cpu too (tests, bench). */
  readonly probeCpu?: boolean;
  readonly probeBudget?: StepBudget;
}

export function createState(options: WorkerOptions = {}): WorkerState {
  return {
    registry: options.registry ?? REGISTRY,
    wasmPaths: options.wasmPaths,
    data: null,
    demo: null,
    backend: null,
    starting: Promise.resolve(),
    trained: null,
    run: null,
    stopRequested: new Set(),
    pendingImport: { files: [], source: null },
    exampleIndex: null,
    probe: {
      memo: options.probeMemo ?? probeMemo(),
      includeCpu: options.probeCpu ?? false,
      budget: options.probeBudget ?? PROBE_BUDGET,
    },
    candidates: null,
  };
}

export function disposeTrained(state: WorkerState): void {
  state.trained?.model.dispose();
  state.trained = null;
}

/** Makes `dataset` the current one; the model trained on the previous dataset no longer applies. */
export function replaceData(state: WorkerState, dataset: Dataset, split: Split): void {
  disposeTrained(state);
  state.exampleIndex = null;
  state.demo = null;
  state.data = { dataset, encoding: encodeCtr(dataset), split };
}

/** The current dataset with its explain index (built once per dataset). */
export function explainContext(state: WorkerState): (Prepared & { readonly index: ExampleIndex }) | null {
  if (!state.data) return null;
  state.exampleIndex ??= buildIndex(state.data.dataset, state.data.split);
  return { ...state.data, index: state.exampleIndex };
}

/**
 * Starts (or keeps) the backend `choice`. One start at a time: a start still running (the page's first 'auto'
 * while a link switches to 'wasm') must not switch backends or run its self-check in the middle of a run.
 */
export function ensureBackend(state: WorkerState, choice: BackendChoice): Promise<BackendInfo> {
  const next = state.starting.then(async () => {
    const b = state.backend;
    if (b && b.choice === choice && tf.getBackend() === b.info.name) return b.info;
    const info = await initBackend(choice, state.wasmPaths);
    state.backend = { choice, info };
    return info;
  });
  state.starting = next.catch(() => {});
  return next;
}

/** The busy message of the data handlers while a run trains. */
export const busyIssue = () =>
  ({
    type: 'error',
    issue: { severity: 'fatal', file: '', message: 'A model is training: stop it before loading data.' },
  }) as const;
