import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../data/types';
import { DEFAULT_SPLIT_CONFIG } from '../engine/importProtocol';
import {
  DB_VERSION,
  StoreError,
  datasetKey,
  openRunStore,
  toStoreError,
  type NewRun,
  type RunStore,
} from './store';
import type { CtrEpochReport } from '../engine/train/ctr';

let clock = 1000;
const now = () => ++clock;
const opened: RunStore[] = [];

/** A fresh, empty IndexedDB per test. */
async function fresh(factory = new IDBFactory()) {
  const store = await openRunStore({ factory, now });
  opened.push(store);
  return { store, factory };
}

afterEach(() => {
  opened.splice(0).forEach((s) => s.close());
  vi.restoreAllMocks();
});

const report = (epoch: number, auc: number): CtrEpochReport => ({
  epoch,
  trainLoss: 0.6,
  valid: { auc, gauc: auc - 0.01, logloss: 0.55 },
  trainSeconds: 1,
  evalSeconds: 0.1,
  rowsPerSec: 1000,
});

function newRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    modelId: 'dnn',
    modelConfig: { embeddingDim: 8 },
    trainConfig: { epochs: 3 },
    data: { kind: 'demo', seed: 42, users: 2000, items: 3000 },
    split: DEFAULT_SPLIT_CONFIG,
    label: null,
    backend: 'auto',
    backendUsed: null,
    status: 'training',
    totalEpochs: 3,
    epochs: [],
    result: null,
    error: null,
    ...overrides,
  };
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

describe('run store', () => {
  it('adds runs with increasing ids, lists them newest first, updates and survives a reopen', async () => {
    const { store, factory } = await fresh();
    const a = await store.addRun(newRun());
    const b = await store.addRun(newRun({ modelId: 'lr' }));
    expect(b.id).toBeGreaterThan(a.id);
    expect(a.checkpointEpoch).toBeNull();
    const updated = await store.updateRun(a.id, { epochs: [report(1, 0.7)], status: 'done' });
    expect(updated?.epochs).toHaveLength(1);
    expect(updated!.updatedAt).toBeGreaterThan(a.updatedAt);
    expect(await store.updateRun(999, { status: 'done' })).toBeNull();
    store.close();

    const again = await openRunStore({ factory, now });
    opened.push(again);
    const { runs, unreadable } = await again.listRuns();
    expect(runs.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(runs[1]).toMatchObject({ status: 'done', epochs: [{ epoch: 1, valid: { auc: 0.7 } }] });
    expect(unreadable).toBe(0);
  });

  it('creates version DB_VERSION with the three stores', async () => {
    const factory = new IDBFactory();
    (await fresh(factory)).store.close();
    const req = factory.open('recplay');
    const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['checkpoints', 'datasets', 'runs']);
    db.close();
  });

  it('skips records it cannot read instead of failing the list', async () => {
    const { store, factory } = await fresh();
    await store.addRun(newRun());
    store.close();
    const req = factory.open('recplay');
    const db = await new Promise<IDBDatabase>((resolve) => (req.onsuccess = () => resolve(req.result)));
    await new Promise<void>((resolve) => {
      const tx = db.transaction('runs', 'readwrite');
      tx.objectStore('runs').put({ id: 77, modelId: 5, status: 'weird' });
      tx.oncomplete = () => resolve();
    });
    db.close();
    const again = await openRunStore({ factory, now });
    opened.push(again);
    const { runs, unreadable } = await again.listRuns();
    expect(runs).toHaveLength(1);
    expect(unreadable).toBe(1);
    expect(await again.getRun(77)).toBeNull();
  });

  it('keeps one checkpoint per run, records its epoch on the run, and deletes it with the run', async () => {
    const { store } = await fresh();
    const run = await store.addRun(newRun());
    await store.putCheckpoint({ runId: run.id, epoch: 1, step: 10, bytes: bytes(64, 1), savedAt: now() });
    await store.putCheckpoint({ runId: run.id, epoch: 2, step: 20, bytes: bytes(64, 2), savedAt: now() });
    const c = await store.getCheckpoint(run.id);
    expect(c).toMatchObject({ epoch: 2, step: 20 });
    expect(c!.bytes).toBeInstanceOf(Uint8Array);
    expect(c!.bytes[0]).toBe(2);
    expect((await store.getRun(run.id))!.checkpointEpoch).toBe(2);

    await store.deleteRun(run.id);
    expect(await store.getRun(run.id)).toBeNull();
    expect(await store.getCheckpoint(run.id)).toBeNull();
    // A late checkpoint of the deleted run (it was still training) is not kept.
    await store.putCheckpoint({ runId: run.id, epoch: 3, step: 30, bytes: bytes(64, 3), savedAt: now() });
    expect(await store.getCheckpoint(run.id)).toBeNull();
  });

  it('stores an upload as its typed arrays and drops it with the last run that uses it', async () => {
    const { store } = await fresh();
    const source = { kind: 'upload', name: 'ratings.csv', hash: 'abcdef0123456789' } as const;
    const dataset = {
      name: 'ratings.csv',
      numUsers: 2,
      numItems: 2,
      interactions: {
        user: Int32Array.of(0, 1),
        item: Int32Array.of(1, 0),
        timestamp: Float64Array.of(1.5e9, 1.6e9),
        label: Float32Array.of(1, 0),
      },
    } as unknown as Dataset;
    await store.putDataset({ key: datasetKey(source), source, dataset, savedAt: now() });
    const a = await store.addRun(newRun({ data: source }));
    const b = await store.addRun(newRun({ data: source }));
    const back = await store.getDataset('upload:abcdef0123456789');
    expect(back!.dataset!.interactions.timestamp).toBeInstanceOf(Float64Array);
    expect(Array.from(back!.dataset!.interactions.item)).toEqual([1, 0]);

    await store.deleteRun(a.id);
    expect(await store.hasDataset(datasetKey(source))).toBe(true);
    await store.deleteRun(b.id);
    expect(await store.getDataset(datasetKey(source))).toBeNull();
  });

  it('clears everything', async () => {
    const { store } = await fresh();
    const run = await store.addRun(newRun());
    await store.putCheckpoint({ runId: run.id, epoch: 1, step: 5, bytes: bytes(8, 1), savedAt: now() });
    await store.clearAll();
    expect((await store.listRuns()).runs).toEqual([]);
    expect(await store.getCheckpoint(run.id)).toBeNull();
  });
});

