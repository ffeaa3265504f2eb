/**
 * A Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for Hyper-Parameter Optimization", NIPS
 * 2011), univariate as in Optuna's default `TPESampler`: after `TPE_STARTUP` random configurations, the ok
 * trials are split at the best γ share into "good" and "bad"; each setting gets a Parzen density of each
 * group (Gaussians on the [0, 1] scale of a number, smoothed counts for a choice or a boolean, each with a
 * flat prior), and of `TPE_CANDIDATES` draws from the good density the one maximising good / bad is taken;
 * every `TPE_RANDOM_EVERY`-th configuration is random, to keep exploring.
 *
 * Like the other searches it is a pure function of the sweep's seed and the trials recorded so far, so a
 * resumed sweep plans what an uninterrupted one would. No tfjs, no React.
 */
import { makeRng, type Rng } from '../../data/random';
import {
  dimId,
  numberAt,
  unitOf,
  type Dimension,
  type SweepSpace,
  type SweepValue,
  type SweepValues,
} from './space';
import { rankTrials, randomValues, type TrialSummary } from './samplers';

export const TPE_STARTUP = 8;
export const TPE_CANDIDATES = 24;
/**
 * Every this-many-th configuration after the start is random (as SMAC interleaves random ones): univariate
 * densities cannot see that a choice's trials were bad for their other settings, and would never try it again.
 */
export const TPE_RANDOM_EVERY = 4;
/** Share of the ok trials called good (at least one, at most 25, as Optuna's default γ). */
export const TPE_GAMMA = 0.25;

/**
 * A Parzen estimator on [0, 1]: a Gaussian at each point, its bandwidth the larger gap to its neighbours (the
 * ends counting as neighbours) clipped to [1 / min(100, n + 1), 1], as Optuna's; plus a flat prior weighing
 * as one point, so that no region is ever ruled out.
 */
interface Parzen {
  readonly mu: readonly number[];
  readonly sigma: readonly number[];
}

function parzen(points: readonly number[]): Parzen {
  const order = [...points].sort((x, y) => x - y);
  const floor = 1 / Math.min(100, order.length + 1);
  const sigma = order.map((p, i) => {
    const left = p - (i > 0 ? order[i - 1] : 0);
    const right = (i + 1 < order.length ? order[i + 1] : 1) - p;
    return Math.min(1, Math.max(floor, left, right));
  });
  return { mu: order, sigma };
}

function logDensity(e: Parzen, u: number): number {
  let density = 1; // the prior: uniform on [0, 1]
  e.mu.forEach((m, i) => {
    const s = e.sigma[i];
    density += Math.exp(-0.5 * ((u - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));
  });
  return Math.log(density / (e.mu.length + 1));
}

function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** One setting's value: the candidate drawn from the good density that the bad one explains least. */
function proposeOne(
  d: Dimension,
  good: readonly SweepValue[],
  bad: readonly SweepValue[],
  rng: Rng,
): SweepValue {
  if (d.kind === 'number') {
    const g = parzen(good.map((v) => unitOf(d, v as number)));
    const b = parzen(bad.map((v) => unitOf(d, v as number)));
    let best = 0.5;
    let bestScore = -Infinity;
    for (let c = 0; c < TPE_CANDIDATES; c++) {
      // Pick a component of the good mixture (the prior among them) and draw from it.
      const k = rng.int(g.mu.length + 1);
      const u =
        k === g.mu.length ? rng.next() : Math.min(1, Math.max(0, g.mu[k] + g.sigma[k] * gaussian(rng)));
      const score = logDensity(g, u) - logDensity(b, u);
      if (score > bestScore) [best, bestScore] = [u, score];
    }
    return numberAt(d, best);
  }
  const options: readonly SweepValue[] = d.kind === 'choice' ? d.options : [false, true];
  const weight = (group: readonly SweepValue[], o: SweepValue) =>
    (1 + group.filter((v) => v === o).length) / (options.length + group.length);
  let best = options[0];
  let bestScore = -Infinity;
  for (let c = 0; c < TPE_CANDIDATES; c++) {
    // A draw from the good group's smoothed frequencies.
    let r = rng.next();
    let o = options[options.length - 1];
    for (const x of options) {
      r -= weight(good, x);
      if (r < 0) {
        o = x;
        break;
      }
    }
    const score = Math.log(weight(good, o)) - Math.log(weight(bad, o));
    if (score > bestScore) [best, bestScore] = [o, score];
  }
  return best;
}

/** Configuration `config` of a TPE search after the `done` trials (random until `TPE_STARTUP` are ok). */
export function tpeValues(
  space: SweepSpace,
  seed: string,
  config: number,
  done: readonly TrialSummary[],
  smallerIsBetter: boolean,
): SweepValues {
  const ok = done.filter((t) => t.status === 'ok' && t.valid !== null && Number.isFinite(t.valid));
  if (ok.length < TPE_STARTUP || config % TPE_RANDOM_EVERY === 0) return randomValues(space, seed, config);
  const ranked = rankTrials(ok, smallerIsBetter);
  const nGood = Math.min(25, Math.max(1, Math.ceil(TPE_GAMMA * ranked.length)));
  const rng = makeRng(`${seed}/tpe/${config}`);
  const out: Record<string, SweepValue> = {};
  for (const d of space.dims) {
    const id = dimId(d);
    const good = ranked.slice(0, nGood).map((t) => t.values[id]);
    const bad = ranked.slice(nGood).map((t) => t.values[id]);
    out[id] = proposeOne(d, good, bad, rng);
  }
  return out;
}
