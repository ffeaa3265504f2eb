/**
 * The typed protocol between the page and the training worker (comlink RPC plus event callbacks). Every run
 * carries a `runId`; the page ignores events of runs it no longer shows.
 */
import type { DemoOptions } from '../data/demo';
import type { DataMapping } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { ImportProgress, LoadOutcome, ReadOutcome } from './importProtocol';
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
  /** `progress.paused` is true on the report made as the run pauses; the next report (after resume) is false. */
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
  /** Generates the seeded demo dataset in the worker and makes it the current dataset. */
  loadDemo(options: Partial<DemoOptions>, split?: SplitConfig): Promise<LoadOutcome>;
  /** Reads uploaded files (in the worker) and proposes a column mapping; the current dataset stays. */
  readImport(files: readonly File[], onProgress: (p: ImportProgress) => void): Promise<ReadOutcome>;
  /** Builds the dataset from the files last read, with the confirmed mapping and split. */
  loadImport(mapping: DataMapping, split: SplitConfig): Promise<LoadOutcome>;
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<TrainOutcome>;
  /** Ends the given run after its current step (a paused run too). */
  stop(runId: number): void;
  /**
   * Pauses the given run at its next progress report (within ~250 ms, or early in the next epoch when asked
   * during validation); that report says `paused: true` and the worker then idles until `resume` or `stop`.
   */
  pause(runId: number): void;
  /** Continues a paused run; its next progress report says `paused: false`. */
  resume(runId: number): void;
}
