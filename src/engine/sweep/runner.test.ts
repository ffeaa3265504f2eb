import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../worker/api';
import { planTrial, type SweepSpec, type TrialPlan } from './samplers';
import {
  runSweep,
  spentMs,
  sweepBest,
  trialResult,
  trialSettings,
  type TrialRecord,
  type TrialResult,
} from './runner';

const spec: SweepSpec = {
  space: {
    modelId: 'amfr',
    dims: [
      {
        kind: 'number',
        target: 'train',
        key: 'learningRate',
        min: 1e-3,
        max: 1e-1,
        scale: 'log',
        integer: false,
      },
      {
        kind: 'number',
        target: 'model',
        key: 'embeddingDim',
        min: 4,
        max: 8,
        scale: 'linear',
        integer: true,
      },
    ],
  },
  search: 'random',
  seed: 'r',
  budget: { trials: 6, epochs: 1, minutes: 0 },
  metric: 'auc',
  smallerIsBetter: false,
};

/** A stub trainer: the metric is the rate; trial 2 fails, trial 3 diverges; each "takes" 1 s. */
const stub = async (plan: TrialPlan): Promise<TrialResult> => {
  if (plan.index === 2) throw new Error('out of memory');
  const v = plan.index === 3 ? NaN : (plan.values['train.learningRate'] as number);
  return Number.isNaN(v)
    ? { status: 'nan', valid: null, test: null, validCurve: [NaN], ms: 1000 }
    : { status: 'ok', valid: v, test: v / 2, validCurve: [v], ms: 1000 };
};

describe('sweep runner', () => {
  it('runs every trial, records failed and NaN ones and goes on, and picks the best on validation', async () => {
    const recorded: TrialRecord[] = [];
    const { end, trials } = await runSweep(spec, [], {
      runTrial: stub,
      record: (t) => void recorded.push(t),
      shouldStop: () => false,
    });
    expect(end).toBe('done');
    expect(trials).toEqual(recorded);
    expect(trials.map((t) => t.status)).toEqual(['ok', 'ok', 'failed', 'nan', 'ok', 'ok']);
    expect(trials[2].message).toBe('out of memory');
    const best = sweepBest(spec, trials)!;
    const oks = trials.filter((t) => t.status === 'ok').map((t) => t.valid as number);
    expect(best.valid).toBe(Math.max(...oks));
  });

  it('stops between trials, drops a stopped trial, and resumes to the very same sweep', async () => {
    const full = await runSweep(spec, [], { runTrial: stub, record: () => {}, shouldStop: () => false });
    let n = 0;
    const first = await runSweep(spec, [], {
      runTrial: async (p) => (++n === 4 ? 'stopped' : stub(p)),
      record: () => {},
      shouldStop: () => false,
    });
    expect(first.end).toBe('stopped');
    expect(first.trials).toHaveLength(3);
    // As after a reload: the stored trials, then on.
    const rest = await runSweep(spec, structuredClone(first.trials), {
      runTrial: stub,
      record: () => {},
      shouldStop: () => false,
    });
    // A failed trial's time is the wall clock's (0 or 1 ms here): everything else must match.
    const timeless = (ts: typeof full.trials) => ts.map((t) => (t.status === 'ok' ? t : { ...t, ms: 0 }));
    expect(timeless(rest.trials)).toEqual(timeless(full.trials));
    const halted = await runSweep(spec, first.trials, {
      runTrial: stub,
      record: () => {},
      shouldStop: () => true,
    });
    expect(halted).toMatchObject({ end: 'stopped', trials: first.trials });
  });

  it('starts no trial once the minutes are spent (the recorded trials count, across reloads)', async () => {
    const timed = { ...spec, budget: { ...spec.budget, minutes: 2.5 / 60 } }; // 2.5 s; each trial 1 s
    const { end, trials } = await runSweep(timed, [], {
      runTrial: stub,
      record: () => {},
      shouldStop: () => false,
    });
    expect(end).toBe('budget');
    expect(spentMs(trials)).toBeGreaterThanOrEqual(2500);
    expect(spentMs(trials.slice(0, -1))).toBeLessThan(2500);
    expect(trials.length).toBeLessThan(6);
  });

  it('trains real trials in the worker API: seeded and reproducible, tensor count flat across trials', async () => {
    const api = createWorkerApi();
    await api.loadDemo({ users: 50, items: 50 });
    const base = {
      modelConfig: { layers: 1, heads: 1, headDim: 4, useModalities: false },
      trainConfig: { batchSize: 256 },
    };
    const counts: number[] = [];
    let runId = 0;
    const train = async (plan: TrialPlan) => {
      const s = trialSettings(spec, plan, base);
      const outcome = await api.train({ runId: ++runId, modelId: 'amfr', ...s, backend: 'wasm' }, () => {});
      counts.push(tf.memory().numTensors);
      return trialResult(outcome, spec.metric, 1);
    };
    const small = { ...spec, budget: { ...spec.budget, trials: 3 } };
    const { trials } = await runSweep(small, [], {
      runTrial: train,
      record: () => {},
      shouldStop: () => false,
    });
    expect(trials.map((t) => t.status)).toEqual(['ok', 'ok', 'ok']);
    expect(trials[0].seed).toBe(planTrial(small, [])!.seed);
    expect(trialSettings(small, trials[1], base).trainConfig).toMatchObject({
      epochs: 1,
      seed: trials[1].seed,
      batchSize: 256,
    });
    expect(counts[2]).toBe(counts[1]);
    // The same trial again gives the same validation metric.
    const again = await train(trials[1]);
    expect(again !== 'stopped' && again.valid).toBeCloseTo(trials[1].valid as number, 6);
  }, 30_000);
});
