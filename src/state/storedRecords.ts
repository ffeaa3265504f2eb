/**
 * The records the run store keeps (runs, checkpoints, datasets) and the checks applied to what is read back:
 * another version of the app, or a hand-edited DB, may have written it.
 */
import * as z from 'zod/mini';
import type { Dataset } from '../data/types';
import type { LabelRule } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { BackendChoice, BackendName } from '../engine/backendInfo';
import type { DataSourceRef } from '../engine/importProtocol';
import type { CtrMetrics } from '../engine/metrics/ctr';
import type { CtrEpochReport } from '../engine/train/ctr';

/** 'interrupted': the page was closed or reloaded, or the worker crashed, while it trained. */
export type StoredRunStatus = 'training' | 'paused' | 'done' | 'stopped' | 'error' | 'interrupted';

/** A run as stored: enough to list it, compare it and continue it. */
export interface StoredRun {
  /** Assigned by the store (1, 2, …), never reused. */
  readonly id: number;
  readonly modelId: string;
  /** Raw form values, as sent to the worker. */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly data: DataSourceRef;
  readonly split: SplitConfig;
  readonly label: LabelRule | null;
  /** What the user asked for, and the backend that ran it (null until the worker says). */
  readonly backend: BackendChoice;
  readonly backendUsed: BackendName | null;
  readonly status: StoredRunStatus;
  readonly totalEpochs: number;
  readonly epochs: readonly CtrEpochReport[];
  readonly result: {
    readonly bestEpoch: number;
    readonly test: CtrMetrics | null;
    readonly stopped: boolean;
  } | null;
  readonly error: string | null;
  /** Completed epochs of the stored checkpoint (null: none). */
  readonly checkpointEpoch: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type NewRun = Omit<StoredRun, 'id' | 'createdAt' | 'updatedAt' | 'checkpointEpoch'>;
export type RunPatch = Partial<Omit<StoredRun, 'id' | 'createdAt'>>;

export interface StoredCheckpoint {
  readonly runId: number;
  /** Completed epochs. */
  readonly epoch: number;
  readonly step: number;
  /** `encodeCheckpoint` bytes. */
  readonly bytes: Uint8Array;
  readonly savedAt: number;
}

/** The demo is stored as its source only (it is regenerated from the seed); an upload as its built Dataset. */
export interface StoredDataset {
  /** `datasetKey(source)`. */
  readonly key: string;
  readonly source: DataSourceRef;
  readonly dataset: Dataset | null;
  readonly savedAt: number;
}

export function datasetKey(source: DataSourceRef): string {
  return source.kind === 'demo'
    ? `demo:${source.seed}:${source.users}:${source.items}${source.knobs ? `:${JSON.stringify(source.knobs)}` : ''}`
    : `upload:${source.hash}`;
}

const runShape = z.object({
  id: z.number(),
  modelId: z.string(),
  modelConfig: z.record(z.string(), z.unknown()),
  trainConfig: z.record(z.string(), z.unknown()),
  data: z.object({ kind: z.enum(['demo', 'upload']) }),
  status: z.enum(['training', 'paused', 'done', 'stopped', 'error', 'interrupted']),
  totalEpochs: z.number(),
  epochs: z.array(z.object({ epoch: z.number(), valid: z.object({ auc: z.number() }) })),
  checkpointEpoch: z.nullable(z.number()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
const checkpointShape = z.object({
  runId: z.number(),
  epoch: z.number(),
  step: z.number(),
  bytes: z.instanceof(Uint8Array),
});

/** True when a record read back has what the list, the comparison and a resume rely on. */
export function isStoredRun(record: unknown): record is StoredRun {
  return runShape.safeParse(record).success;
}

/** True when a record read back is a usable checkpoint. */
export function isStoredCheckpoint(record: unknown): record is StoredCheckpoint {
  return checkpointShape.safeParse(record).success;
}
