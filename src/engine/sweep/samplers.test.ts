import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../models/registry';
import { TRAIN_SCHEMA } from '../train/config';
import {
  axisValues,
  bestTrial,
  gridValues,
  halvingRungs,
  planTrial,
  plannedTrials,
  randomValues,
  type SweepSpec,
  type TrialPlan,
  type TrialSummary,
} from './samplers';
import { dimensionFor, type Dimension, type SweepSpace } from './space';

const amfr = REGISTRY.get('amfr')!;
const dim = (target: 'model' | 'train', key: string): Dimension => {
  const schema = target === 'model' ? amfr.configSchema : TRAIN_SCHEMA;
  return dimensionFor(target, key, (schema as Record<string, never>)[key])!;
};
const lr: Dimension = { ...dim('train', 'learningRate'), min: 1e-4, max: 1e-1 } as Dimension;
const space: SweepSpace = {
  modelId: 'amfr',
  dims: [
    lr,
    { ...dim('model', 'embeddingDim'), min: 4, max: 32 } as Dimension,
    dim('model', 'layers'),
    dim('model', 'residual'),
    { kind: 'choice', target: 'train', key: 'optimizer', options: ['adam', 'sgd'] },
  ],
};
const spec = (search: SweepSpec['search'], trials = 12, epochs = 4, seed = 's1'): SweepSpec => ({
  space,
  search,
  seed,
  budget: { trials, epochs, minutes: 0 },
  metric: 'auc',
  smallerIsBetter: false,
});

/** Plans a whole sweep, scoring each trial with `score` (undefined: failed). */
function planAll(
  s: SweepSpec,
  score: (t: { values: Record<string, unknown>; epochs: number }) => number | undefined,
) {
  const done: (TrialSummary & TrialPlan)[] = [];
  for (let plan = planTrial(s, done); plan; plan = planTrial(s, done)) {
    const v = score(plan);
    done.push({
      ...plan,
      status: v === undefined ? 'failed' : Number.isNaN(v) ? 'nan' : 'ok',
      valid: v ?? null,
    });
  }
  return done;
}

function inRange(values: Record<string, unknown>) {
  const l = values['train.learningRate'] as number;
  expect(l).toBeGreaterThanOrEqual(1e-4);
  expect(l).toBeLessThanOrEqual(1e-1);
  const d = values.embeddingDim as number;
  expect(Number.isInteger(d) && d >= 4 && d <= 32).toBe(true);
  const layers = values.layers as number;
  expect(Number.isInteger(layers) && layers >= 1 && layers <= 6).toBe(true);
  expect(typeof values.residual).toBe('boolean');
  expect(['adam', 'sgd']).toContain(values['train.optimizer']);
}

