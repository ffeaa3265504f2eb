/**
 * The dataset the worker holds: what the Dataset card shows, what a run records (its source, split and
 * label rule), and how it is built again in a new worker after a crash (from the run store, or by reading
 * an upload's files again when the store could not keep it).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LabelRule } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { DemoOptions } from '../data/demo';
import { DEFAULT_SPLIT_CONFIG, type DataSourceRef, type LoadOutcome } from '../engine/importProtocol';
import type { FileLike } from '../engine/protocol';
import type { LoadedDataset } from './DatasetPanel';
import type { ImportApi } from './import/ImportPanel';
import type { RunStoreState } from './useRunStore';
import { useWorkerCrash, type WorkerHandle } from './useWorker';
import { Comlink } from './workerClient';

export type LoadedOk = Extract<LoadOutcome, { type: 'ok' }>;

/** What the worker's dataset was built from. */
export interface DataOrigin {
  readonly source: DataSourceRef;
  readonly split: SplitConfig;
  readonly label: LabelRule | null;
}

export interface DatasetState {
  /** The dataset shown (null until the first load). */
  readonly dataset: LoadedDataset | null;
  /** Why the last load failed (null: it did not). */
  readonly error: string | null;
  /** What the worker holds now (null before the first load), read at call time. */
  origin(): DataOrigin | null;
  /** Shows a loaded dataset as the current one. */
  show(out: LoadedOk): void;
  fail(message: string): void;
  loadDemo(options?: Partial<DemoOptions>): void;
  /** The import panel's worker calls; they remember the files, to read them again after a crash. */
  readonly importApi: ImportApi;
}

/** What the worker was last given to build the dataset from, to rebuild it in a new worker after a crash. */
interface LastImport {
  readonly files: readonly FileLike[];
  readonly mapping: Parameters<ImportApi['loadImport']>[0];
  readonly split: Parameters<ImportApi['loadImport']>[1];
}

export function useDataset(worker: WorkerHandle, loadSource: RunStoreState['loadSource']): DatasetState {
  const [dataset, setDataset] = useState<LoadedDataset | null>(null);
  const [error, setError] = useState<string | null>(null);
  const source = useRef<DataSourceRef | null>(null);
  const split = useRef(DEFAULT_SPLIT_CONFIG);
  const label = useRef<LoadedDataset['label']>(null);
  const lastRead = useRef<readonly FileLike[]>([]);
  const lastImport = useRef<LastImport | null>(null);

  const show = useCallback((out: LoadedOk) => {
    source.current = out.source;
    split.current = out.splitConfig;
    label.current = out.label;
    setError(null);
    setDataset(out);
  }, []);

  const { current, running } = worker;
  const loadDemo = useCallback(
    (options: Partial<DemoOptions> = {}) => {
      current()
        ?.loadDemo(options)
        .then((out) => (out.type === 'ok' ? show(out) : setError(out.issue.message)))
        .catch((e: unknown) => setError(String(e)));
    },
    [current, show],
  );

  const importApi = useMemo<ImportApi>(
    () => ({
      readImport: (files, onProgress) => {
        lastRead.current = files;
        return running().readImport(files, Comlink.proxy(onProgress));
      },
      loadImport: async (mapping, splitConfig) => {
        const files = lastRead.current;
        const out = await running().loadImport(mapping, splitConfig);
        if (out.type === 'ok') lastImport.current = { files, mapping, split: splitConfig };
        return out;
      },
    }),
    [running],
  );

  useWorkerCrash(worker, (_message, next) => {
    const src = source.current;
    if (!src) return;
    void loadSource(next, src, split.current)
      .then(async (out) => {
        // An upload the store could not keep (private window, full disk): read its files again.
        const last = lastImport.current;
        if (out.type === 'ok' || src.kind !== 'upload' || !last) return out;
        const read = await next.readImport(
          last.files,
          Comlink.proxy(() => {}),
        );
        return read.type === 'ok' ? next.loadImport(last.mapping, last.split) : out;
      })
      .then((out) => {
        if (out.type !== 'ok') return setError(out.issue.message);
        // The same data again: keep the import report its first load gave (a stored copy has none).
        setDataset((prev) => (prev && out.report === null ? { ...out, report: prev.report } : out));
        source.current = out.source;
      });
  });

  const origin = useCallback(
    (): DataOrigin | null =>
      source.current && { source: source.current, split: split.current, label: label.current },
    [],
  );

  return useMemo(
    () => ({ dataset, error, origin, show, fail: setError, loadDemo, importApi }),
    [dataset, error, origin, show, loadDemo, importApi],
  );
}
