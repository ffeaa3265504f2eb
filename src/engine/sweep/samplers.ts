/**
 * The searches of a sweep: grid, random, successive halving with rungs on epochs, and TPE (`tpe.ts`). Each is a pure
 * function of the sweep (space, seed, budget) and the trials recorded so far: `planTrial(spec, done)` names
 * the next trial or null when the search has no more. So a sweep resumed after a reload plans exactly the
 * trials an uninterrupted one would, and a seed reproduces the whole sweep. Every draw comes from
 * `makeRng(<sweep seed>/<purpose>/<n>)`, never from a stream shared across trials.
 *
 * Successive halving (Jamieson & Talwalkar, "Non-stochastic Best Arm Identification and Hyperparameter
 * Optimization", AISTATS 2016; the synchronous form of ASHA, Li et al., MLSys 2020): `n₀` random configurations
 * train `e₀` epochs; the best `⌊n/η⌋` of each rung (on validation) train `η` times longer, up to the budget's
 * epochs. Trials run one after another here, so the synchronous form loses nothing to ASHA's asynchrony.
 */
import { makeRng, shuffleInPlace, type Rng } from '../../data/random';
import { dimId, numberAt, type Dimension, type SweepSpace, type SweepValue, type SweepValues } from './space';
// tpe.ts reads rankTrials and randomValues from here; the cycle is of functions only, called after both load.
import { tpeValues } from './tpe';

export type SearchKind = 'grid' | 'random' | 'halving' | 'tpe';
export const SEARCH_KINDS: readonly SearchKind[] = ['grid', 'random', 'halving', 'tpe'];

export interface SweepBudget {
  /** Trials (training runs) in all, every rung counted. */
  readonly trials: number;
  /** Epochs of a trial (the last rung's, for halving). */
  readonly epochs: number;
  /** Wall-clock minutes: no trial starts after these have passed (0: no limit). */
  readonly minutes: number;
}

export interface SweepSpec {
  readonly space: SweepSpace;
  readonly search: SearchKind;
  /** The sweep's seed: every draw and every trial's training seed derive from it. */
  readonly seed: string;
  readonly budget: SweepBudget;
  /** Halving's reduction factor η (2: halving). */
  readonly eta?: number;
  /** The validation metric trials are compared by, and whether smaller is better (logloss). */
  readonly metric: string;
  readonly smallerIsBetter: boolean;
}

export interface TrialPlan {
  /** Position in the sweep, from 0. */
  readonly index: number;
  /** Which configuration: a halving promotion trains an earlier trial's configuration again, longer. */
  readonly config: number;
  /** Halving's rung (0 for grid and random). */
  readonly rung: number;
  readonly values: SweepValues;
  readonly epochs: number;
  /** The trial's training seed (the configuration's: a promoted configuration keeps its seed). */
  readonly seed: number;
}

export type TrialStatus = 'ok' | 'failed' | 'nan';

/** What a sampler reads of a recorded trial. */
export interface TrialSummary {
  readonly index: number;
  readonly config: number;
  readonly rung: number;
  readonly values: SweepValues;
  readonly status: TrialStatus;
  /** The best epoch's validation metric (null unless ok). */
  readonly valid: number | null;
}

const SEED_RANGE = 2147483647;

/** The training seed of configuration `config` of a sweep. */
export function trialSeed(seed: string, config: number): number {
  return makeRng(`${seed}/seed/${config}`).int(SEED_RANGE);
}

/** One value drawn uniformly from a dimension (on its scale for numbers). */
export function drawValue(d: Dimension, rng: Rng): SweepValue {
  switch (d.kind) {
    case 'number':
      return numberAt(d, rng.next());
    case 'choice':
      return d.options[rng.int(d.options.length)];
    case 'boolean':
      return rng.next() < 0.5;
  }
}

/** Configuration `config` of a random search: each setting drawn from its own seeded stream. */
export function randomValues(space: SweepSpace, seed: string, config: number): SweepValues {
  const rng = makeRng(`${seed}/values/${config}`);
  const out: Record<string, SweepValue> = {};
  for (const d of space.dims) out[dimId(d)] = drawValue(d, rng);
  return out;
}

