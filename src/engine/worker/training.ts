/**
 * The training handlers: the backend, one run at a time for either family (`families.ts` prepares the model
 * and the loop's family; the loop is `train/loop.ts`), pause / resume / stop by run id, checkpoints as
 * events, continuing from one, and a run on a GPU whose device is lost ended with a message to continue
 * elsewhere.
 */
import { summarize } from '../../data/types';
import { checkData } from '../../models/dataCheck';
import { deviceLossWatch, errorMessage } from '../backends';
import { lossMessage, unlessLost, type LossWatch } from '../deviceLoss';
import type { TrainEvent, TrainOutcome, TrainRequest, WorkerApi } from '../protocol';
import { decodeCheckpoint, encodeCheckpoint } from '../train/checkpoint';
import { trainModel, type EpochReport, type LoopConfig } from '../train/loop';
import { prepareCtrRun, prepareTopkRun, type PreparedRun } from './families';
import { ensureFastestBackend } from './speedProbe';
import { disposeTrained, ensureBackend, type Pause, type WorkerState } from './state';

type TrainingHandlers = Pick<WorkerApi, 'initBackend' | 'train' | 'stop' | 'pause' | 'resume'>;

function makePause(): Pause {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Trains a prepared run with the session's stop and pause hooks, its events sent through `emit`. */
async function trainPrepared<V, C extends LoopConfig>(
  state: WorkerState,
  run: PreparedRun<V, C>,
  request: TrainRequest,
  emit: (event: TrainEvent) => void,
  watch: LossWatch | null,
): Promise<TrainOutcome> {
  const { runId } = request;
  const resumeFrom = request.resumeFrom ? decodeCheckpoint<C, EpochReport<V>>(request.resumeFrom) : undefined;
  for (const report of resumeFrom?.history ?? []) emit(run.epochEvent(runId, report));
  const training = trainModel(run.model, run.family, run.config, {
    resumeFrom,
    onCheckpoint: request.checkpoints
      ? (c) => {
          const { epoch, step } = c;
          const paused = c.partial !== null;
          emit({ type: 'checkpoint', runId, epoch, step, paused, bytes: encodeCheckpoint(c) });
        }
      : undefined,
    onProgress: (progress) => emit({ type: 'progress', runId, progress }),
    onEpoch: (report) => emit(run.epochEvent(runId, report)),
    shouldStop: () => state.stopRequested.has(runId),
    pauseGate: () => state.run?.pause?.promise ?? null,
  });
  const result = await unlessLost(training, watch, () => state.stopRequested.add(runId));
  run.keepTest(result);
  return run.done(runId, result, run.warnings);
}

export function trainingHandlers(state: WorkerState): TrainingHandlers {
  const resume = (runId: number) => {
    const pause = state.run?.id === runId ? state.run.pause : null;
    if (!pause || !state.run) return;
    pause.release();
    state.run.pause = null;
  };

  return {
    initBackend: (choice) => ensureBackend(state, choice),

    async train(request, emit) {
      const { runId } = request;
      if (state.run)
        return { type: 'error', runId, message: `Run ${state.run.id} is still training; stop it first.` };
      state.run = { id: runId, pause: null };
      let watch: LossWatch | null = null;
      try {
        const data = state.data;
        if (!data) throw new Error('No dataset is loaded.');
        const entry = state.registry.get(request.modelId);
        if (!entry) throw new Error(`Unknown model "${request.modelId}".`);
        // The page disables Train for this already; a link or a continued run may still ask.
        const check = checkData(entry, summarize(data.dataset));
        if (check?.level === 'refuse') throw new Error(check.message);
        const started = await ensureBackend(state, request.backend);
        disposeTrained(state);
        const info =
          request.backend === 'auto'
            ? await ensureFastestBackend(state, entry, data, request, started, emit)
            : started;
        emit({ type: 'backend', runId, info });
        watch = deviceLossWatch();
        if (entry.family === 'ctr') {
          const run = await prepareCtrRun(entry, data, request);
          state.trained = run.trained;
          return await trainPrepared(state, run, request, emit, watch);
        }
        const run = await prepareTopkRun(entry, data, request, emit);
        state.trained = run.trained;
        return await trainPrepared(state, run, request, emit, watch);
      } catch (err) {
        const lost = await lossMessage(watch, err);
        if (lost === null) return { type: 'error', runId, message: errorMessage(err) };
        // The model's weights went with the device; the next start of this backend gets a new one.
        disposeTrained(state);
        state.backend = null;
        state.candidates = null;
        const on = watch?.backend ?? 'the GPU';
        return {
          type: 'error',
          runId,
          message: `${lost} Training on ${on} stopped; continue the run from its last checkpoint on another backend.`,
          deviceLost: true,
        };
      } finally {
        // A run abandoned on a lost device keeps its stop request: its loop may still wake up and must end.
        if (!watch?.message()) state.stopRequested.delete(runId);
        state.run?.pause?.release();
        state.run = null;
      }
    },

    stop(runId) {
      if (state.run?.id !== runId) return;
      state.stopRequested.add(runId);
      resume(runId); // a paused loop must wake up to see the stop
    },

    pause(runId) {
      const run = state.run;
      if (run?.id === runId && !state.stopRequested.has(runId) && !run.pause) run.pause = makePause();
    },

    resume,
  };
}
