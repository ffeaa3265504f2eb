/**
 * Messages of the "bring your own data" flow between the page and the worker: read the files and propose a
 * mapping, then build the dataset with the (possibly edited) mapping and a split. Plain data only.
 */
import type { BuildReport } from '../data/import/report';
import type { DataMapping, ImportIssue } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { DatasetSummary } from '../data/types';

/** What the mapping step shows of one file. */
export interface FilePreview {
  readonly fileName: string;
  readonly kind: 'table' | 'matrix';
  readonly rows: number;
  readonly columns: number;
  readonly columnNames: readonly string[];
  /** First rows, raw strings (tables only). */
  readonly preview: readonly (readonly string[])[];
  readonly delimiter?: string;
  readonly encoding?: string;
  readonly hasHeader?: boolean;
  readonly skippedRows: number;
}

export type ReadOutcome =
  | {
      readonly type: 'ok';
      readonly files: readonly FilePreview[];
      readonly mapping: DataMapping;
      /** True when a known format was recognised: the mapping needs no questions. */
      readonly recognized: boolean;
      readonly issues: readonly ImportIssue[];
      readonly seconds: number;
    }
  | { readonly type: 'error'; readonly issue: ImportIssue };

/** The split that was made, for the summary. */
export interface SplitSummary {
  readonly method: SplitConfig['method'];
  readonly train: number;
  readonly valid: number;
  readonly test: number;
  readonly droppedUsers: number;
  readonly coldTestItems: number;
  readonly coldTestRows: number;
}

export type LoadOutcome =
  | {
      readonly type: 'ok';
      readonly summary: DatasetSummary;
      readonly report: BuildReport | null;
      readonly split: SplitSummary;
      readonly seconds: number;
    }
  | { readonly type: 'error'; readonly issue: ImportIssue };

export interface ImportProgress {
  readonly file: string;
  readonly fraction: number;
}

export const DEFAULT_SPLIT_CONFIG: SplitConfig = {
  method: 'chronological',
  ratios: [8, 1, 1],
  seed: 42,
  minInteractions: 3,
  fewInteractions: 'trainOnly',
};
