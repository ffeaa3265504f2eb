/**
 * Messages of the "bring your own data" flow between the page and the worker: read the files and propose a
 * mapping, then build the dataset with the (possibly edited) mapping and a split. Plain data only.
 */
import type { BuildReport } from '../data/import/report';
import type { DataMapping, ImportIssue, LabelRule } from '../data/import/types';
import type { ColumnValueCheck } from '../data/import/valueChecks';
import type { SplitConfig } from '../data/split';
import type { DatasetSummary } from '../data/types';
import { DEMO_DEFAULTS, demoKnobs, type DemoKnobs, type DemoOptions } from '../data/demo/vocab';

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
  | {
      readonly kind: 'demo';
      readonly seed: number;
      readonly users: number;
      readonly items: number;
      /** The data wizard's knobs that differ from their defaults (absent: none does). */
      readonly knobs?: DemoKnobs;
    }
  | { readonly kind: 'upload'; readonly name: string; readonly hash: string };

export type DemoSourceRef = Extract<DataSourceRef, { kind: 'demo' }>;

/** The record of a demo built with `options`: seed, size, and the knobs that differ from their defaults. */
export function demoSourceRef(options: Partial<DemoOptions>): DemoSourceRef {
  const o = { ...DEMO_DEFAULTS, ...options };
  const knobs = demoKnobs(o);
  return { kind: 'demo', seed: o.seed, users: o.users, items: o.items, ...(knobs ? { knobs } : {}) };
}

/** The generator's options a demo record was built with. */
export function demoOptionsOf(ref: DemoSourceRef): Partial<DemoOptions> {
  return { seed: ref.seed, users: ref.users, items: ref.items, ...ref.knobs };
}

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
