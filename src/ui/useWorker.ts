/**
 * The training worker's life on the page: started on mount, ended on unmount, and replaced at once when it
 * crashes (or dies unnoticed: `startWorker` waits on its Web Lock), so the app stays usable. The rest of the
 * page reaches it only through `current()` and the forwarding APIs here, which read whichever worker is
 * running when they are called.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExportApi } from './export/ExportPanel';
import type { ExplainApi, SequenceApi } from './views/explainApi';
import type { AttentionApi } from './views/useAttention';
import { Comlink, startWorker, type WorkerClient } from './workerClient';

export type WorkerRemote = WorkerClient['api'];

/** Told after a crashed worker was replaced: why it stopped, and its replacement (already running). */
export type CrashListener = (message: string, next: WorkerRemote) => void;

export interface WorkerHandle {
  /**
   * The running worker, or null when none (before mount, after unmount). A reply that arrives after
   * `current()` changed came from a replaced worker and is dropped.
   */
  current(): WorkerRemote | null;
  /** The running worker, for a call the user asked for (there is one whenever the page is up). */
  running(): WorkerRemote;
  /** Counts the replacements: an effect that sets the worker up (its backend) runs again for a new one. */
  readonly generation: number;
  /** Calls `listener` (its latest version) after each crash; the registrations of `useWorkerCrash`. */
  subscribe(listener: { readonly current: CrashListener }): () => void;
  /** What the explain views need of the worker. */
  readonly attentionApi: AttentionApi & ExplainApi & SequenceApi;
  /** What the export panel needs of the worker. */
  readonly exportApi: ExportApi;
}

export function useWorker(): WorkerHandle {
  const client = useRef<WorkerClient | null>(null);
  const listeners = useRef(new Set<{ readonly current: CrashListener }>());
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const connect = (): WorkerClient => {
      const c = startWorker();
      client.current = c;
      c.onCrash((message) => {
        if (client.current !== c) return;
        c.terminate();
        const next = connect();
        setGeneration((g) => g + 1);
        const text = `The training worker stopped: ${message}`;
        listeners.current.forEach((l) => l.current(text, next.api));
      });
      return c;
    };
    connect();
    return () => {
      const last = client.current;
      client.current = null;
      last?.terminate();
    };
  }, []);

  const current = useCallback(() => client.current?.api ?? null, []);
  const running = useCallback(() => {
    if (!client.current) throw new Error('The training worker is not running.');
    return client.current.api;
  }, []);
  const subscribe = useCallback((listener: { readonly current: CrashListener }) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  const attentionApi = useMemo<AttentionApi & ExplainApi & SequenceApi>(
    () => ({
      explainAttention: (request) => running().explainAttention(request),
      searchExamples: (request) => running().searchExamples(request),
      embeddingMap: (request) => running().embeddingMap(request),
      recommend: (request) => running().recommend(request),
      explainSequence: (request) => running().explainSequence(request),
      explainGraph: (request) => running().explainGraph(request),
      plantedVsLearned: (request) => running().plantedVsLearned(request),
    }),
    [running],
  );
  const exportApi = useMemo<ExportApi>(
    () => ({
      exportModel: (runId) => running().exportModel(runId),
      exportEmbeddings: (runId) => running().exportEmbeddings(runId),
      exportPredictions: (request) => running().exportPredictions(request),
      exportDataset: () => running().exportDataset(),
      importModel: (bytes, runId) => running().importModel(Comlink.transfer(bytes, [bytes.buffer]), runId),
    }),
    [running],
  );

  return useMemo(
    () => ({ current, running, generation, subscribe, attentionApi, exportApi }),
    [current, running, generation, subscribe, attentionApi, exportApi],
  );
}

/** Runs `listener` (its latest version, like an event handler) after each worker crash and replacement. */
export function useWorkerCrash(worker: WorkerHandle, listener: CrashListener): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  const { subscribe } = worker;
  useEffect(() => subscribe(latest), [subscribe]);
}
