/**
 * The page's side of persistence: opens the run store, records the runs this page trains (settings, epochs,
 * outcome, latest checkpoint), lists them, and says which unfinished run can be continued.
 *
 * The latest checkpoint of the run in progress is also kept in memory, so a worker crash can be continued
 * from even when storage is full or unavailable (the store's error is shown; the run is not lost).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SplitConfig } from '../data/split';
import type { Dataset } from '../data/types';
import type { DemoOptions } from '../data/demo';
import { demoOptionsOf, type DataSourceRef, type LoadOutcome } from '../engine/importProtocol';
import type { TrainEvent, TrainOutcome } from '../engine/protocol';
import { datasetKey, openRunStore, type RunPatch, type RunStore, type StoredRun } from '../state/store';
import { continueOffer, type ContinueOffer } from './resumePlan';
import {
  eventPatch,
  LIVE_STATUS,
  newStoredRun,
  newerCheckpoint,
  notSavedHere,
  outcomePatch,
  storeWording,
  type RunMeta,
} from './savedRunRecords';
import type { CtrEpochReport } from '../engine/train/ctr';

export type { RunMeta } from './savedRunRecords';

export interface RunTracker {
  onEvent(event: TrainEvent): void;
  onOutcome(outcome: TrainOutcome): void;
}

/** The worker calls that load data (a subset of `WorkerApi`). */
export interface DataLoader {
  loadDemo(options: Partial<DemoOptions>, split?: SplitConfig): Promise<LoadOutcome>;
  loadDataset(dataset: Dataset, source: DataSourceRef, split: SplitConfig): Promise<LoadOutcome>;
}

export interface StorageUse {
  readonly usage: number;
  readonly quota: number;
}

export interface RunStoreState {
  /** False until the store opened (or failed to). */
  readonly ready: boolean;
  readonly runs: readonly StoredRun[];
  /** The latest storage problem, worded for the user (null: none). */
  readonly error: string | null;
  readonly storage: StorageUse | null;
  readonly offer: ContinueOffer | null;
  /** Starts recording a run; `resume` continues the stored run with that id instead of adding one. */
  track(meta: RunMeta, resume?: number): RunTracker;
  /** The worker died: the run in progress is marked interrupted (and can be continued). */
  crashed(message: string): void;
  /** The checkpoint to continue the run from: the one in memory if it is newer, else the stored one. */
  checkpointOf(runId: number): Promise<Uint8Array | null>;
  /** Loads a dataset into the worker again: the demo from its seed, an upload from the store. */
  loadSource(api: DataLoader, source: DataSourceRef, split: SplitConfig): Promise<LoadOutcome>;
  remove(runId: number): void;
  clear(): void;
  dismissOffer(): void;
}

