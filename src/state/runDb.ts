/**
 * The IndexedDB database behind the run store: its name, version, object stores and their upgrade steps,
 * and opening it with any `IDBFactory` (tests pass fake-indexeddb's).
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { StoreError, errorName } from './storeError';
import type { StoredCheckpoint, StoredDataset, StoredRun } from './storedRecords';

export const DB_NAME = 'recplay';
/** Bump with a new step in `upgrade` whenever a store or index changes. */
export const DB_VERSION = 1;

export interface RunDbSchema extends DBSchema {
  runs: { key: number; value: StoredRun; indexes: { updatedAt: number } };
  checkpoints: { key: number; value: StoredCheckpoint };
  datasets: { key: string; value: StoredDataset };
}

export type RunDb = IDBPDatabase<RunDbSchema>;

/** Schema steps: each `oldVersion < n` block upgrades from n - 1 to n. */
function upgrade(db: RunDb, oldVersion: number): void {
  if (oldVersion < 1) {
    const runs = db.createObjectStore('runs', { keyPath: 'id', autoIncrement: true });
    runs.createIndex('updatedAt', 'updatedAt');
    db.createObjectStore('checkpoints', { keyPath: 'runId' });
    db.createObjectStore('datasets', { keyPath: 'key' });
  }
}

/** Opens (creating or upgrading) the database; a `StoreError` of kind 'unavailable' when it cannot. */
export async function openRunDb(factory: IDBFactory | undefined, name: string = DB_NAME): Promise<RunDb> {
  if (!factory) {
    throw new StoreError('unavailable', 'This browser offers no IndexedDB: runs are kept in memory only.');
  }
  try {
    // idb's openDB always uses the global factory; this is its open with ours (`wrap` gives idb's API).
    const request = factory.open(name, DB_VERSION);
    request.onupgradeneeded = (e) => upgrade(wrap(request.result) as RunDb, e.oldVersion);
    return (await wrap(request)) as RunDb;
  } catch (err) {
    throw new StoreError(
      'unavailable',
      `Saved runs are unavailable (${errorName(err) || String(err)}; a private window allows no storage): ` +
        `runs are kept in memory only.`,
      { cause: err },
    );
  }
}

/** Whether the transaction has already failed (and so must not be aborted again). */
export function isAborted(tx: { error: DOMException | null }): boolean {
  try {
    return tx.error !== null;
  } catch {
    return true; // reading `error` of an unfinished transaction throws in some engines
  }
}
