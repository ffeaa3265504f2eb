/**
 * A sweep from the page: start, pause / resume, stop, and resume after a stop or a reload. The page only
 * orchestrates: each trial is one run of the worker's `train` (engine/sweep/runner.ts plans it and reads its
 * outcome), and each finished trial goes to IndexedDB (state/sweepDb.ts) before the next is planned. A sweep
 * that was running when the page went away resumes by itself once the same data is loaded; a paused or
 * stopped one waits for Resume. The share link follows the sweep (its spec at the start, its summary at the
 * end).
 */
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import {
  runSweep,
  sweepBest,
  sweepEnd,
  trialResult,
  trialSettings,
  type TrialRecord,
  type SweepEnd,
} from '../../engine/sweep/runner';
import type { SweepSpec, TrialPlan } from '../../engine/sweep/samplers';
import type { TrainEvent } from '../../engine/protocol';
import { openSweepStore, type StoredSweep, type SweepStore } from '../../state/sweepDb';
import type { SweepLink, SweepSummary } from '../../state/sweepLink';
import type { DatasetState } from '../useDataset';
import type { ExperimentState } from '../useExperiment';
import type { WorkerHandle } from '../useWorker';
import { Comlink } from '../workerClient';

export type SweepUiStatus =
  'idle' | 'running' | 'paused' | 'stopping' | 'stopped' | 'done' | 'budget' | 'interrupted';

export interface SweepControls {
  readonly sweep: StoredSweep | null;
  readonly trials: readonly TrialRecord[];
  readonly status: SweepUiStatus;
  /** The trial training now, and its epoch. */
  readonly current: { readonly plan: TrialPlan; readonly epoch: number } | null;
  readonly error: string | null;
  /** Why a stored sweep cannot resume here (another dataset loaded), or null. */
  readonly blocked: string | null;
  start(spec: SweepSpec): void;
  pauseOrResume(): void;
  stop(): void;
  /** Continues a stopped or interrupted sweep. */
  resume(): void;
  /** Sets the forms to the best trial's settings. */
  useBest(): void;
}

/** Run ids of sweep trials: far above the page's own runs, so the two never share one. */
const SWEEP_RUN_BASE = 1_000_000;

export function summaryOf(spec: SweepSpec, trials: readonly TrialRecord[], end: SweepEnd): SweepSummary {
  const best = sweepBest(spec, trials);
  return {
    trials: trials.length,
    ok: trials.filter((t) => t.status === 'ok').length,
    end,
    best: best && best.valid !== null ? { values: best.values, valid: best.valid } : null,
  };
}

