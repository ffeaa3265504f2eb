/**
 * What survives a reload: datasets, runs (settings, epoch curves, final metrics, status) and each run's
 * latest checkpoint, in IndexedDB (idb). Runs on the page, not in the worker: the worker may crash and take
 * its memory with it, the page stays.
 *
 * Every failure becomes a `StoreError` (see `storeError.ts`). Callers keep their in-memory copy when a write
 * fails, so nothing is lost but persistence. The records are in `storedRecords.ts`, the database in
 * `runDb.ts`, what happens when the quota is spent in `checkpointQuota.ts`.
 */
import { evictFinished, writeMakingRoom } from './checkpointQuota';
import { isAborted, openRunDb } from './runDb';
import { toStoreError } from './storeError';
import {
  datasetKey,
  isStoredCheckpoint,
  isStoredRun,
  type NewRun,
  type RunPatch,
  type StoredCheckpoint,
  type StoredDataset,
  type StoredRun,
} from './storedRecords';

// The store's public names, wherever they live.
export { DB_NAME, DB_VERSION } from './runDb';
export { StoreError, toStoreError, type StoreErrorKind } from './storeError';
export {
  datasetKey,
  type NewRun,
  type RunPatch,
  type StoredCheckpoint,
  type StoredDataset,
  type StoredRun,
  type StoredRunStatus,
} from './storedRecords';

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

export async function openRunStore(options: OpenOptions = {}): Promise<RunStore> {
  const factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  const now = options.now ?? Date.now;
  const db = await openRunDb(factory, options.name);

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

  return {
    listRuns: () =>
      guard('reading saved runs', async () => {
        const raw: unknown[] = await db.getAll('runs');
        const runs = raw.filter(isStoredRun);
        runs.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        return { runs, unreadable: raw.length - runs.length };
      }),

    getRun: (id) =>
      guard('reading a run', async () => {
        const r: unknown = await db.get('runs', id);
        return isStoredRun(r) ? r : null;
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
      guard(`saving the checkpoint of run ${c.runId}`, () =>
        writeMakingRoom(
          () => writeCheckpoint(c),
          () => evictFinished(db, c.runId),
        ),
      ),

    getCheckpoint: (runId) =>
      guard('reading a checkpoint', async () => {
        const c: unknown = await db.get('checkpoints', runId);
        return isStoredCheckpoint(c) ? c : null;
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
