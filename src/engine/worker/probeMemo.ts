/**
 * Auto's speed probes, remembered per device and model (issue 21: "the probe is paid once"): IndexedDB in the
 * browser's worker, a Map where there is none (Node, a private window) or it fails. A memo that cannot be read
 * or written only costs a new probe: it never fails a run.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { BackendName, SpeedProbeReport } from '../backendInfo';

/** What a probe decided: the figures and the backend they picked. */
export interface ProbeRecord {
  readonly pick: BackendName;
  readonly report: SpeedProbeReport;
}

export interface ProbeMemo {
  get(key: string): Promise<ProbeRecord | undefined>;
  set(key: string, record: ProbeRecord): Promise<void>;
}

interface SpeedDb extends DBSchema {
  probes: { key: string; value: ProbeRecord };
}

const DB_NAME = 'recplay-speed';

export function memoryMemo(): ProbeMemo {
  const map = new Map<string, ProbeRecord>();
  return {
    get: (key) => Promise.resolve(map.get(key)),
    set: (key, record) => {
      map.set(key, record);
      return Promise.resolve();
    },
  };
}

async function openSpeedDb(factory: IDBFactory): Promise<IDBPDatabase<SpeedDb>> {
  // idb's openDB uses the global factory; this is its open with the one passed (tests pass fake-indexeddb's).
  const request = factory.open(DB_NAME, 1);
  request.onupgradeneeded = () => request.result.createObjectStore('probes');
  return (await wrap(request)) as IDBPDatabase<SpeedDb>;
}

/** The IndexedDB memo of `factory` (the global one by default), backed by a Map when it is missing or fails. */
export function probeMemo(factory: IDBFactory | undefined = globalThis.indexedDB): ProbeMemo {
  const fallback = memoryMemo();
  if (!factory) return fallback;
  let db: Promise<IDBPDatabase<SpeedDb> | null> | null = null;
  const open = () => (db ??= openSpeedDb(factory).catch(() => null));
  return {
    async get(key) {
      const d = await open();
      if (!d) return fallback.get(key);
      return (await d.get('probes', key).catch(() => undefined)) ?? fallback.get(key);
    },
    async set(key, record) {
      await fallback.set(key, record);
      const d = await open();
      await d?.put('probes', record, key).catch(() => undefined);
    },
  };
}
