import { describe, expect, it } from 'vitest';
import { planTrial, plannedTrials, type SweepSpec, type TrialSummary } from './samplers';
import type { Dimension, SweepSpace, SweepValues } from './space';
import { TPE_RANDOM_EVERY, TPE_STARTUP, tpeValues } from './tpe';

const lr: Dimension = {
  kind: 'number',
  target: 'train',
  key: 'learningRate',
  min: 1e-4,
  max: 1e-1,
  scale: 'log',
  integer: false,
};
const width: Dimension = {
  kind: 'number',
  target: 'model',
  key: 'embeddingDim',
  min: 4,
  max: 64,
  scale: 'linear',
  integer: true,
};
const opt: Dimension = {
  kind: 'choice',
  target: 'train',
  key: 'optimizer',
  options: ['adam', 'sgd', 'adagrad'],
};
const space: SweepSpace = { modelId: 'amfr', dims: [lr, width, opt] };
const spec = (search: SweepSpec['search'], trials: number, seed = 't1'): SweepSpec => ({
  space,
  search,
  seed,
  budget: { trials, epochs: 1, minutes: 0 },
  metric: 'auc',
  smallerIsBetter: false,
});

// A made-up validation score, best at learning rate 3e-3, width 40 and adam (higher is better).
function score(v: SweepValues): number {
  const l = Math.log10(v['train.learningRate'] as number);
  const w = v['embeddingDim'] as number;
  return 1 - (l + 2.5) ** 2 - ((w - 40) / 30) ** 2 - (v['train.optimizer'] === 'adam' ? 0 : 0.5);
}

function run(
  search: SweepSpec['search'],
  trials: number,
  seed: string,
  f: (v: SweepValues) => number = score,
  smallerIsBetter = false,
): TrialSummary[] {
  const s = { ...spec(search, trials, seed), smallerIsBetter };
  const done: TrialSummary[] = [];
  for (;;) {
    const p = planTrial(s, done);
    if (!p) return done;
    done.push({
      index: p.index,
      config: p.config,
      rung: p.rung,
      values: p.values,
      status: 'ok',
      valid: f(p.values),
    });
  }
}

describe('TPE sampler', () => {
  it('is random until enough trials are ok, then reproducible from the seed and the trials so far', () => {
    const done = run('tpe', 20, 't1');
    expect(done).toHaveLength(20);
    expect(plannedTrials(spec('tpe', 20))).toBe(20);
    // The first configurations are the random search's own.
    const random = run('random', TPE_STARTUP, 't1');
    expect(done.slice(0, TPE_STARTUP).map((t) => t.values)).toEqual(random.map((t) => t.values));
    // Replayed from the same trials: the same proposals (a resumed sweep plans what it would have).
    expect(run('tpe', 20, 't1').map((t) => t.values)).toEqual(done.map((t) => t.values));
    expect(tpeValues(space, 't1', 15, done.slice(0, 15), false)).toEqual(done[15].values);
    // Failed and NaN trials do not count as ok: still random.
    const failed = done.slice(0, TPE_STARTUP).map((t) => ({ ...t, status: 'failed' as const, valid: null }));
    const after = tpeValues(space, 't1', TPE_STARTUP, failed, false);
    expect(after).toEqual(run('random', TPE_STARTUP + 1, 't1')[TPE_STARTUP].values);
  });

  it('stays inside every range and among the options', () => {
    for (const t of run('tpe', 40, 't2')) {
      const l = t.values['train.learningRate'] as number;
      const w = t.values['embeddingDim'] as number;
      expect(l).toBeGreaterThanOrEqual(1e-4);
      expect(l).toBeLessThanOrEqual(1e-1);
      expect(Number.isInteger(w)).toBe(true);
      expect(w).toBeGreaterThanOrEqual(4);
      expect(w).toBeLessThanOrEqual(64);
      expect(opt.kind === 'choice' && opt.options).toContain(t.values['train.optimizer']);
    }
  });

  it('spends the budget better than random search on a smooth objective', () => {
    // The two numbers only (the choice does not count here): over ten seeds, the best of 30 trials and the
    // mean of the last 15 proposals (where TPE has learned).
    const numbersOnly = (v: SweepValues) => score({ ...v, 'train.optimizer': 'adam' });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const best = { tpe: [] as number[], random: [] as number[] };
    const late = { tpe: [] as number[], random: [] as number[] };
    for (const seed of 'abcdefghij') {
      for (const search of ['tpe', 'random'] as const) {
        const scores = run(search, 30, seed, numbersOnly).map((t) => t.valid!);
        best[search].push(Math.max(...scores));
        late[search].push(mean(scores.slice(15)));
      }
    }
    expect(mean(late.tpe)).toBeGreaterThan(mean(late.random) + 0.3);
    expect(mean(best.tpe)).toBeGreaterThan(mean(best.random));
    // Lower is better: the same objective negated is optimised the same way.
    const lower = run('tpe', 30, 'a', (v) => -numbersOnly(v), true).map((t) => -t.valid!);
    expect(mean(lower.slice(15))).toBeGreaterThan(mean(late.random) + 0.3);
  });

  it('keeps random configurations among its own, and learns the better option of a choice', () => {
    // Univariate densities can settle on a worse option (its trials looked better for their other settings):
    // every fourth configuration after the start is the random search's own, which keeps the others in play.
    const done = run('tpe', 40, 'a');
    const random = run('random', 40, 'a');
    for (let i = TPE_STARTUP; i < 40; i++) {
      if (i % TPE_RANDOM_EVERY === 0) expect(done[i].values).toEqual(random[i].values);
    }
    // With adam worth 0.5 (score), the last 20 proposals over ten seeds pick it more often than chance (1/3).
    let adam = 0;
    let n = 0;
    for (const seed of 'abcdefghij') {
      for (const t of run('tpe', 40, seed).slice(20)) {
        adam += t.values['train.optimizer'] === 'adam' ? 1 : 0;
        n++;
      }
    }
    expect(adam / n).toBeGreaterThan(0.5);
  });
});