describe('samplers', () => {
  it('random: reproducible from the seed, different for another, every value in range and snapped', () => {
    const a = planAll(spec('random', 40), () => 0.5);
    const b = planAll(spec('random', 40), () => 0.5);
    const c = planAll(spec('random', 40, 4, 's2'), () => 0.5);
    expect(a).toHaveLength(40);
    expect(b).toEqual(a);
    expect(c.map((t) => t.values)).not.toEqual(a.map((t) => t.values));
    for (const t of a) inRange(t.values);
    expect(new Set(a.map((t) => t.seed)).size).toBe(40);
    // Drawn on the log scale: about half the rates below the geometric midpoint 10^-2.5.
    const low = a.filter((t) => (t.values['train.learningRate'] as number) < 10 ** -2.5).length;
    expect(low).toBeGreaterThan(10);
    expect(low).toBeLessThan(30);
    // Trial i's values do not depend on how many trials came before (a resumed sweep draws the same).
    expect(randomValues(space, 's1', 7)).toEqual(a[7].values);
  });

  it('grid: evenly spaced on each scale, every point distinct, within the budget, reproducible', () => {
    expect(axisValues(lr, 4)).toEqual([1e-4, 1e-3, 1e-2, 1e-1].map((x) => expect.closeTo(x, 12)));
    expect(
      axisValues(
        { kind: 'number', target: 'model', key: 'k', min: 1, max: 3, scale: 'linear', integer: true },
        5,
      ),
    ).toEqual([1, 2, 3]);
    const small: SweepSpace = { modelId: 'amfr', dims: [lr, dim('model', 'residual')] };
    const grid = gridValues(small, 'g', 8); // 4 rates × 2
    expect(grid).toHaveLength(8);
    expect(new Set(grid.map((v) => JSON.stringify(v))).size).toBe(8);
    expect(gridValues(small, 'g', 8)).toEqual(grid);
    const all = planAll({ ...spec('grid', 100), space: small }, () => 0.5);
    expect(all.length).toBeLessThanOrEqual(100);
    expect(plannedTrials({ ...spec('grid', 100), space: small })).toBe(all.length);
    for (const t of planAll(spec('grid', 20), () => 0.5)) inRange(t.values);
  });

  it('halving: rungs fit the budget, epochs grow to the budget, and the best of each rung go on', () => {
    expect(halvingRungs({ trials: 6, epochs: 2, minutes: 0 })).toEqual([
      { size: 4, epochs: 1 },
      { size: 2, epochs: 2 },
    ]);
    const rungs = halvingRungs({ trials: 30, epochs: 8, minutes: 0 });
    expect(rungs.map((r) => r.epochs)).toEqual([1, 2, 4, 8]);
    expect(rungs.reduce((a, r) => a + r.size, 0)).toBeLessThanOrEqual(30);
    for (let r = 1; r < rungs.length; r++)
      expect(rungs[r].size).toBe(Math.max(1, Math.floor(rungs[r - 1].size / 2)));

    // The metric is the learning rate itself: the best configurations are the largest rates; one fails.
    const s = spec('halving', 30, 8);
    const done = planAll(s, (t) =>
      t.values.embeddingDim === 4 ? undefined : (t.values['train.learningRate'] as number),
    );
    expect(done).toHaveLength(plannedTrials(s));
    let start = 0;
    for (let r = 1; r < rungs.length; r++) {
      const prev = done.slice(start, start + rungs[r - 1].size);
      start += rungs[r - 1].size;
      const cur = done.slice(start, start + rungs[r].size);
      const keep = prev
        .filter((t) => t.status === 'ok')
        .sort((a, b) => (b.valid as number) - (a.valid as number))
        .slice(0, rungs[r].size);
      expect(cur.map((t) => t.config)).toEqual(keep.map((t) => t.config));
      for (const t of cur) {
        expect(t.epochs).toBe(rungs[r].epochs);
        expect(t.values).toEqual(done[t.config].values);
        expect(t.seed).toBe(done[t.config].seed);
      }
    }
    // The pick is the last rung's best, never a shorter-trained trial that scored higher.
    const best = bestTrial(done, false)!;
    expect(best.rung).toBe(rungs.length - 1);
    expect(planAll(s, (t) => t.values['train.learningRate'] as number)).toEqual(
      planAll(s, (t) => t.values['train.learningRate'] as number),
    );
  });

  it('smaller-is-better metrics rank the other way; failed and NaN trials are never the best', () => {
    const done: TrialSummary[] = [
      { index: 0, config: 0, rung: 0, values: {}, status: 'ok', valid: 0.6 },
      { index: 1, config: 1, rung: 0, values: {}, status: 'nan', valid: null },
      { index: 2, config: 2, rung: 0, values: {}, status: 'ok', valid: 0.4 },
      { index: 3, config: 3, rung: 0, values: {}, status: 'failed', valid: null },
    ];
    expect(bestTrial(done, false)?.index).toBe(0);
    expect(bestTrial(done, true)?.index).toBe(2);
    expect(
      bestTrial(
        done.filter((t) => t.status !== 'ok'),
        false,
      ),
    ).toBeNull();
  });
});