describe('run store failures', () => {
  it('a quota error on a checkpoint evicts finished runs’ checkpoints, oldest first, then succeeds', async () => {
    const { store } = await fresh();
    const old = await store.addRun(newRun({ status: 'done' }));
    const live = await store.addRun(newRun());
    await store.putCheckpoint({ runId: old.id, epoch: 3, step: 30, bytes: bytes(64, 3), savedAt: now() });
    await store.putCheckpoint({ runId: live.id, epoch: 1, step: 10, bytes: bytes(64, 1), savedAt: now() });

    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    let failures = 1;
    put.mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'checkpoints' && failures-- > 0) throw quotaError();
      return callOriginal(this, args);
    });

    const { evicted } = await store.putCheckpoint({
      runId: live.id,
      epoch: 2,
      step: 20,
      bytes: bytes(64, 2),
      savedAt: now(),
    });
    expect(evicted).toEqual([old.id]);
    expect(await store.getCheckpoint(old.id)).toBeNull();
    expect((await store.getRun(old.id))!.checkpointEpoch).toBeNull();
    expect(await store.getCheckpoint(live.id)).toMatchObject({ epoch: 2 });
  });

  it('a quota error with nothing to evict is a typed error and leaves the last checkpoint intact', async () => {
    const { store } = await fresh();
    const run = await store.addRun(newRun());
    await store.putCheckpoint({ runId: run.id, epoch: 1, step: 10, bytes: bytes(64, 1), savedAt: now() });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const attempt = store.putCheckpoint({
      runId: run.id,
      epoch: 2,
      step: 20,
      bytes: bytes(64, 2),
      savedAt: now(),
    });
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({ kind: 'quota', message: expect.stringMatching(/full/) });
    vi.restoreAllMocks();
    const kept = await store.getCheckpoint(run.id);
    expect(kept).toMatchObject({ epoch: 1 });
    expect(kept!.bytes[0]).toBe(1);
    expect((await store.getRun(run.id))!.checkpointEpoch).toBe(1);
  });

  it('a quota error on adding a run is typed too', async () => {
    const { store } = await fresh();
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw quotaError();
    });
    await expect(store.addRun(newRun())).rejects.toMatchObject({ kind: 'quota' });
  });

  it('IndexedDB that refuses to open (private mode) is "unavailable", not a crash', async () => {
    const refusing = {
      open: () => {
        throw new DOMException(
          'A mutation operation was attempted on a database that did not allow mutations.',
          'InvalidStateError',
        );
      },
    } as unknown as IDBFactory;
    await expect(openRunStore({ factory: refusing })).rejects.toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/InvalidStateError.*in memory only/),
    });
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')!;
    // @ts-expect-error -- simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    try {
      await expect(openRunStore()).rejects.toMatchObject({ kind: 'unavailable' });
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', saved);
    }
  });

  it('names other failures', () => {
    expect(toStoreError(new Error('disk on fire'), 'saving a run')).toMatchObject({
      kind: 'failed',
      message: 'Saving failed while saving a run: disk on fire',
    });
    expect(toStoreError({ code: 22 }, 'x').kind).toBe('quota');
  });
});

/** The un-mocked `put` (captured before any spy is installed). */
const ORIGINAL_PUT = IDBObjectStore.prototype.put;
function callOriginal(
  store: IDBObjectStore,
  args: Parameters<IDBObjectStore['put']>,
): IDBRequest<IDBValidKey> {
  return ORIGINAL_PUT.apply(store, args);
}
