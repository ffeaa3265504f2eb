/**
 * What survives a reload: datasets, runs (settings, epoch curves, final metrics, status) and each run's
 * latest checkpoint, in IndexedDB (idb). Runs on the page, not in the worker: the worker may crash and take
 * its memory with it, the page stays.
 *
 * Every failure becomes a `StoreError` with a kind the UI can word ('unavailable': no IndexedDB, e.g. a
 * private window; 'quota': the disk budget is spent; 'failed': anything else). Callers keep their in-memory
 * copy when a write fails, so nothing is lost but persistence.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import * as z from 'zod/mini';
import type { Dataset } from '../data/types';
import type { LabelRule } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { BackendChoice, BackendName } from '../engine/backendInfo';
import type { DataSourceRef } from '../engine/importProtocol';
import type { CtrMetrics } from '../engine/metrics/ctr';
import type { CtrEpochReport } from '../engine/train/ctr';

export const DB_NAME = 'recplay';
/** Bump with a new step in `upgrade` whenever a store or index changes. */
export const DB_VERSION = 1;

export type StoreErrorKind = 'unavailable' | 'quota' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

function errorName(err: unknown): string {
  return typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
}

/** Wraps any failure as a StoreError, saying what was being done. */
export function toStoreError(err: unknown, doing: string): StoreError {
  if (err instanceof StoreError) return err;
  const name = errorName(err);
  const detail = err instanceof Error ? err.message : String(err);
  // Chromium and Firefox name it QuotaExceededError; old Safari reports legacy code 22.
  if (name === 'QuotaExceededError' || (err as { code?: unknown } | null)?.code === 22) {
    return new StoreError(
      'quota',
      `The browser's storage for this site is full while ${doing}: delete saved runs to make room. ` +
        `This run continues in memory.`,
      { cause: err },
    );
  }
  return new StoreError('failed', `Saving failed while ${doing}: ${detail}`, { cause: err });
}

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
    ? `demo:${source.seed}:${source.users}:${source.items}`
    : `upload:${source.hash}`;
}

interface Schema extends DBSchema {
  runs: { key: number; value: StoredRun; indexes: { updatedAt: number } };
  checkpoints: { key: number; value: StoredCheckpoint };
  datasets: { key: string; value: StoredDataset };
}

// What is read back is checked (another version of the app, or a hand-edited DB, may have written it).
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

export interface RunList {
  /** Newest first. */
  readonly runs: StoredRun[];
  /** Records that could not be read (skipped, left in place). */
  readonly unreadable: number;
}

export interface RunStore {
  listRuns(): Promise<RunList>;
  getRun(id: number): Promise<StoredRun | null>;
  addRun(run: NewRun): Promise<StoredRun>;
  /** Merges `patch` into the run; null when the run is gone (deleted meanwhile). */
  updateRun(id: number, patch: RunPatch): Promise<StoredRun | null>;
  /** Deletes the run, its checkpoint and any uploaded dataset no other run uses. */
  deleteRun(id: number): Promise<void>;
  clearAll(): Promise<void>;
  /**
   * Replaces the run's checkpoint and records its epoch on the run, in one transaction. When the quota is
   * spent, checkpoints of finished runs (oldest first) are dropped and the write is tried once more.
   */
  putCheckpoint(c: StoredCheckpoint): Promise<{ evicted: number[] }>;
  getCheckpoint(runId: number): Promise<StoredCheckpoint | null>;
  putDataset(d: StoredDataset): Promise<void>;
  getDataset(key: string): Promise<StoredDataset | null>;
  hasDataset(key: string): Promise<boolean>;
  close(): void;
}

export interface OpenOptions {
  readonly name?: string;
  /** Defaults to `globalThis.indexedDB`; tests pass their own. */
  readonly factory?: IDBFactory;
  readonly now?: () => number;
}

/** Schema steps: each `oldVersion < n` block upgrades from n - 1 to n. */
function upgrade(db: IDBPDatabase<Schema>, oldVersion: number): void {
  if (oldVersion < 1) {
    const runs = db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
    runs.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('checkpoints', { keyPath: 'runId' });
    db.createObjectStore('datasets', { keyPath: 'key' });
  }
}

const FINISHED: readonly StoredRunStatus[] = ['done', 'stopped', 'error'];

