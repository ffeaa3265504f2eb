/**
 * Stages 4 and 5 together: the interaction log, user by user in time order. Exposure and labels share the
 * `log` stream and feed each other (a like steers the next exposures and likes), so they run in one loop:
 * per slot, the exposure draws (exposure.ts), then the like draw (likes.ts).
 */
import type { Rng } from '../random';
import type { Interactions } from '../types';
import { drawExposure, impressionCounts, impressionTimes, type Viewer } from './exposure';
import type { DemoItems } from './items';
import { decayRecent, drawLike, likeLogit, type LikeKnobs } from './likes';
import { indexOnline } from './online';
import type { DemoUsers } from './users';
import { DEMO_TIME_BASE, NT } from './vocab';

/** The log and, per row, the like logit its label was drawn from (hidden truth, never a feature). */
export interface DemoLog {
  readonly interactions: Interactions;
  readonly likeLogit: Float32Array;
}

/** Impressions sorted by (user, time), at most one per (user, item), with their like labels. */
export function generateImpressions(
  items: DemoItems,
  users: DemoUsers,
  perUser: number,
  rng: Rng,
  knobs: LikeKnobs,
): DemoLog {
  const { numItems, topic } = items;
  const { numUsers, taste } = users;
  const online = indexOnline(items);
  const { counts, capacity, maxPerUser } = impressionCounts(numUsers, numItems, perUser, rng);
  const outUser = new Int32Array(capacity);
  const outItem = new Int32Array(capacity);
  const outTime = new Float64Array(capacity);
  const outLabel = new Float32Array(capacity);
  const outLogit = new Float32Array(capacity);
  const seenBy = new Int32Array(numItems).fill(-1);
  const recent = new Float64Array(NT);
  const tasteCum = new Float64Array(NT);
  const times = new Float64Array(maxPerUser);
  const spacing = new Float64Array(maxPerUser + 1);
  let n = 0;

  for (let u = 0; u < numUsers; u++) {
    const count = counts[u];
    impressionTimes(count, rng, times, spacing);
    let s = 0;
    for (let k = 0; k < NT; k++) tasteCum[k] = s += taste[u * NT + k];
    recent.fill(0);
    const viewer: Viewer = { user: u, tasteCum, lastLiked: -1 };

    for (let j = 0; j < count; j++) {
      const t = times[j];
      const item = drawExposure(online, viewer, t, seenBy, rng, knobs.recency);
      decayRecent(recent); // every slot, shown or not
      if (item < 0) continue;
      seenBy[item] = u;
      const z = likeLogit(users, u, items, item, recent, knobs);
      const like = drawLike(z, rng);
      if (like) {
        recent[topic[item]] += 1;
        viewer.lastLiked = topic[item];
      }
      outUser[n] = u;
      outItem[n] = item;
      outTime[n] = DEMO_TIME_BASE + t;
      outLabel[n] = like;
      outLogit[n] = z;
      n++;
    }
  }

  // Slots whose draws all hit seen items stay empty: drop the unused tail.
  const trim = <T extends Int32Array | Float64Array | Float32Array>(a: T): T =>
    (n === capacity ? a : a.slice(0, n)) as T;
  return {
    interactions: {
      user: trim(outUser),
      item: trim(outItem),
      timestamp: trim(outTime),
      label: trim(outLabel),
    },
    likeLogit: trim(outLogit),
  };
}

/**
 * Label noise (the wizard's knob): flips each label with probability `share`, from its own stream, after the
 * log is drawn; the like that steered the user's next impressions and its logit stay as they were.
 */
export function flipLabels(label: Float32Array, share: number, rng: Rng): void {
  for (let i = 0; i < label.length; i++) if (rng.next() < share) label[i] = 1 - label[i];
}