export function useSweep(
  worker: WorkerHandle,
  data: DatasetState,
  experiment: ExperimentState,
  runsBusy: boolean,
): SweepControls {
  const [store, setStore] = useState<SweepStore | null>(null);
  const [sweep, setSweep] = useState<StoredSweep | null>(null);
  const [trials, setTrials] = useState<readonly TrialRecord[]>([]);
  const [status, setStatus] = useState<SweepUiStatus>('idle');
  const [current, setCurrent] = useState<SweepControls['current']>(null);
  const [error, setError] = useState<string | null>(null);
  const control = useRef({
    stop: false,
    runId: 0,
    paused: null as null | { wake: () => void; promise: Promise<void> },
  });
  const nextRunId = useRef(SWEEP_RUN_BASE);
  const { current: api } = worker;
  const { setSweep: linkSweep, settings, showRun } = experiment;
  const loaded = data.dataset?.source ?? null;

  // The store, and the latest sweep in it: one that was running when the page went away is interrupted.
  useEffect(() => {
    let alive = true;
    let opened: SweepStore | null = null;
    openSweepStore(globalThis.indexedDB)
      .then(async (s) => {
        opened = s;
        if (!alive) return s.close();
        setStore(s);
        const latest = await s.latest();
        if (!alive || !latest) return;
        setSweep(latest.sweep);
        setTrials(latest.trials);
        const st = latest.sweep.status;
        setStatus(st === 'running' || st === 'paused' ? 'interrupted' : st);
      })
      .catch((e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
      opened?.close();
    };
  }, []);

  const drive = useCallback(
    async (s: StoredSweep, done: readonly TrialRecord[]) => {
      const remote = api();
      if (!remote || !store) return;
      control.current.stop = false;
      control.current.paused = null;
      setStatus('running');
      setError(null);
      await store.setStatus(s.id, 'running');
      const runTrial = async (plan: TrialPlan) => {
        const gate = control.current.paused;
        if (gate) await gate.promise;
        if (control.current.stop) return 'stopped' as const;
        const runId = nextRunId.current++;
        control.current.runId = runId;
        startTransition(() => setCurrent({ plan, epoch: 0 }));
        const t0 = Date.now();
        let memory: { tensors?: number; tensorBytes?: number } = {};
        const onEvent = Comlink.proxy((e: TrainEvent) => {
          // Transitions: React renders the views in slices, never one long main-thread task.
          if (e.type === 'epoch') startTransition(() => setCurrent({ plan, epoch: e.report.epoch }));
          if (e.type === 'progress')
            memory = { tensors: e.progress.numTensors, tensorBytes: e.progress.numBytes };
        });
        const cfg = trialSettings(s.spec, plan, s);
        const outcome = await remote.train(
          { runId, modelId: s.modelId, ...cfg, backend: s.backend },
          onEvent,
        );
        const result = trialResult(outcome, s.spec.metric, Date.now() - t0);
        return result === 'stopped' ? result : { ...result, ...memory };
      };
      try {
        const { end, trials: all } = await runSweep(s.spec, done, {
          runTrial,
          record: async (t) => {
            await store.putTrial(s.id, t);
            startTransition(() => setTrials((prev) => [...prev, t]));
          },
          shouldStop: () => control.current.stop,
        });
        setCurrent(null);
        const finalStatus = end === 'stopped' ? 'stopped' : end;
        await store.setStatus(s.id, finalStatus);
        setStatus(finalStatus);
        if (end !== 'stopped')
          startTransition(() => linkSweep({ spec: s.spec, summary: summaryOf(s.spec, all, end) }));
      } catch (e) {
        setCurrent(null);
        setStatus('stopped');
        setError(e instanceof Error ? e.message : String(e));
        await store.setStatus(s.id, 'stopped');
      }
    },
    [api, store, linkSweep],
  );

  const start = useCallback(
    (spec: SweepSpec) => {
      const source = data.origin()?.source;
      if (!store || !source) return;
      const link: SweepLink = { spec, summary: null };
      startTransition(() => linkSweep(link));
      void store
        .saveSweep({
          spec,
          modelId: spec.space.modelId,
          modelConfig: settings.modelConfig,
          trainConfig: settings.trainConfig,
          backend: settings.backend,
          data: source,
          status: 'running',
        })
        .then((s) => {
          setSweep(s);
          setTrials([]);
          return drive(s, []);
        });
    },
    [store, data, settings, linkSweep, drive],
  );

  const sameData = sweep !== null && loaded !== null && JSON.stringify(sweep.data) === JSON.stringify(loaded);
  const blocked =
    sweep && (status === 'interrupted' || status === 'stopped') && loaded && !sameData
      ? `This sweep ran on other data (${sweep.data.kind === 'demo' ? `the demo, ${sweep.data.users} users` : sweep.data.name}); load it to resume.`
      : null;

  const resume = useCallback(() => {
    if (!sweep || !sameData || runsBusy) return;
    if (sweepEnd(sweep.spec, [...trials])) return;
    void drive(sweep, trials);
  }, [sweep, sameData, runsBusy, trials, drive]);

  // After a reload: a sweep that was running goes on by itself once its data is loaded and the worker is free.
  const autoResumed = useRef(false);
  const storedStatus = sweep?.status;
  useEffect(() => {
    if (autoResumed.current || status !== 'interrupted' || storedStatus !== 'running') return;
    if (!sameData || runsBusy || !api()) return;
    autoResumed.current = true;
    resume();
  }, [status, storedStatus, sameData, runsBusy, api, resume]);

  const pauseOrResume = useCallback(() => {
    const c = control.current;
    const remote = api();
    if (status === 'paused') {
      c.paused?.wake();
      c.paused = null;
      void remote?.resume(c.runId);
      setStatus('running');
      if (sweep) void store?.setStatus(sweep.id, 'running');
    } else if (status === 'running') {
      let wake = () => {};
      const promise = new Promise<void>((r) => (wake = r));
      c.paused = { wake, promise };
      void remote?.pause(c.runId);
      setStatus('paused');
      if (sweep) void store?.setStatus(sweep.id, 'paused');
    }
  }, [api, status, sweep, store]);

  const stop = useCallback(() => {
    const c = control.current;
    c.stop = true;
    c.paused?.wake();
    c.paused = null;
    setStatus('stopping');
    void api()?.stop(c.runId);
  }, [api]);

  const useBest = useCallback(() => {
    if (!sweep) return;
    const best = sweepBest(sweep.spec, trials);
    if (!best) return;
    const cfg = trialSettings(sweep.spec, best, sweep);
    showRun({ modelId: sweep.modelId, ...cfg, backend: sweep.backend });
  }, [sweep, trials, showRun]);

  return { sweep, trials, status, current, error, blocked, start, pauseOrResume, stop, resume, useBest };
}