/** `k` evenly spaced values of a dimension (on its scale; integers deduplicated), or all its options. */
export function axisValues(d: Dimension, k: number): SweepValue[] {
  if (d.kind === 'choice') return [...d.options];
  if (d.kind === 'boolean') return [false, true];
  if (k <= 1 || d.min === d.max) return [numberAt(d, d.min === d.max ? 0 : 0.5)];
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const x = numberAt(d, i / (k - 1));
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

function gridSize(space: SweepSpace, k: number): number {
  return space.dims.reduce((n, d) => n * axisValues(d, k).length, 1);
}

/**
 * The grid of a space for a budget of `trials`: the most points per number axis (at least 2) whose product
 * with every choice fits the budget, in a seeded order (so a budget smaller than the grid still spreads over
 * it). Capped at 50 points per axis.
 */
export function gridValues(space: SweepSpace, seed: string, trials: number): SweepValues[] {
  const key = JSON.stringify([space, seed, trials]);
  if (lastGrid?.key !== key) lastGrid = { key, points: makeGrid(space, seed, trials) };
  return lastGrid.points;
}

/** The last grid made: `planTrial` asks for the same one before every trial. */
let lastGrid: { key: string; points: SweepValues[] } | null = null;

function makeGrid(space: SweepSpace, seed: string, trials: number): SweepValues[] {
  let k = 2;
  while (k < 50 && space.dims.some((d) => d.kind === 'number') && gridSize(space, k + 1) <= trials) k++;
  let points: Record<string, SweepValue>[] = [{}];
  for (const d of space.dims) {
    const next: Record<string, SweepValue>[] = [];
    for (const p of points) for (const v of axisValues(d, k)) next.push({ ...p, [dimId(d)]: v });
    points = next;
    if (points.length > 100_000) break; // a budget never reaches this; keeps a hostile space bounded
  }
  const order = shuffleInPlace(
    Int32Array.from(points, (_, i) => i),
    makeRng(`${seed}/grid`),
  );
  return Array.from(order.subarray(0, Math.min(trials, order.length)), (i) => points[i]);
}

/** One rung of a halving plan: how many configurations train how many epochs. */
export interface Rung {
  readonly size: number;
  readonly epochs: number;
}

/**
 * Halving's rungs for a budget: epochs `E/η^(R-1) … E/η, E` (at least 1; rungs of equal epochs merged), and
 * the most first-rung configurations `n₀` whose rungs `n₀, ⌊n₀/η⌋, …` (at least 1 each) fit `trials` in all.
 */
export function halvingRungs(budget: SweepBudget, eta = 2): Rung[] {
  const epochsList: number[] = [];
  for (let e = budget.epochs; ; e = Math.max(1, Math.round(e / eta))) {
    if (epochsList[0] !== e) epochsList.unshift(e);
    if (e === 1) break;
  }
  const sizes = (n0: number) => {
    const out: number[] = [];
    let n = n0;
    for (let r = 0; r < epochsList.length; r++) {
      out.push(n);
      n = Math.max(1, Math.floor(n / eta));
    }
    return out;
  };
  const fit = (count: number) => {
    let best = 1;
    for (let n0 = 1; n0 <= budget.trials; n0++) {
      if (
        sizes(n0)
          .slice(0, count)
          .reduce((a, b) => a + b, 0) <= budget.trials
      )
        best = n0;
    }
    return best;
  };
  // Fewer, longer rungs when the budget cannot give each rung a real choice (n₀ ≥ η^(R-1)).
  let rungs = epochsList;
  while (rungs.length > 1 && fit(rungs.length) < eta ** (rungs.length - 1)) rungs = rungs.slice(1);
  const best = fit(rungs.length);
  const s = sizes(best);
  return rungs.map((epochs, r) => ({ size: s[r], epochs }));
}

/** Trials of one rung ranked best first on validation (failed and NaN last; ties by configuration). */
export function rankTrials<T extends TrialSummary>(trials: readonly T[], smallerIsBetter: boolean): T[] {
  const score = (t: TrialSummary) =>
    t.status === 'ok' && t.valid !== null && Number.isFinite(t.valid)
      ? smallerIsBetter
        ? t.valid
        : -t.valid
      : Infinity;
  return [...trials].sort((a, b) => score(a) - score(b) || a.config - b.config || a.index - b.index);
}

/** The next trial of a sweep after the `done` ones (recorded in order, 0 … n-1), or null when none is left. */
export function planTrial(spec: SweepSpec, done: readonly TrialSummary[]): TrialPlan | null {
  const index = done.length;
  const { budget, seed, space } = spec;
  if (index >= budget.trials) return null;
  if (spec.search === 'grid') {
    const grid = gridValues(space, seed, budget.trials);
    if (index >= grid.length) return null;
    return {
      index,
      config: index,
      rung: 0,
      values: grid[index],
      epochs: budget.epochs,
      seed: trialSeed(seed, index),
    };
  }
  if (spec.search === 'random' || spec.search === 'tpe') {
    const values =
      spec.search === 'tpe'
        ? tpeValues(space, seed, index, done, spec.smallerIsBetter)
        : randomValues(space, seed, index);
    return { index, config: index, rung: 0, values, epochs: budget.epochs, seed: trialSeed(seed, index) };
  }
  const rungs = halvingRungs(budget, spec.eta ?? 2);
  let start = 0;
  for (let r = 0; r < rungs.length; r++) {
    const { size, epochs } = rungs[r];
    if (index < start + size) {
      const j = index - start;
      if (r === 0) {
        const values = randomValues(space, seed, j);
        return { index, config: j, rung: 0, values, epochs, seed: trialSeed(seed, j) };
      }
      const prevStart = start - rungs[r - 1].size;
      const previous = done.slice(prevStart, start);
      const pick = rankTrials(previous, spec.smallerIsBetter)[j];
      return {
        index,
        config: pick.config,
        rung: r,
        values: pick.values,
        epochs,
        seed: trialSeed(seed, pick.config),
      };
    }
    start += size;
  }
  return null;
}

/** Trials the search will run in all (grid: at most its points; halving: its rungs'). */
export function plannedTrials(spec: SweepSpec): number {
  if (spec.search === 'grid') return gridValues(spec.space, spec.seed, spec.budget.trials).length;
  if (spec.search === 'random' || spec.search === 'tpe') return spec.budget.trials;
  return halvingRungs(spec.budget, spec.eta ?? 2).reduce((a, r) => a + r.size, 0);
}

/**
 * The sweep's pick: the best ok trial on validation, of the highest rung reached (a halving trial trained
 * fewer epochs is not compared with one trained longer); null when no trial is ok.
 */
export function bestTrial<T extends TrialSummary>(trials: readonly T[], smallerIsBetter: boolean): T | null {
  const ok = trials.filter((t) => t.status === 'ok' && t.valid !== null && Number.isFinite(t.valid));
  if (ok.length === 0) return null;
  const top = Math.max(...ok.map((t) => t.rung));
  return rankTrials(
    ok.filter((t) => t.rung === top),
    smallerIsBetter,
  )[0];
}