export function useRunStore(): RunStoreState {
  const store = useRef<RunStore | null>(null);
  const [ready, setReady] = useState(false);
  const [runs, setRuns] = useState<readonly StoredRun[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [storage, setStorage] = useState<StorageUse | null>(null);
  const [dismissed, setDismissed] = useState<number | null>(null);
  // The run this page is training (stored id), and its latest checkpoint in memory.
  const [activeId, setActiveId] = useState<number | null>(null);
  const active = useRef<{ id: Promise<number | null>; status: string } | null>(null);
  const memory = useRef<{ runId: number; epoch: number; bytes: Uint8Array } | null>(null);
  // Writes go one after another, in the order the events came.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const refresh = useCallback(async () => {
    const s = store.current;
    if (!s) return;
    try {
      const list = await s.listRuns();
      setRuns(list.runs);
      if (list.unreadable > 0)
        setError(`${list.unreadable} saved run(s) could not be read and are not shown.`);
    } catch (err) {
      setError(storeWording(err));
    }
    const estimate = await navigator.storage?.estimate?.().catch(() => null);
    if (estimate?.quota) setStorage({ usage: estimate.usage ?? 0, quota: estimate.quota });
  }, []);

  const enqueue = useCallback(
    (write: (s: RunStore) => Promise<unknown>) => {
      queue.current = queue.current.then(async () => {
        const s = store.current;
        if (!s) return;
        try {
          await write(s);
        } catch (err) {
          setError(storeWording(err));
        }
        await refresh();
      });
    },
    [refresh],
  );

  useEffect(() => {
    let alive = true;
    openRunStore()
      .then(async (s) => {
        if (!alive) return s.close();
        store.current = s;
        // Runs left training or paused by an earlier page (a reload, a closed tab) ended there.
        const { runs: stored } = await s.listRuns();
        for (const r of stored.filter((x) => LIVE_STATUS.has(x.status))) {
          await s.updateRun(r.id, { status: 'interrupted' });
        }
        await refresh();
      })
      .catch((err: unknown) => setError(storeWording(err)))
      .finally(() => alive && setReady(true));
    return () => {
      alive = false;
      store.current?.close();
      store.current = null;
    };
  }, [refresh]);

  const track = useCallback(
    (meta: RunMeta, resume?: number): RunTracker => {
      const record = newStoredRun(meta);
      let epochs: readonly CtrEpochReport[] = [];
      let resolveId: (id: number | null) => void = () => {};
      const id = new Promise<number | null>((r) => (resolveId = r));
      const entry = { id, status: 'training' };
      active.current = entry;
      memory.current = null;
      const patch = (p: RunPatch) =>
        enqueue(async (s) => {
          const runId = await id;
          if (runId !== null) await s.updateRun(runId, p);
        });

      enqueue(async (s) => {
        try {
          if (resume !== undefined) {
            await s.updateRun(resume, { status: 'training', error: null, backend: meta.backend });
            resolveId(resume);
          } else {
            const run = await s.addRun(record);
            resolveId(run.id);
          }
          if (meta.data.kind === 'upload' && !(await s.hasDataset(datasetKey(meta.data)))) {
            const dataset = await meta.snapshotDataset();
            if (dataset) {
              await s.putDataset({
                key: datasetKey(meta.data),
                source: meta.data,
                dataset,
                savedAt: Date.now(),
              });
            }
          }
        } finally {
          resolveId(null); // no-op once resolved; unblocks the run's other writes if adding it failed
        }
      });
      void id.then((runId) => active.current === entry && setActiveId(runId));

      return {
        onEvent(e) {
          const change = eventPatch(e, epochs, entry.status);
          if (change) {
            epochs = change.epochs ?? epochs;
            entry.status = change.status ?? entry.status;
            patch(change);
          } else if (e.type === 'checkpoint' && LIVE_STATUS.has(entry.status)) {
            const { epoch, step, bytes } = e;
            void id.then((runId) => {
              if (runId === null) return;
              memory.current = { runId, epoch, bytes };
              enqueue((s) => s.putCheckpoint({ runId, epoch, step, bytes, savedAt: Date.now() }));
            });
          }
        },
        onOutcome(o) {
          if (active.current === entry) active.current = null;
          entry.status = o.type;
          patch(outcomePatch(o));
          void id.then(() => active.current === null && setActiveId(null));
        },
      };
    },
    [enqueue],
  );

  const crashed = useCallback(
    (message: string) => {
      const entry = active.current;
      if (!entry) return;
      active.current = null;
      setActiveId(null);
      setDismissed(null);
      enqueue(async (s) => {
        const runId = await entry.id;
        if (runId !== null) await s.updateRun(runId, { status: 'interrupted', error: message });
      });
    },
    [enqueue],
  );

  const checkpointOf = useCallback(async (runId: number) => {
    const stored = await store.current?.getCheckpoint(runId).catch(() => null);
    return newerCheckpoint(stored, memory.current?.runId === runId ? memory.current : null);
  }, []);

  const loadSource = useCallback(
    async (api: DataLoader, source: DataSourceRef, split: SplitConfig): Promise<LoadOutcome> => {
      if (source.kind === 'demo') {
        return api.loadDemo(demoOptionsOf(source), split);
      }
      const stored = await store.current?.getDataset(datasetKey(source)).catch(() => null);
      if (!stored?.dataset) return notSavedHere(source);
      return api.loadDataset(stored.dataset, source, split);
    },
    [],
  );

  const remove = useCallback((runId: number) => enqueue((s) => s.deleteRun(runId)), [enqueue]);
  const clear = useCallback(() => {
    setError(null);
    enqueue((s) => s.clearAll());
  }, [enqueue]);

  const offer = useMemo(() => {
    const o = continueOffer(runs, activeId);
    return o && o.run.id !== dismissed ? o : null;
  }, [runs, activeId, dismissed]);

  return {
    ready,
    runs,
    error,
    storage,
    offer,
    track,
    crashed,
    checkpointOf,
    loadSource,
    remove,
    clear,
    dismissOffer: () => setDismissed(offer?.run.id ?? null),
  };
}
