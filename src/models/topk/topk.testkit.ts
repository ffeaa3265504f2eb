/**
 * Fixtures for the top-k tests (imported by `*.test.ts` only): a tiny seeded implicit dataset with planted
 * structure and two item modalities, split per user into train / valid / test lists, with the chronological
 * sequences sequence models read (each user's items in the order they were drawn).
 */
import { makeRng } from '../../data/random';
import type { UserSequences } from '../../data/sequences';
import { userItemsFromPairs, type UserItems } from '../../engine/metrics/topk';
import type { TopkTrainData } from '../../engine/train/topk';
import type { TopkData } from '../contract';

export interface TinyTopk {
  readonly data: TopkData;
  readonly split: TopkTrainData;
  /** Every interaction (train ∪ valid ∪ test) per user. */
  readonly all: UserItems;
}

/**
 * `users` users and `items` items in `groups` taste groups; each user interacts with `perUser` items of its
 * own group (the last two become validation and test). Modality `genre` is the item's group one-hot plus
 * noise (informative), `noise` is pure noise.
 */
export function tinyTopk(seed: number, users = 24, items = 40, groups = 4, perUser = 6): TinyTopk {
  const rng = makeRng(seed);
  const itemGroup = Int32Array.from({ length: items }, (_, i) => i % groups);
  const pairs: [number[], number[]][] = [
    [[], []],
    [[], []],
    [[], []],
  ]; // train, valid, test as [users, items]
  const allU: number[] = [];
  const allI: number[] = [];
  for (let u = 0; u < users; u++) {
    const g = u % groups;
    const own = [...Array(items).keys()].filter((i) => itemGroup[i] === g);
    for (let k = own.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [own[k], own[j]] = [own[j], own[k]];
    }
    own.slice(0, perUser).forEach((i, k) => {
      const part = k < perUser - 2 ? 0 : k === perUser - 2 ? 1 : 2;
      pairs[part][0].push(u);
      pairs[part][1].push(i);
      allU.push(u);
      allI.push(i);
    });
  }
  const lists = pairs.map(([us, is]) => userItemsFromPairs(users, us, is));
  /** Pairs are pushed user by user in drawing order: that order is the sequence. */
  const sequence = ([us, is]: [number[], number[]]): UserSequences => {
    const indptr = new Int32Array(users + 1);
    for (const u of us) indptr[u + 1]++;
    for (let u = 0; u < users; u++) indptr[u + 1] += indptr[u];
    return { indptr, items: Int32Array.from(is) };
  };
  const sequences = { train: sequence(pairs[0]), valid: sequence(pairs[1]) };
  const genre = new Float32Array(items * groups);
  const noise = new Float32Array(items * 8);
  for (let i = 0; i < items; i++) {
    for (let g = 0; g < groups; g++)
      genre[i * groups + g] = (g === itemGroup[i] ? 1 : 0) + 0.1 * rng.normal();
    for (let k = 0; k < 8; k++) noise[i * 8 + k] = rng.normal();
  }
  return {
    data: {
      numUsers: users,
      numItems: items,
      train: lists[0],
      modalities: [
        { name: 'genre', dim: groups, data: genre },
        { name: 'noise', dim: 8, data: noise },
      ],
      sequences,
    },
    split: { numItems: items, train: lists[0], valid: lists[1], test: lists[2], sequences },
    all: userItemsFromPairs(users, allU, allI),
  };
}