export async function openRunStore(options: OpenOptions = {}): Promise<RunStore> {
  const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const now = options.now ?? Date.now;
  if (!factory) {
    throw new StoreError('unavailable', 'This browser offers no IndexedDB: runs are kept in memory only.');
  }
  let db: IDBPDatabase<Schema>;
  try {
    // idb's openDB always uses the global factory; this is its open with ours (`wrap` gives idb's API).
    const request = factory.open(options.name ?? DB_NAME, DB_VERSION);
    request.onupgradeneeded = (e) => upgrade(wrap(request.result) as IDBPDatabase<Schema>, e.oldVersion);
    db = (await wrap(request)) as IDBPDatabase<Schema>;
  } catch (err) {
    throw new StoreError(
      'unavailable',
      `Saved runs are unavailable (${errorName(err) || String(err)}; a private window allows no storage): ` +
        `runs are kept in memory only.`,
      { cause: err },
    );
  }

  const guard = async <T>(doing: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (err) {
      throw toStoreError(err, doing);
    }
  };

  async function writeCheckpoint(c: StoredCheckpoint): Promise<void> {
    const tx = db.transaction(['checkpoints', 'runs'], 'readwrite');
    const done = tx.done;
    try {
      const run = await tx.objectStore('runs').get(c.runId);
      // A run deleted while it trained keeps no checkpoint.
      if (run) {
        await tx.objectStore('checkpoints').put(c);
        await tx.objectStore('runs').put({ ...run, checkpointEpoch: c.epoch, updatedAt: now() });
      }
    } catch (err) {
      done.catch(() => {}); // the abort is reported once, by the throw below
      if (!isAborted(tx)) tx.abort();
      throw err;
    }
    await done;
  }

  /** Drops the checkpoints of finished runs other than `keep`, oldest first; returns their run ids. */
  async function evictFinished(keep: number): Promise<number[]> {
    const runs = (await db.getAll('runs')).filter((r) => r.id !== keep && FINISHED.includes(r.status));
    const ids = new Set(await db.getAllKeys('checkpoints'));
    const victims = runs
      .filter((r) => ids.has(r.id))
      .sort((a, b) => a.updatedAt - b.updatedAt)
      .map((r) => r.id);
    if (victims.length === 0) return [];
    const tx = db.transaction(['checkpoints', 'runs'], 'readwrite');
    for (const id of victims) {
      void tx.objectStore('checkpoints').delete(id);
      const run = runs.find((r) => r.id === id)!;
      void tx.objectStore('runs').put({ ...run, checkpointEpoch: null });
    }
    await tx.done;
    return victims;
  }

  return {
    listRuns: () =>
      guard('reading saved runs', async () => {
        const raw: unknown[] = await db.getAll('runs');
        const runs = raw.filter((r): r is StoredRun => runShape.safeParse(r).success);
        runs.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        return { runs, unreadable: raw.length - runs.length };
      }),

    getRun: (id) =>
      guard('reading a run', async () => {
        const r: unknown = await db.get('runs', id);
        return runShape.safeParse(r).success ? (r as StoredRun) : null;
      }),

    addRun: (run) =>
      guard('saving a new run', async () => {
        const t = now();
        // `id` is filled in by the store's key generator.
        const value = { ...run, checkpointEpoch: null, createdAt: t, updatedAt: t } as Omit<StoredRun, 'id'>;
        const id = await db.add('runs', value as StoredRun);
        return { ...value, id };
      }),

    updateRun: (id, patch) =>
      guard('saving a run', async () => {
        const tx = db.transaction('runs', 'readwrite');
        const run = await tx.store.get(id);
        if (!run) {
          await tx.done;
          return null;
        }
        const next: StoredRun = { ...run, ...patch, id, updatedAt: now() };
        await tx.store.put(next);
        await tx.done;
        return next;
      }),

    deleteRun: (id) =>
      guard('deleting a run', async () => {
        const tx = db.transaction(['runs', 'checkpoints', 'datasets'], 'readwrite');
        const runs = tx.objectStore('runs');
        const run = await runs.get(id);
        await runs.delete(id);
        await tx.objectStore('checkpoints').delete(id);
        if (run) {
          const key = datasetKey(run.data);
          const others = (await runs.getAll()).some((r) => datasetKey(r.data) === key);
          if (!others) await tx.objectStore('datasets').delete(key);
        }
        await tx.done;
      }),

    clearAll: () =>
      guard('clearing saved runs', async () => {
        const tx = db.transaction(['runs', 'checkpoints', 'datasets'], 'readwrite');
        await Promise.all([
          tx.objectStore('runs').clear(),
          tx.objectStore('checkpoints').clear(),
          tx.objectStore('datasets').clear(),
          tx.done,
        ]);
      }),

    putCheckpoint: (c) =>
      guard(`saving the checkpoint of run ${c.runId}`, async () => {
        try {
          await writeCheckpoint(c);
          return { evicted: [] };
        } catch (err) {
          if (toStoreError(err, '').kind !== 'quota') throw err;
          const evicted = await evictFinished(c.runId);
          if (evicted.length === 0) throw err;
          await writeCheckpoint(c);
          return { evicted };
        }
      }),

    getCheckpoint: (runId) =>
      guard('reading a checkpoint', async () => {
        const c: unknown = await db.get('checkpoints', runId);
        return checkpointShape.safeParse(c).success ? (c as StoredCheckpoint) : null;
      }),

    putDataset: (d) =>
      guard(`saving the dataset ${d.source.kind === 'upload' ? d.source.name : 'demo'}`, async () => {
        await db.put('datasets', d);
      }),

    getDataset: (key) =>
      guard('reading a saved dataset', async () => (await db.get('datasets', key)) ?? null),

    hasDataset: (key) => guard('reading a saved dataset', async () => (await db.count('datasets', key)) > 0),

    close: () => db.close(),
  };
}

function isAborted(tx: { error: DOMException | null }): boolean {
  try {
    return tx.error !== null;
  } catch {
    return true; // reading `error` of an unfinished transaction throws in some engines
  }
}
