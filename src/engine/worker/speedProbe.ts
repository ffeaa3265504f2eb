/**
 * Auto picks the fastest backend by measuring it (issue 21): before a run, when more than one backend could
 * train it (a GPU backend on a hardware adapter and wasm, say), a few training steps of the run's own model and
 * batch are timed on each, and the fastest wins. The figures go to the page with the backend, and are
 * remembered per device, model and data shape (`probeMemo.ts`), so the probe is paid once. A backend the user
 * names is never probed nor overridden; with one candidate there is nothing to measure.
 */
import type { ModelEntry } from '../../models/contract';
import { resolveModelConfig } from '../../models/registry';
import { resolveConfig } from '../../models/config';
import { autoCandidates, errorMessage, switchBackend, type Candidate } from '../backends';
import type { BackendInfo, BackendSpeed, SpeedProbeReport } from '../backendInfo';
import type { TrainEvent, TrainRequest } from '../protocol';
import { TOPK_TRAIN_SCHEMA, TRAIN_SCHEMA } from '../train/config';
import { timeTrainingSteps, type StepBudget } from '../train/timeSteps';
import { prepareCtrRun, prepareTopkRun } from './families';
import type { ProbeMemo } from './probeMemo';
import type { Prepared, WorkerState } from './state';

/** Bump when kernels or the probe change enough that remembered figures no longer hold. */
export const PROBE_VERSION = 1;

export interface ProbeSettings {
  readonly memo: ProbeMemo;
  /** Time the cpu backend as well (tests and the bench; the app leaves it out: wasm always beats it). */
  readonly includeCpu: boolean;
  readonly budget: StepBudget;
}

/** What the figures depend on: the devices, the model and its settings, the batch, and the data's shape. */
export function probeKey(
  entry: ModelEntry,
  data: Prepared,
  request: Pick<TrainRequest, 'modelConfig' | 'trainConfig'>,
  candidates: readonly Pick<Candidate, 'name' | 'device'>[],
): string {
  const model = resolveModelConfig(entry, request.modelConfig).config;
  const schema = entry.family === 'ctr' ? TRAIN_SCHEMA : TOPK_TRAIN_SCHEMA;
  const { batchSize } = resolveConfig(schema, request.trainConfig).config;
  const { dataset, encoding, split } = data;
  return JSON.stringify({
    v: PROBE_VERSION,
    devices: candidates.map((c) => `${c.name}: ${c.device}`),
    model: entry.id,
    config: model,
    batchSize,
    data: [
      dataset.numUsers,
      dataset.numItems,
      encoding.fields.length,
      encoding.totalVocab,
      split.train.length,
    ],
  });
}

/** Builds the run's model on the active backend, times `budget` of its steps, and disposes it. */
export async function timeRunSteps(
  entry: ModelEntry,
  data: Prepared,
  request: TrainRequest,
  budget: StepBudget,
): Promise<{ perSec: number; steps: number }> {
  if (entry.family === 'ctr') {
    const run = await prepareCtrRun(entry, data, request);
    try {
      return await timeTrainingSteps(run.family, run.config, budget);
    } finally {
      run.trained.model.dispose();
    }
  }
  const run = await prepareTopkRun(entry, data, request, () => {});
  try {
    return await timeTrainingSteps(run.family, run.config, budget);
  } finally {
    run.trained.model.dispose();
  }
}

/** The fastest measured backend; null when none could be timed. */
export function fastest(speeds: readonly BackendSpeed[]): BackendSpeed | null {
  let best: BackendSpeed | null = null;
  for (const s of speeds) if (s.perSec !== null && (best?.perSec == null || s.perSec > best.perSec)) best = s;
  return best;
}

function perSecText(s: BackendSpeed, unit: string): string {
  return s.perSec === null
    ? `${s.name} failed (${s.note ?? 'no figure'})`
    : `${s.name} ${Math.round(s.perSec)} ${unit}/s`;
}

/**
 * Auto's backend for this run: the fastest candidate by measurement, or the remembered pick; `started` (what
 * auto's plain start chose) when only one backend could train. Leaves the picked backend active.
 */
export async function pickFastestBackend(
  state: WorkerState,
  entry: ModelEntry,
  data: Prepared,
  request: TrainRequest,
  started: BackendInfo,
  emit: (event: TrainEvent) => void,
): Promise<BackendInfo> {
  // A model computed at build has no training steps to time, and building it once per backend could take
  // seconds each (ease): auto's plain start stands.
  if (entry.trains === false) return started;
  const settings = state.probe;
  // Auto's plain start tries the GPU backends first: when it landed on wasm or cpu (and is not an earlier
  // probe's pick), none of them qualified and there is nothing to compare, so no backend is started and
  // self-checked again.
  const fellThrough = !started.probe && (started.name === 'wasm' || started.name === 'cpu');
  if (fellThrough && !settings.includeCpu) return started;
  state.candidates ??= await autoCandidates(state.wasmPaths, { includeCpu: settings.includeCpu });
  const { candidates, attempts } = state.candidates;
  if (candidates.length < 2) {
    await switchBackend(started.name, state.wasmPaths);
    return started;
  }
  const unit = entry.family === 'ctr' ? 'rows' : 'triples';
  const key = probeKey(entry, data, request, candidates);
  const remembered = await settings.memo.get(key);
  let pick = remembered ? candidates.find((c) => c.name === remembered.pick) : undefined;
  let report: SpeedProbeReport;
  if (remembered && pick) {
    report = { ...remembered.report, remembered: true };
  } else {
    const speeds: BackendSpeed[] = [];
    for (const [i, c] of candidates.entries()) {
      emit({
        type: 'build',
        runId: request.runId,
        stage: `speed probe (${c.name})`,
        done: i,
        total: candidates.length,
        unit: 'backends',
      });
      try {
        await switchBackend(c.name, state.wasmPaths);
        const t = await timeRunSteps(entry, data, request, settings.budget);
        speeds.push({ name: c.name, device: c.device, perSec: t.perSec, steps: t.steps });
      } catch (err) {
        speeds.push({ name: c.name, device: c.device, perSec: null, steps: 0, note: errorMessage(err) });
      }
    }
    speeds.sort((a, b) => (b.perSec ?? -1) - (a.perSec ?? -1));
    const best = fastest(speeds);
    pick = candidates.find((c) => c.name === best?.name) ?? candidates[0];
    report = { unit, speeds, measuredAt: Date.now(), remembered: false };
    // A probe where nothing could be timed is not worth remembering: the next run tries again.
    if (best) await settings.memo.set(key, { pick: pick.name, report });
  }
  await switchBackend(pick.name, state.wasmPaths);
  const figures = report.speeds.map((s) => perSecText(s, unit)).join(', ');
  const when = report.remembered ? 'measured earlier on this device' : 'measured just now';
  return {
    name: pick.name,
    device: pick.device,
    selfCheck: pick.selfCheck,
    attempts,
    reason: `fastest for this model and batch (${when}): ${figures}`,
    probe: report,
  };
}

/** `pickFastestBackend` in turn with the worker's other backend starts (see `ensureBackend`). */
export function ensureFastestBackend(
  state: WorkerState,
  entry: ModelEntry,
  data: Prepared,
  request: TrainRequest,
  started: BackendInfo,
  emit: (event: TrainEvent) => void,
): Promise<BackendInfo> {
  const next = state.starting.then(async () => {
    const info = await pickFastestBackend(state, entry, data, request, started, emit);
    state.backend = { choice: 'auto', info };
    return info;
  });
  state.starting = next.catch(() => {});
  return next;
}
