/**
 * Training from the page: train, pause / resume, stop, continue a stored run from its checkpoint, and the run
 * a demo link trains by itself. The run's state is `runReducer`'s (runState.ts); each run is recorded in the
 * run store as it goes. Also the worker's backend, which every run reports.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { BackendInfo } from '../engine/backendInfo';
import type { TrainEvent } from '../engine/protocol';
import { linkRun, type ContinueOffer } from './resumePlan';
import { IDLE_RUN, runReducer, type RunRecord, type RunState } from './runState';
import type { DatasetState } from './useDataset';
import type { ExperimentState, RunSettings } from './useExperiment';
import type { RunStoreState } from './useRunStore';
import { useWorkerCrash, type WorkerHandle } from './useWorker';
import { Comlink } from './workerClient';

export interface RunControls {
  readonly run: RunState;
  /** A run is under way (training, paused or stopping): the settings are locked. */
  readonly training: boolean;
  /** The backend the worker runs (null while it starts). */
  readonly backendInfo: BackendInfo | null;
  /** Trains the current settings. */
  train(): void;
  /** Pauses the run, or resumes it when paused. */
  pauseOrResume(): void;
  stop(): void;
  /** Continues a stored run from its checkpoint, with its settings and data. */
  continueRun(offer: ContinueOffer): void;
  /** Adds a run read from a run file to the session's runs. */
  importRun(record: Omit<RunRecord, 'runId'>): void;
  /** A fresh run id (an imported model's). */
  newRunId(): number;
}

export function useRunControls(
  worker: WorkerHandle,
  store: RunStoreState,
  data: DatasetState,
  experiment: ExperimentState,
): RunControls {
  const [run, dispatch] = useReducer(runReducer, IDLE_RUN);
  const nextRunId = useRef(1);
  const [backendInfo, setBackendInfo] = useState<BackendInfo | null>(null);
  const { current, generation } = worker;
  const { track, crashed, checkpointOf, loadSource, dismissOffer } = store;
  const { origin, show, fail } = data;
  const { settings, showRun } = experiment;
  const backend = settings.backend;

  // The run in progress was lost with its worker: the store offers to continue it from its checkpoint.
  useWorkerCrash(worker, (message) => {
    dispatch({ type: 'crash', message });
    crashed(message);
  });

  // Each worker starts the chosen backend (again for a new one after a crash).
  useEffect(() => {
    const api = current();
    if (!api) return;
    let alive = true;
    setBackendInfo(null);
    api
      .initBackend(backend)
      .then((info) => alive && setBackendInfo(info))
      .catch((e: unknown) => alive && dispatch({ type: 'crash', message: `Backend: ${String(e)}` }));
    return () => {
      alive = false;
    };
  }, [backend, current, generation]);

  /** Trains (or, with `resume`, continues a stored run from its checkpoint), recording it in the store. */
  const startRun = useCallback(
    async (s: RunSettings, resume?: { storedId: number; bytes: Uint8Array }) => {
      const api = current();
      const loaded = origin();
      if (!api || !loaded) return;
      const { family, ...p } = s;
      const runId = nextRunId.current++;
      dispatch({
        type: 'start',
        runId,
        modelId: p.modelId,
        family,
        modelConfig: p.modelConfig,
        trainConfig: p.trainConfig,
        data: loaded.source,
      });
      const meta = { ...p, data: loaded.source, split: loaded.split, label: loaded.label };
      const tracker = track({ ...meta, snapshotDataset: () => api.snapshotDataset() }, resume?.storedId);
      const onEvent = Comlink.proxy((event: TrainEvent) => {
        if (current() !== api) return; // a replaced (crashed) worker's late events
        if (event.type === 'backend') setBackendInfo(event.info);
        tracker.onEvent(event);
        dispatch({ type: 'event', event });
      });
      const request = { runId, ...p, checkpoints: true, resumeFrom: resume?.bytes };
      const outcome = await api
        .train(request, onEvent)
        .catch((e: unknown) => ({ type: 'error', runId, message: String(e) }) as const);
      if (current() !== api) return;
      tracker.onOutcome(outcome);
      dispatch({ type: 'outcome', outcome });
    },
    [current, origin, track],
  );
  const train = useCallback(() => void startRun(settings), [startRun, settings]);

  const continueRun = useCallback(
    async ({ run: stored, backend: choice }: ContinueOffer) => {
      const api = current();
      if (!api) return;
      dismissOffer();
      const bytes = await checkpointOf(stored.id);
      if (!bytes) {
        dispatch({ type: 'crash', message: `Run ${stored.id} has no saved checkpoint any more.` });
        return;
      }
      // The form shows the run's settings, and its data is loaded again (the demo from its seed).
      const { modelId, modelConfig, trainConfig } = stored;
      const s = showRun({ modelId, modelConfig, trainConfig, backend: choice });
      const out = await loadSource(api, stored.data, stored.split);
      if (out.type !== 'ok') return fail(out.issue.message);
      show(out);
      await startRun(s, { storedId: stored.id, bytes });
    },
    [current, dismissOffer, checkpointOf, showRun, loadSource, fail, show, startRun],
  );

  // A link to a demo experiment trains it on opening; a reload mid-training offers to continue instead.
  const linkRunSettled = useRef(false);
  const { openedFromLink } = experiment.link;
  const linked = experiment.experiment.data;
  const hasSweep = experiment.experiment.sweep !== undefined;
  const { dataset } = data;
  useEffect(() => {
    if (linkRunSettled.current) return;
    const decision = linkRun({
      openedFromLink,
      backendReady: backendInfo !== null,
      idle: run.status === 'idle',
      storeReady: store.ready,
      hasOffer: store.offer !== null,
      linked,
      loaded: dataset?.source ?? null,
    });
    if (decision === 'wait') return;
    linkRunSettled.current = true;
    // A link with a sweep trains the sweep (the Sweep panel), not one run.
    if (decision === 'train' && !hasSweep) train();
  }, [openedFromLink, backendInfo, run.status, store.ready, store.offer, linked, dataset, train, hasSweep]);

  // Another dataset loaded (an upload, the demo again, a link's): the curves and epochs of a run on the
  // previous one would sit beside the new one's summary, so the view starts over.
  const loadedSource = dataset?.source;
  useEffect(() => {
    if (loadedSource) dispatch({ type: 'dataLoaded', source: loadedSource });
  }, [loadedSource]);

  const pauseOrResume = useCallback(() => {
    const api = current();
    if (!api) return;
    if (run.status === 'paused') {
      dispatch({ type: 'resumed', runId: run.runId });
      void api.resume(run.runId);
    } else {
      void api.pause(run.runId);
    }
  }, [current, run.runId, run.status]);

  const stop = useCallback(() => {
    dispatch({ type: 'stopping', runId: run.runId });
    void current()?.stop(run.runId);
  }, [current, run.runId]);

  return {
    run,
    training: run.status === 'training' || run.status === 'stopping' || run.status === 'paused',
    backendInfo,
    train,
    pauseOrResume,
    stop,
    continueRun: (offer) => void continueRun(offer),
    importRun: (record) => dispatch({ type: 'importRun', record: { ...record, runId: nextRunId.current++ } }),
    newRunId: () => nextRunId.current++,
  };
}
