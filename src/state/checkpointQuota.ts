/**
 * What the run store does when the disk budget is spent: checkpoints of finished runs are dropped, oldest
 * first, and the write that hit the quota is tried once more. A finished run keeps its curves and metrics;
 * only the means to continue it goes.
 */
import type { RunDb } from './runDb';
import { toStoreError } from './storeError';
import type { StoredRun, StoredRunStatus } from './storedRecords';

const FINISHED: readonly StoredRunStatus[] = ['done', 'stopped', 'error'];

/** The finished runs other than `keep` that hold a checkpoint, in eviction order (least recently updated first). */
export function evictionOrder(
  runs: readonly StoredRun[],
  checkpointIds: ReadonlySet<number>,
  keep: number,
): StoredRun[] {
  return runs
    .filter((r) => r.id !== keep && FINISHED.includes(r.status) && checkpointIds.has(r.id))
    .sort((a, b) => a.updatedAt - b.updatedAt);
}

/** Drops the checkpoints of finished runs other than `keep`, oldest first; returns their run ids. */
export async function evictFinished(db: RunDb, keep: number): Promise<number[]> {
  const victims = evictionOrder(await db.getAll('runs'), new Set(await db.getAllKeys('checkpoints')), keep);
  if (victims.length === 0) return [];
  const tx = db.transaction(['checkpoints', 'runs'], 'readwrite');
  for (const run of victims) {
    void tx.objectStore('checkpoints').delete(run.id);
    void tx.objectStore('runs').put({ ...run, checkpointEpoch: null });
  }
  await tx.done;
  return victims.map((r) => r.id);
}

/**
 * Runs `write`; when it fails on the quota, `makeRoom` and try once more. Any other failure, or a quota
 * failure with no room to make, is thrown as it came.
 */
export async function writeMakingRoom(
  write: () => Promise<void>,
  makeRoom: () => Promise<number[]>,
): Promise<{ evicted: number[] }> {
  try {
    await write();
    return { evicted: [] };
  } catch (err) {
    if (toStoreError(err, '').kind !== 'quota') throw err;
    const evicted = await makeRoom();
    if (evicted.length === 0) throw err;
    await write();
    return { evicted };
  }
}
