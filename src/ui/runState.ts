import type { BackendInfo } from '../engine/backendInfo';
import type { DataSourceRef } from '../engine/importProtocol';
import { datasetKey } from '../state/storedRecords';
import type { ModelFamily, TrainEvent, TrainOutcome } from '../engine/protocol';
import type { TopkEpochReport, TopkTrainResult } from '../engine/train/topk';
import type { CtrEpochReport, CtrTrainResult } from '../engine/train/ctr';
import type { TrainProgress } from '../engine/train/progress';

export type RunStatus = 'idle' | 'training' | 'paused' | 'stopping' | 'done' | 'stopped' | 'error';

/** One run of this session, as the run comparison shows it (kept in memory, never persisted). */
export interface RunRecord {
  readonly runId: number;
  readonly modelId: string;
  /** The settings the run was started with (raw form values, as sent to the worker). */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly status: RunStatus;
  readonly epochs: readonly CtrEpochReport[];
  readonly result: CtrTrainResult | null;
  /** Absent in records made before top-k runs existed: read as 'ctr'. */
  readonly family?: ModelFamily;
  /** A top-k run's epochs and result (its `epochs` and `result` stay empty). */
  readonly topk?: TopkRunView | null;
  /** Set on a run read from a run file: the file's name (the run was not trained in this session). */
  readonly imported?: string;
  /**
   * The loss curve of an imported run, or of a run the current view moved on from (a new dataset); the current
   * run's is `RunState.loss`.
   */
  readonly loss?: readonly { x: number; y: number }[];
  /** The data the run trained on; absent in records made before runs kept it (and in odd run files). */
  readonly data?: DataSourceRef;
}

/** What a top-k run reports (its ctr counterparts `epochs` and `result` stay empty for it). */
export interface TopkRunView {
  readonly epochs: readonly TopkEpochReport[];
  readonly result: TopkTrainResult | null;
}

/** A step before training (tmfun's kNN graphs), shown until training progress arrives. */
export interface BuildStage {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  /** What `done` and `total` count. */
  readonly unit: string;
}

/** Everything the page shows about the current run; changed only through `runReducer`. */
export interface RunState {
  readonly runId: number;
  readonly modelId: string;
  readonly family: ModelFamily;
  /** Non-null exactly for top-k runs. */
  readonly topk: TopkRunView | null;
  readonly build: BuildStage | null;
  readonly status: RunStatus;
  readonly backend: BackendInfo | null;
  /** Training loss per progress report; x is in epochs (1.5 = half-way through epoch 2). */
  readonly loss: readonly { x: number; y: number }[];
  readonly epochs: readonly CtrEpochReport[];
  readonly progress: TrainProgress | null;
  readonly result: CtrTrainResult | null;
  readonly error: string | null;
  readonly warnings: readonly string[];
  /** Every run of the session, oldest first; the last one is this run once it has started. */
  readonly runs: readonly RunRecord[];
}

export const IDLE_RUN: RunState = {
  runId: 0,
  modelId: '',
  family: 'ctr',
  topk: null,
  build: null,
  status: 'idle',
  backend: null,
  loss: [],
  epochs: [],
  progress: null,
  result: null,
  error: null,
  warnings: [],
  runs: [],
};

export type RunAction =
  | {
      type: 'start';
      runId: number;
      modelId: string;
      /** Default 'ctr'. */
      family?: ModelFamily;
      modelConfig?: Readonly<Record<string, unknown>>;
      trainConfig?: Readonly<Record<string, unknown>>;
      data?: DataSourceRef;
    }
  | { type: 'stopping'; runId: number }
  | { type: 'resumed'; runId: number }
  | { type: 'event'; event: TrainEvent }
  | { type: 'outcome'; outcome: TrainOutcome }
  | { type: 'crash'; message: string }
  /** Adds a run read from a run file to the session's runs (the current run stays as it is). */
  | { type: 'importRun'; record: RunRecord }
  /**
   * The worker holds this data now. A finished run of other data no longer fits beside it: the view starts
   * over (idle), and the run stays among the session's runs.
   */
  | { type: 'dataLoaded'; source: DataSourceRef };

export function runReducer(state: RunState, action: RunAction): RunState {
  return syncRecord(reduceRun(state, action));
}

/** Mirrors the current run into its `runs` record (a new record object only when something it shows changed). */
function syncRecord(state: RunState): RunState {
  // Found by id, not position: a run imported from a file may have been added after it.
  const at = state.runs.findLastIndex((r) => r.runId === state.runId);
  const last = state.runs[at];
  if (!last) return state;
  if (
    last.status === state.status &&
    last.epochs === state.epochs &&
    last.result === state.result &&
    (last.topk ?? null) === state.topk
  )
    return state;
  const record = {
    ...last,
    status: state.status,
    epochs: state.epochs,
    result: state.result,
    topk: state.topk,
  };
  return { ...state, runs: state.runs.map((r, i) => (i === at ? record : r)) };
}

