/**
 * Messages of the Export panel: the worker builds files (model zip, embeddings, top-K CSV, RecBole zip) from
 * what it holds and hands back their bytes; the page only offers them as downloads. Nothing is uploaded.
 */
import type { CtrMetrics } from './metrics/ctr';

export interface ExportFile {
  readonly name: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

export type ExportOutcome =
  | { readonly type: 'ok'; readonly files: readonly ExportFile[]; readonly seconds: number }
  /** Nothing to export yet (no model of that run, no dataset): the reason says what to do. */
  | { readonly type: 'unavailable'; readonly reason: string }
  | { readonly type: 'error'; readonly message: string };

export interface PredictionsRequest {
  /** The run whose model to use. */
  readonly runId: number;
  /** Items per user (1..100). */
  readonly k: number;
  /** Test users to rank for (first by user index), at most `MAX_PREDICTION_USERS`. */
  readonly users: number;
}

export const MAX_PREDICTION_USERS = 100_000;

export type ModelImportOutcome =
  | {
      readonly type: 'ok';
      /** The run id the imported model now answers to (for its explanations and further exports). */
      readonly runId: number;
      readonly modelId: string;
      readonly config: Readonly<Record<string, unknown>>;
      /** The imported weights scored on the loaded data's test split. */
      readonly test: CtrMetrics;
      /** What the file says the exported weights scored (null entries: not known). */
      readonly savedTest: {
        readonly auc: number | null;
        readonly gauc: number | null;
        readonly logloss: number | null;
      } | null;
      readonly trainedOn: string;
      readonly seconds: number;
    }
  | { readonly type: 'error'; readonly message: string };
