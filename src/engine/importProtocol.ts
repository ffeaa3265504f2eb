/**
 * Messages of the "bring your own data" flow between the page and the worker: read the files and propose a
 * mapping, then build the dataset with the (possibly edited) mapping and a split. Plain data only.
 */
import type { BuildReport } from '../data/import/report';
import type { DataMapping, ImportIssue, LabelRule } from '../data/import/types';
import type { ColumnValueCheck } from '../data/import/valueChecks';
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
  /** Per column: the rows a rating or a label could not use (tables only), for the mapping step's notes. */
  readonly valueChecks?: readonly ColumnValueCheck[];
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

/**
 * Which data a dataset came from, as a share link records it: the demo generator's options, or an upload's
 * name and content hash (SHA-256 of the files' bytes, first 16 hex digits), so a link can check the data.
 */
export type DataSourceRef =
  | { readonly kind: 'demo'; readonly seed: number; readonly users: number; readonly items: number }
  | { readonly kind: 'upload'; readonly name: string; readonly hash: string };

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
      readonly source: DataSourceRef;
      /** The label rule and split that were used (uploads), for the share link. */
      readonly label: LabelRule | null;
      readonly splitConfig: SplitConfig;
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
