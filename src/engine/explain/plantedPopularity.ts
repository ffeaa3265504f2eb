/**
 * Planted vs learned, the popularity row (issue 23's "popularity only" preset): the demo generator gives each
 * item a hidden popularity (its author's and its own heavy-tailed exposure weight) that makes it shown more
 * and liked more (`data/demo/items.ts`, `likes.ts`; the data wizard's `popularity` knob scales both). The
 * agreement is Spearman's ρ between that hidden popularity and the model's mean score of each item:
 *
 * - a ctr model: the mean validation logit of the rows that show the item (items with at least
 *   `POPULARITY_MIN_ROWS` of them);
 * - a top-k model: the mean score over the validation users it ranks (a seeded sample of at most
 *   `POPULARITY_USERS`), every item.
 *
 * Chance is 0: a ranking that knows nothing of the hidden popularity. The generator with its popularity knob
 * at 0 (uniform exposure, no popularity term in the like) gives |ρ| under 0.1 for every model (tests), so
 * the verdict needs ρ ≥ 0.4 for "learned" and 0.15 for "partly".
 */
import * as tf from '@tensorflow/tfjs-core';
import type { PlantedSignal } from '../../contract/explain';
import { makeRng, shuffleInPlace } from '../../data/random';
import type { TopkModel } from '../../models/contract';
import { spearman } from '../metrics/rankCorrelation';

export const POPULARITY_MIN_ROWS = 3;
export const POPULARITY_USERS = 256;
export const POPULARITY_LEARNED = 0.4;
export const POPULARITY_PARTLY = 0.15;

/** Each item's mean score, NaN where the model scored it too rarely to say. */
export type ItemScores = Float64Array;

/** A ctr model's mean logit per item over `rows` (`logits[k]` is row `rows[k]`'s; NaN under `minRows`). */
export function ctrItemScores(
  logits: ArrayLike<number>,
  rows: Int32Array,
  itemOfRow: Int32Array,
  numItems: number,
  minRows = POPULARITY_MIN_ROWS,
): ItemScores {
  const sum = new Float64Array(numItems);
  const count = new Int32Array(numItems);
  rows.forEach((row, k) => {
    sum[itemOfRow[row]] += logits[k];
    count[itemOfRow[row]]++;
  });
  return sum.map((s, i) => (count[i] >= minRows ? s / count[i] : NaN));
}

/** A top-k model's mean score per item over a seeded sample of `users` (at most `POPULARITY_USERS`). */
export async function topkItemScores(
  model: Pick<TopkModel, 'scoreUsers'>,
  users: Int32Array,
  numItems: number,
  chunk = 64,
): Promise<ItemScores> {
  const pool = Array.from(users);
  const sample = Int32Array.from(
    pool.length > POPULARITY_USERS
      ? shuffleInPlace(pool, makeRng('planted/popularity')).slice(0, POPULARITY_USERS)
      : pool,
  );
  const sum = new Float64Array(numItems);
  for (let k = 0; k < sample.length; k += chunk) {
    const part = sample.subarray(k, k + chunk);
    const mean = tf.tidy(() => tf.sum(model.scoreUsers(part, 'valid'), 0));
    const data = await mean.data();
    mean.dispose();
    for (let i = 0; i < numItems; i++) sum[i] += data[i];
  }
  return sample.length ? sum.map((s) => s / sample.length) : sum.fill(NaN);
}

/** ρ between the planted popularity and the scores, over the items the model scored; null under 10 of them. */
export function popularityAgreement(
  planted: ArrayLike<number>,
  scores: ItemScores,
): { rho: number; items: number } | null {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (Number.isFinite(scores[i])) {
      x.push(planted[i]);
      y.push(scores[i]);
    }
  }
  if (x.length < 10) return null;
  const rho = spearman(x, y);
  return rho === null ? null : { rho, items: x.length };
}

export function popularityVerdict(rho: number): PlantedSignal['verdict'] {
  if (rho >= POPULARITY_LEARNED) return 'learned';
  if (rho >= POPULARITY_PARTLY) return 'partly';
  return rho <= -POPULARITY_PARTLY ? 'against' : 'chance';
}

/** The row. */
export function popularitySignal(a: { rho: number; items: number }): PlantedSignal {
  const verdict = popularityVerdict(a.rho);
  const rho = a.rho.toFixed(2);
  const what: Record<PlantedSignal['verdict'], string> = {
    learned: `Its item scores follow the hidden popularity closely (ρ ${rho}): popular items rank high for everyone.`,
    partly: `Its item scores lean toward the hidden popularity (ρ ${rho}) but much else decides them.`,
    chance: `Its item scores do not follow the hidden popularity (ρ ${rho}, chance 0).`,
    against: `Its item scores run against the hidden popularity (ρ ${rho}).`,
    unplanted: '',
  };
  return {
    id: 'popularity',
    planted: 'popularity: each item’s hidden exposure weight, shown more and liked more',
    learned: `mean score of each item (${a.items.toLocaleString('en')} items), rank correlation`,
    value: a.rho,
    chance: 0,
    best: 1,
    shown: `ρ ${rho}`,
    verdict,
    sentence: what[verdict],
  };
}
