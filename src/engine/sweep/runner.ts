/**
 * Runs a sweep: its trials one after another, each planned by the search from the trials recorded so far
 * (`samplers.ts`), trained by `runTrial` (in the app: the worker's `train`, so the page only orchestrates),
 * recorded before the next is planned. A failed or NaN trial is recorded as such and the sweep goes on; a
 * stopped trial is not recorded (resuming trains it again, from its seed, to the same result); no trial starts
 * once the budget's minutes are spent. Also the pieces between a trial and the worker's API: the request a
 * plan trains with, and the trial's result read from the run's outcome. No tfjs: the page imports this.
 */
import { topkValue, type TopkMetricName, type TopkResult } from '../metrics/topkResult';
import type { TrainOutcome } from '../protocol';
import { planTrial, bestTrial, type SweepSpec, type TrialPlan, type TrialStatus } from './samplers';
import { splitValues } from './space';

export interface TrialResult {
  readonly status: TrialStatus;
  /** The best epoch's validation metric (null unless ok). */
  readonly valid: number | null;
  /** The test metric of the best epoch: kept, shown only for the sweep's pick once the sweep has ended. */
  readonly test: number | null;
  /** The validation metric after each epoch. */
  readonly validCurve: readonly number[];
  readonly message?: string;
  /** Wall-clock milliseconds the trial took. */
  readonly ms: number;
  /** The worker's tensor count (and bytes) at the trial's last progress report, when known. */
  readonly tensors?: number;
  readonly tensorBytes?: number;
}

export type TrialRecord = TrialPlan & TrialResult;

/** Trains one trial; 'stopped' when the sweep was stopped (or paused for good) during it. */
export type RunTrial = (plan: TrialPlan) => Promise<TrialResult | 'stopped'>;

export interface SweepHooks {
  readonly runTrial: RunTrial;
  /** Keeps a finished trial (IndexedDB in the app); awaited before the next trial is planned. */
  record(trial: TrialRecord): Promise<void> | void;
  /** Checked before each trial. */
  shouldStop(): boolean;
}

export type SweepEnd = 'done' | 'budget' | 'stopped';

/** Milliseconds the recorded trials took: what the minutes budget counts (so a reload does not reset it). */
export function spentMs(trials: readonly Pick<TrialResult, 'ms'>[]): number {
  return trials.reduce((s, t) => s + t.ms, 0);
}

/** Why a sweep with these trials would not start another, or null when it would. */
export function sweepEnd(
  spec: SweepSpec,
  trials: readonly TrialRecord[],
): Exclude<SweepEnd, 'stopped'> | null {
  if (planTrial(spec, trials) === null) return 'done';
  if (spec.budget.minutes > 0 && spentMs(trials) >= spec.budget.minutes * 60_000) return 'budget';
  return null;
}

/**
 * Runs the sweep on from the `done` trials (none for a new sweep) until the search has no more, the minutes
 * are spent or `shouldStop`; returns every trial recorded, and why it ended.
 */
export async function runSweep(
  spec: SweepSpec,
  done: readonly TrialRecord[],
  hooks: SweepHooks,
): Promise<{ end: SweepEnd; trials: TrialRecord[] }> {
  const trials = [...done];
  for (;;) {
    const end = sweepEnd(spec, trials);
    if (end) return { end, trials };
    if (hooks.shouldStop()) return { end: 'stopped', trials };
    const plan = planTrial(spec, trials)!;
    let result: TrialResult | 'stopped';
    const t0 = Date.now();
    try {
      result = await hooks.runTrial(plan);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      result = { status: 'failed', valid: null, test: null, validCurve: [], message, ms: Date.now() - t0 };
    }
    if (result === 'stopped') return { end: 'stopped', trials };
    const record: TrialRecord = { ...plan, ...result };
    await hooks.record(record);
    trials.push(record);
  }
}

/** The sweep's pick on validation (highest rung reached), or null. */
export function sweepBest(spec: SweepSpec, trials: readonly TrialRecord[]): TrialRecord | null {
  return bestTrial(trials, spec.smallerIsBetter);
}

// ---- Between a trial and the worker's train API ------------------------------------------------------------

/** Whether smaller values of a validation metric are better (logloss; every other is a score). */
export function smallerIsBetter(metric: string): boolean {
  return metric === 'logloss';
}

/**
 * The model and training settings a trial trains with: the form's (`base`) with the trial's values over
 * them, and its epochs and seed.
 */
export function trialSettings(
  spec: SweepSpec,
  plan: TrialPlan,
  base: {
    readonly modelConfig: Readonly<Record<string, unknown>>;
    readonly trainConfig: Readonly<Record<string, unknown>>;
  },
): { modelConfig: Record<string, unknown>; trainConfig: Record<string, unknown> } {
  const { model, train } = splitValues(spec.space, plan.values);
  return {
    modelConfig: { ...base.modelConfig, ...model },
    trainConfig: { ...base.trainConfig, ...train, epochs: plan.epochs, seed: plan.seed },
  };
}

/** `metric` of a family's validation or test metrics (ctr: auc / gauc / logloss; top-k: e.g. recall@20). */
export function metricValue(metrics: unknown, metric: string): number {
  if (metrics === null || typeof metrics !== 'object') return NaN;
  if (metric.includes('@')) {
    const [name, k] = metric.split('@');
    try {
      return topkValue(metrics as TopkResult, name as TopkMetricName, Number(k));
    } catch {
      return NaN;
    }
  }
  const v = (metrics as Record<string, unknown>)[metric];
  return typeof v === 'number' ? v : NaN;
}

/** A trial's result from its run's outcome; 'stopped' for a run that was stopped before it finished. */
export function trialResult(outcome: TrainOutcome, metric: string, ms: number): TrialResult | 'stopped' {
  if (outcome.type === 'error') {
    const nan = /\bnan\b|infinit|not finite|non-finite/i.test(outcome.message);
    return {
      status: nan ? 'nan' : 'failed',
      valid: null,
      test: null,
      validCurve: [],
      message: outcome.message,
      ms,
    };
  }
  const r = outcome.result;
  if (r.stopped) return 'stopped';
  const validCurve = r.epochs.map((e) => metricValue(e.valid, metric));
  const valid = metricValue(r.valid, metric);
  if (!Number.isFinite(valid)) {
    const message = 'The validation metric is not a number (the loss diverged).';
    return { status: 'nan', valid: null, test: null, validCurve, message, ms };
  }
  const test = metricValue(r.test, metric);
  return { status: 'ok', valid, test: Number.isFinite(test) ? test : null, validCurve, ms };
}
