/**
 * The typed protocol between the page and the training worker (comlink RPC plus event callbacks). Every run
 * carries a `runId`; the page ignores events of runs it no longer shows.
 */
import type { DemoOptions } from '../data/demo';
import type { DatasetSummary } from '../data/types';
import type { BackendChoice, BackendInfo } from './backendInfo';
import type { EpochReport, TrainProgress, TrainResult } from './trainer';

export interface TrainRequest {
  readonly runId: number;
  readonly modelId: string;
  /** Raw values; the worker resolves them against the model's schema and reports what it changed. */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly backend: BackendChoice;
}

export type TrainEvent =
  | { readonly type: 'backend'; readonly runId: number; readonly info: BackendInfo }
  | { readonly type: 'progress'; readonly runId: number; readonly progress: TrainProgress }
  | { readonly type: 'epoch'; readonly runId: number; readonly report: EpochReport };

export type TrainOutcome =
  | {
      readonly type: 'done';
      readonly runId: number;
      readonly result: TrainResult;
      /** Settings that were invalid or out of range, and what was used instead. */
      readonly warnings: readonly string[];
    }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

export interface WorkerApi {
  /** Starts (or switches to) a backend. */
  initBackend(choice: BackendChoice): Promise<BackendInfo>;
  /** Generates the seeded demo dataset in the worker and keeps it as the current dataset. */
  loadDemo(options: Partial<DemoOptions>): Promise<DatasetSummary>;
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<TrainOutcome>;
  /** Ends the given run after its current step. */
  stop(runId: number): void;
}
