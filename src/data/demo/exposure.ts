/**
 * Stage 4, exposure: how many impressions each user gets, when, and which item each one shows. The planted
 * effects here are popularity bias (a heavy-tailed feed), time-awareness (nothing is shown before its upload)
 * and the sequence signal's exposure half: a user is often shown more of the topic they liked last.
 * Draws from the `log` stream, interleaved with the like draws (impressions.ts).
 */
import type { Rng } from '../random';
import type { OnlineIndex } from './online';
import { countAtMost, searchCum } from './sampling';
import { DEMO_WINDOW_SECONDS, NT } from './vocab';

/** Share of draws from the popularity feed over every online item. */
const P_POPULAR = 0.4;
/** Share of draws continuing the topic of the user's last like (when there is one), times the recency knob. */
const P_CONTINUE = 0.15;
// The rest of the draws pick a topic by the user's taste. After DRAWS_BEFORE_POPULAR duplicates a slot falls
// back to the popularity feed, and after MAX_DRAWS it stays empty.
const DRAWS_BEFORE_POPULAR = 8;
const MAX_DRAWS = 12;
/** Spread of the log-normal impression count around `interactionsPerUser`. */
const COUNT_SIGMA = 0.6;
const MIN_IMPRESSIONS = 5;

/**
 * Impressions per user: log-normal with mean `perUser`, at least MIN_IMPRESSIONS, at most half the items (so
 * unseen items remain to draw). `maxPerUser` bounds every count.
 */
export function impressionCounts(
  numUsers: number,
  numItems: number,
  perUser: number,
  rng: Rng,
): { counts: Int32Array; capacity: number; maxPerUser: number } {
  const counts = new Int32Array(numUsers);
  const mu = Math.log(perUser) - (COUNT_SIGMA * COUNT_SIGMA) / 2;
  const maxPerUser = Math.max(1, Math.floor(numItems * 0.5));
  let capacity = 0;
  for (let u = 0; u < numUsers; u++) {
    const n = Math.max(MIN_IMPRESSIONS, Math.round(Math.exp(mu + COUNT_SIGMA * rng.normal())));
    counts[u] = Math.min(n, maxPerUser);
    capacity += counts[u];
  }
  return { counts, capacity, maxPerUser };
}

/**
 * Writes `count` sorted impression times (seconds after DEMO_TIME_BASE) to `times`: an activity window of
 * log-normal length (median ~3 weeks) placed uniformly inside the 90 days, filled by normalised exponential
 * spacings. `spacing` is scratch of length > count.
 */
export function impressionTimes(count: number, rng: Rng, times: Float64Array, spacing: Float64Array): void {
  const W = DEMO_WINDOW_SECONDS;
  const len = Math.min(W - 3600, 86_400 * Math.exp(Math.log(20) + 0.8 * rng.normal()));
  const start = rng.next() * (W - len);
  let acc = 0;
  for (let j = 0; j <= count; j++) spacing[j] = acc += -Math.log(1 - rng.next());
  for (let j = 0; j < count; j++) times[j] = Math.floor(start + (len * spacing[j]) / acc);
}

/** A user's state while their impressions are drawn. */
export interface Viewer {
  readonly user: number;
  /** Cumulative sums of the user's topic tastes. */
  readonly tasteCum: Float64Array;
  /** Topic of the last like, -1 before the first. */
  lastLiked: number;
}

/**
 * An online item (uploaded at or before `t`) that `viewer` has not seen (`seenBy[item] !== viewer.user`),
 * from the mixture of popularity feed, last-liked topic and taste; -1 if MAX_DRAWS draws all hit seen items.
 * `recency` (the wizard's knob, at most 3) scales the share that continues the last liked topic.
 */
export function drawExposure(
  online: OnlineIndex,
  viewer: Viewer,
  t: number,
  seenBy: Int32Array,
  rng: Rng,
  recency = 1,
): number {
  const pContinue = P_CONTINUE * recency;
  const { byTime, timeUpload, timeCum, byTopic, topicStart, topicUpload, topicCum } = online;
  const onlineAll = countAtMost(timeUpload, 0, timeUpload.length, t);
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const r = rng.next();
    // Topic to draw from; -1 = popularity feed (also when the topic has nothing online yet).
    let k: number;
    if (r < P_POPULAR || attempt >= DRAWS_BEFORE_POPULAR) k = -1;
    else if (r < P_POPULAR + pContinue && viewer.lastLiked >= 0) k = viewer.lastLiked;
    else k = searchCum(viewer.tasteCum, 0, NT, rng.next() * viewer.tasteCum[NT - 1]);
    const lo = k >= 0 ? topicStart[k] : 0;
    const onTopic = k >= 0 ? countAtMost(topicUpload, lo, topicStart[k + 1], t) : 0;
    let cand: number;
    if (onTopic > 0) {
      cand = byTopic[searchCum(topicCum, lo, lo + onTopic, rng.next() * topicCum[lo + onTopic - 1])];
    } else {
      cand = byTime[searchCum(timeCum, 0, onlineAll, rng.next() * timeCum[onlineAll - 1])];
    }
    if (seenBy[cand] !== viewer.user) return cand;
  }
  return -1;
}
