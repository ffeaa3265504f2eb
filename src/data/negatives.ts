import type { Rng } from './random';
import type { Interactions } from './types';

/** A user who interacted with every item: no item is left to sample as their negative. */
export class NoNegativesError extends Error {
  constructor(
    readonly user: number,
    readonly numItems: number,
  ) {
    super(`user ${user} has interacted with every item (${numItems}): no negatives left`);
  }
}

/**
 * Turns implicit feedback (every row a positive) into labelled ctr rows: each positive is followed by
 * `ratio` negatives, items the user never interacted with, drawn uniformly with the given seeded rng and
 * stamped with the positive's timestamp (so a chronological split keeps each pair together).
 */
export function withSampledNegatives(
  inter: Interactions,
  numItems: number,
  ratio: number,
  rng: Rng,
): Interactions {
  const n = inter.user.length;
  const seen = new Map<number, Set<number>>();
  for (let r = 0; r < n; r++) {
    let s = seen.get(inter.user[r]);
    if (!s) seen.set(inter.user[r], (s = new Set()));
    s.add(inter.item[r]);
  }
  const out = n * (1 + ratio);
  const user = new Int32Array(out);
  const item = new Int32Array(out);
  const timestamp = new Float64Array(out);
  const label = new Float32Array(out);
  let w = 0;
  for (let r = 0; r < n; r++) {
    const u = inter.user[r];
    user[w] = u;
    item[w] = inter.item[r];
    timestamp[w] = inter.timestamp[r];
    label[w++] = 1;
    const userSeen = seen.get(u)!;
    if (userSeen.size >= numItems) throw new NoNegativesError(u, numItems);
    for (let k = 0; k < ratio; k++) {
      let j = rng.int(numItems);
      while (userSeen.has(j)) j = rng.int(numItems);
      user[w] = u;
      item[w] = j;
      timestamp[w] = inter.timestamp[r];
      label[w++] = 0;
    }
  }
  return { user, item, timestamp, label };
}
