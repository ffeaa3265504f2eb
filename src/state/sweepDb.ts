/**
 * The sweeps the page keeps in IndexedDB, in a database of their own (`recplay-sweeps`, so the run store's
 * schema steps stay its own): each sweep (its spec, the form settings under it, the data, its status) and
 * each trial as it finishes, so a reload resumes the sweep where it was. What is read back is checked: another
 * version of the app, or a hand-edited DB, may have written it.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import * as z from 'zod/mini';
import type { BackendChoice } from '../engine/backendInfo';
import type { DataSourceRef } from '../engine/importProtocol';
import type { TrialRecord } from '../engine/sweep/runner';
import type { SweepSpec } from '../engine/sweep/samplers';
import { sweepFromWire, sweepToWire } from './sweepLink';
import { StoreError, errorName } from './storeError';

export const SWEEP_DB_NAME = 'recplay-sweeps';
export const SWEEP_DB_VERSION = 1;

/** 'running' and 'paused' as stored mean the page went away while the sweep ran. */
export type SweepStatus = 'running' | 'paused' | 'stopped' | 'done' | 'budget';

export interface StoredSweep {
  readonly id: number;
  readonly spec: SweepSpec;
  readonly modelId: string;
  /** The form's settings every trial starts from (the trial's values go over them). */
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly backend: BackendChoice;
  readonly data: DataSourceRef;
  readonly status: SweepStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface SweepDbSchema extends DBSchema {
  sweeps: { key: number; value: Omit<StoredSweep, 'spec'> & { spec: unknown } };
  trials: { key: [number, number]; value: TrialRecord & { sweepId: number }; indexes: { sweepId: number } };
}

type SweepDb = IDBPDatabase<SweepDbSchema>;

export interface SweepStore {
  /** Saves a sweep (a new one gets an id); returns it as stored. */
  saveSweep(s: Omit<StoredSweep, 'id' | 'createdAt' | 'updatedAt'> & { id?: number }): Promise<StoredSweep>;
  setStatus(id: number, status: SweepStatus): Promise<void>;
  putTrial(sweepId: number, trial: TrialRecord): Promise<void>;
  /** The latest sweep and its trials (in order, checked), or null. */
  latest(): Promise<{ sweep: StoredSweep; trials: TrialRecord[] } | null>;
  close(): void;
}

const trialCheck = z.object({
  index: z.number().check(z.int(), z.gte(0)),
  config: z.number().check(z.int(), z.gte(0)),
  rung: z.number().check(z.int(), z.gte(0)),
  values: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  epochs: z.number().check(z.int(), z.gte(1)),
  seed: z.number(),
  status: z.enum(['ok', 'failed', 'nan']),
  valid: z.nullable(z.number()),
  test: z.nullable(z.number()),
  validCurve: z.array(z.union([z.number(), z.nan()])),
  ms: z.number(),
});

export async function openSweepStore(
  factory: IDBFactory | undefined,
  options: { name?: string; now?: () => number } = {},
): Promise<SweepStore> {
  const now = options.now ?? Date.now;
  if (!factory)
    throw new StoreError('unavailable', 'This browser offers no IndexedDB: sweeps are kept in memory only.');
  let db: SweepDb;
  try {
    const request = factory.open(options.name ?? SWEEP_DB_NAME, SWEEP_DB_VERSION);
    request.onupgradeneeded = (e) => {
      const d = wrap(request.result) as SweepDb;
      if (e.oldVersion < 1) {
        d.createObjectStore('sweeps', { keyPath: 'id', autoIncrement: true });
        d.createObjectStore('trials', { keyPath: ['sweepId', 'index'] }).createIndex('sweepId', 'sweepId');
      }
    };
    db = (await wrap(request)) as SweepDb;
  } catch (err) {
    throw new StoreError('unavailable', `Sweeps cannot be saved (${errorName(err) || String(err)}).`, {
      cause: err,
    });
  }
  const read = async (raw: SweepDbSchema['sweeps']['value']): Promise<StoredSweep | null> => {
    const { sweep } = sweepFromWire(raw.spec);
    return sweep ? { ...raw, spec: sweep.spec } : null;
  };
  return {
    async saveSweep(s) {
      const t = now();
      const existing = s.id !== undefined ? await db.get('sweeps', s.id) : undefined;
      const record = {
        ...s,
        spec: sweepToWire({ spec: s.spec, summary: null }),
        createdAt: existing?.createdAt ?? t,
        updatedAt: t,
      };
      const id = (await db.put('sweeps', record as SweepDbSchema['sweeps']['value'])) as number;
      return { ...s, id, createdAt: record.createdAt, updatedAt: t };
    },
    async setStatus(id, status) {
      const tx = db.transaction('sweeps', 'readwrite');
      const s = await tx.store.get(id);
      if (s) await tx.store.put({ ...s, status, updatedAt: now() });
      await tx.done;
    },
    async putTrial(sweepId, trial) {
      await db.put('trials', { ...trial, sweepId });
    },
    async latest() {
      const cursor = await db.transaction('sweeps').store.openCursor(null, 'prev');
      if (!cursor) return null;
      const sweep = await read(cursor.value);
      if (!sweep) return null;
      const rows = await db.getAllFromIndex('trials', 'sweepId', sweep.id);
      const trials: TrialRecord[] = [];
      for (const row of rows.sort((a, b) => a.index - b.index)) {
        // Trials are recorded in order: stop at the first gap or unreadable one (the rest re-run from the seed).
        if (row.index !== trials.length || !trialCheck.safeParse(row).success) break;
        const trial: Partial<typeof row> = { ...row };
        delete trial.sweepId;
        trials.push(trial as TrialRecord);
      }
      return { sweep, trials };
    },
    close: () => db.close(),
  };
}
