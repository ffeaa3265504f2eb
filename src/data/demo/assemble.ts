/** Stage 6: the stages' arrays as a `Dataset` (keys, titles, 1-based token columns) and its hidden truth. */
import type { CategoricalColumn, Dataset, Modality } from '../types';
import type { DemoLog } from './impressions';
import type { DemoItems } from './items';
import type { DemoUsers } from './users';
import {
  DEMO_AGE_BUCKETS,
  DEMO_DURATIONS,
  DEMO_GENDERS,
  DEMO_REGIONS,
  DEMO_TIME_BASE,
  DEMO_TOPICS,
  NT,
  type DemoOptions,
} from './vocab';

const PAD = '(none)';

/** Hidden ground truth behind the demo data, for tests and for views that compare against it. */
export interface DemoTruth {
  /** Upload time of each item, seconds since the epoch; no interaction precedes it. */
  readonly uploadTime: Float64Array;
  /**
   * Category tokens (1-based) of the topics whose visual vectors are informative (the wizard's choice; how
   * strongly is its `visual` knob: see `plantedStrengths`).
   */
  readonly visualTopicTokens: readonly number[];
  /** Hidden per-item appeal encoded in the visual vector of visual topics (0 elsewhere). */
  readonly itemAppeal: Float32Array;
  /**
   * Hidden per-item popularity: the standardised log of its exposure weight (author × item), what the feed
   * and the like's popularity term read, each scaled by the wizard's `popularity` knob.
   */
  readonly itemPopularity: Float64Array;
  /** Hidden per-item quality (not encoded in any feature). */
  readonly itemQuality: Float32Array;
  /** Row-major `[numUsers, 12]` softmax topic tastes. */
  readonly userTaste: Float32Array;
  /**
   * Per interaction row, the like logit its label was drawn from (likes.ts): the Bayes-optimal score, whose
   * AUC is the ceiling no model can pass on these labels. With the wizard's label noise the recorded label is
   * this like flipped with the noise's probability, a monotone blur of the same score.
   */
  readonly likeLogit: Float32Array;
}

function column(name: string, labels: readonly string[], tokens: Int32Array): CategoricalColumn {
  return { name, vocab: [PAD, ...labels], tokens };
}

/** 0-based indices as 1-based tokens (0 is padding). */
const plusOne = (a: Int32Array) => a.map((x) => x + 1);

export function assembleDemo(
  options: DemoOptions,
  items: DemoItems,
  users: DemoUsers,
  modalities: Modality[],
  { interactions, likeLogit }: DemoLog,
): { dataset: Dataset; truth: DemoTruth } {
  const { numItems, numAuthors } = items;
  const { numUsers } = users;
  const userKeys = new Array<string>(numUsers);
  for (let u = 0; u < numUsers; u++) userKeys[u] = `u${u + 1}`;
  const itemKeys = new Array<string>(numItems);
  const itemTitles = new Array<string>(numItems);
  const perTopic = new Int32Array(NT);
  for (let i = 0; i < numItems; i++) {
    itemKeys[i] = `v${i + 1}`;
    const k = items.topic[i];
    itemTitles[i] = `${DEMO_TOPICS[k]} #${++perTopic[k]} by @author_${items.author[i] + 1}`;
  }
  const authorNames = Array.from({ length: numAuthors }, (_, a) => `@author_${a + 1}`);

  const dataset: Dataset = {
    name: 'Demo micro-videos',
    // Seed and size only, as it always was: the share link's record of the knobs is the worker's (data.ts).
    source: { kind: 'demo', seed: options.seed, users: numUsers, items: numItems },
    numUsers,
    numItems,
    userKeys,
    itemKeys,
    itemTitles,
    userFields: [
      column('age', DEMO_AGE_BUCKETS, plusOne(users.age)),
      column('gender', DEMO_GENDERS, plusOne(users.gender)),
      column('region', DEMO_REGIONS, plusOne(users.region)),
    ],
    itemFields: [
      column('category', DEMO_TOPICS, plusOne(items.topic)),
      column('author', authorNames, plusOne(items.author)),
      column('duration', DEMO_DURATIONS, plusOne(items.duration)),
    ],
    itemMultiFields: [],
    modalities,
    interactions,
  };
  const uploadTime = new Float64Array(numItems);
  for (let i = 0; i < numItems; i++) uploadTime[i] = DEMO_TIME_BASE + items.upload[i];
  const truth: DemoTruth = {
    uploadTime,
    visualTopicTokens: options.visualTopics.map((t) => DEMO_TOPICS.indexOf(t) + 1),
    itemAppeal: items.appeal,
    itemPopularity: items.logPop,
    itemQuality: items.quality,
    userTaste: users.taste,
    likeLogit,
  };
  return { dataset, truth };
}