function reduceRun(state: RunState, action: RunAction): RunState {
  switch (action.type) {
    case 'start': {
      const record: RunRecord = {
        runId: action.runId,
        modelId: action.modelId,
        modelConfig: action.modelConfig ?? {},
        trainConfig: action.trainConfig ?? {},
        status: 'training',
        epochs: [],
        result: null,
        family: action.family ?? 'ctr',
        topk: action.family === 'topk' ? { epochs: [], result: null } : null,
        ...(action.data ? { data: action.data } : {}),
      };
      return {
        ...IDLE_RUN,
        runId: action.runId,
        modelId: action.modelId,
        family: action.family ?? 'ctr',
        topk: action.family === 'topk' ? { epochs: [], result: null } : null,
        status: 'training',
        runs: [...state.runs, record],
      };
    }
    case 'stopping':
      return action.runId === state.runId && (state.status === 'training' || state.status === 'paused')
        ? { ...state, status: 'stopping' }
        : state;
    case 'resumed':
      return action.runId === state.runId && state.status === 'paused'
        ? { ...state, status: 'training' }
        : state;
    case 'importRun':
      return { ...state, runs: [...state.runs, action.record] };
    case 'dataLoaded': {
      // A run under way keeps its view (the page does not load data then; a crash reloads the same data).
      if (state.status === 'training' || state.status === 'paused' || state.status === 'stopping')
        return state;
      const at = state.runs.findLastIndex((r) => r.runId === state.runId);
      const current = state.runs[at];
      if (!current) return state;
      if (current.data && datasetKey(current.data) === datasetKey(action.source)) return state;
      // The record keeps the loss curve it would lose with the view (a run file of it carries one).
      const kept = { ...current, loss: current.loss ?? state.loss };
      return { ...IDLE_RUN, runs: state.runs.map((r, i) => (i === at ? kept : r)) };
    }
    case 'crash':
      return state.status === 'training' || state.status === 'stopping' || state.status === 'paused'
        ? { ...state, status: 'error', error: action.message }
        : { ...state, error: action.message };
    case 'event': {
      const e = action.event;
      // Events of a run the page no longer shows are dropped.
      if (e.runId !== state.runId) return state;
      switch (e.type) {
        case 'backend':
          return { ...state, backend: e.info };
        case 'build':
          return {
            ...state,
            build: { stage: e.stage, done: e.done, total: e.total, unit: e.unit ?? 'items' },
          };
        case 'progress': {
          const p = e.progress;
          // The worker confirms a pause with a report that says so; a stop request wins over both.
          const status =
            state.status === 'stopping'
              ? state.status
              : p.paused
                ? 'paused'
                : state.status === 'paused'
                  ? 'training'
                  : state.status;
          if (p.paused) return { ...state, progress: p, status, build: null };
          const x = p.epoch - 1 + p.step / p.stepsPerEpoch;
          return { ...state, progress: p, status, build: null, loss: [...state.loss, { x, y: p.loss }] };
        }
        case 'epoch':
          if (e.family === 'topk') {
            return state.topk
              ? { ...state, topk: { ...state.topk, epochs: [...state.topk.epochs, e.report] } }
              : state;
          }
          return { ...state, epochs: [...state.epochs, e.report] };
      }
      return state;
    }
    case 'outcome': {
      const o = action.outcome;
      if (o.runId !== state.runId) return state;
      if (o.type === 'error') {
        const failed = { ...state, status: 'error' as const, error: o.message, build: null };
        if (!o.deviceLost) return failed;
        // A dying device can hand back garbage before it is reported lost: the unfinished epoch's loss points
        // go (a continued run trains that epoch again from the checkpoint).
        const done = state.family === 'topk' ? (state.topk?.epochs.length ?? 0) : state.epochs.length;
        return { ...failed, loss: state.loss.filter((p) => p.x <= done) };
      }
      if (o.family === 'topk') {
        return {
          ...state,
          status: o.result.stopped ? 'stopped' : 'done',
          topk: { epochs: state.topk?.epochs ?? [], result: o.result },
          build: null,
          warnings: o.warnings,
        };
      }
      return {
        ...state,
        status: o.result.stopped ? 'stopped' : 'done',
        result: o.result,
        warnings: o.warnings,
      };
    }
  }
}
