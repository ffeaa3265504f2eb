/**
 * Seeded synthetic micro-video data (TikTok / Kuaishou-like) with structure planted on purpose, so that the
 * playground has something real for models to find and for attention / ablation views to show:
 *
 * - Age bucket × topic drives likes far more than the topic alone (young users like dance/gaming, older users
 *   news/cooking): a feature-interaction model must cross a user field with an item field to win
 *   (affinity.ts; applied in likes.ts, and scaled down to the tastes in users.ts).
 * - The visual modality is informative only for the "visual" half of the topics, and there it also encodes a
 *   hidden per-item appeal and style that change the like probability. So visual features carry signal
 *   beyond the category id for those topics and are pure noise elsewhere: a modality-attention view should
 *   learn to lean on vision exactly there (items.ts draws appeal and style, modalities.ts encodes them,
 *   likes.ts applies them).
 * - Text is informative for every topic (centroid + author + noise), acoustic only weakly: a modality ranking
 *   (modalities.ts).
 * - Recently liked topics raise both exposure to and likes of the same topic, so the order of a user's
 *   behaviour carries signal that sequence models can exploit and static models cannot (exposure.ts,
 *   likes.ts).
 * - Exposure is popularity-biased (heavy-tailed) and time-aware (nothing is shown before its upload), as in
 *   real logs, so popularity baselines are strong and time-ordered splits are meaningful (exposure.ts).
 *
 * One file per stage, run in this order: items, modalities, users, impressions (exposure and labels, which
 * feed each other), assemble. All randomness comes from `makeRng`, one stream per stage, so the same options
 * give a byte-identical dataset; `pinned.test.ts` holds the digests that prove it.
 */
import { makeRng } from '../random';
import type { Dataset } from '../types';
import { assembleDemo, type DemoTruth } from './assemble';
import { flipLabels, generateImpressions } from './impressions';
import { generateItems, makeCold, type DemoItems } from './items';
import { likeTerms, type LikeTerms } from './likes';
import { generateModalities } from './modalities';
import { generateUsers } from './users';
import { DEMO_DEFAULTS, NT, canonicalTopics, visualMask, type DemoOptions } from './vocab';

export type { DemoTruth } from './assemble';
export type { LikeTerms } from './likes';
export {
  DEMO_AGE_BUCKETS,
  DEMO_DEFAULTS,
  DEMO_DURATIONS,
  DEMO_GENDERS,
  DEMO_KNOB_KEYS,
  DEMO_REGIONS,
  DEMO_TIME_BASE,
  DEMO_TOPICS,
  DEMO_VISUAL_TOPICS,
  DEMO_WINDOW_SECONDS,
  canonicalTopics,
  demoKnobs,
  type DemoKnobs,
  type DemoOptions,
} from './vocab';

/** Like `generateDemo`, also returning the hidden ground truth. */
export function generateDemoWithTruth(options?: Partial<DemoOptions>): {
  dataset: Dataset;
  truth: DemoTruth;
} {
  const { o, items, users } = itemsAndUsers(options);
  const perUser = Math.max(1, o.interactionsPerUser);
  const modalities = generateModalities(items, makeRng(`demo:${o.seed}:vectors`), o);
  // Popularity bias: the exposure weights to the knob's power (the like's popularity term scales in likes.ts).
  const exposed =
    o.popularity === 1 ? items : { ...items, weight: items.weight.map((w) => w ** o.popularity) };
  const log = generateImpressions(exposed, users, perUser, makeRng(`demo:${o.seed}:log`), o);
  if (o.labelNoise > 0) flipLabels(log.interactions.label, o.labelNoise, makeRng(`demo:${o.seed}:noise`));
  return assembleDemo(o, items, users, modalities, log);
}

/** The options over the defaults, each knob clamped to the range the wizard offers. */
export function resolveDemoOptions(options: Partial<DemoOptions> | undefined): DemoOptions {
  const o: DemoOptions = { ...DEMO_DEFAULTS, ...options };
  const clamp = (x: number, lo: number, hi: number) =>
    Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : lo;
  return {
    ...o,
    ageTopic: clamp(o.ageTopic, 0, 3),
    visual: clamp(o.visual, 0, 3),
    visualTopics: canonicalTopics(o.visualTopics),
    text: clamp(o.text, 0, 3),
    acoustic: clamp(o.acoustic, 0, 3),
    recency: clamp(o.recency, 0, 3),
    popularity: clamp(o.popularity, 0, 2),
    labelNoise: clamp(o.labelNoise, 0, 0.5),
    coldItems: clamp(o.coldItems, 0, 0.5),
  };
}

/**
 * How strongly each planted signal the planted-vs-learned view reads is in the labels: its knob, times what
 * label noise leaves of any signal (1 - 2 × the flipped share). 0: nothing of it is planted.
 */
export function plantedStrengths(options: Partial<DemoOptions> | undefined): {
  cross: number;
  visual: number;
  recency: number;
  /** Popularity as the interactions show it (exposure and likes; what a top-k model sees). */
  popularity: number;
  /** Popularity in the like alone, given exposure (what a ctr model's label sees). */
  popularityInLikes: number;
} {
  const o = resolveDemoOptions(options);
  const kept = 1 - 2 * o.labelNoise;
  return {
    cross: o.ageTopic * kept,
    visual: (o.visualTopics.length > 0 ? o.visual : 0) * kept,
    recency: o.recency * kept,
    popularity: o.popularity,
    popularityInLikes: o.popularity * kept,
  };
}

/**
 * The options over the defaults, and the item and user stages they give. Independent streams per stage, so
 * changing one stage does not reshuffle the others, and an analysis can rebuild these two alone.
 */
function itemsAndUsers(options: Partial<DemoOptions> | undefined): {
  o: DemoOptions;
  items: DemoItems;
  users: ReturnType<typeof generateUsers>;
} {
  const o = resolveDemoOptions(options);
  const numUsers = Math.max(1, Math.floor(o.users));
  const numItems = Math.max(1, Math.floor(o.items));
  const items = generateItems(numItems, makeRng(`demo:${o.seed}:items`), visualMask(o.visualTopics));
  if (o.coldItems > 0) makeCold(items, o.coldItems, makeRng(`demo:${o.seed}:cold`));
  return { o, items, users: generateUsers(numUsers, makeRng(`demo:${o.seed}:users`), o.ageTopic) };
}

/**
 * Per interaction row of `generateDemoWithTruth(options)`, each planted term of the like logit its label was
 * drawn from (likes.ts). The recency term, which depends on the order of draws, is what the recorded logit
 * holds beyond the other terms. For analyses of what a model learned; never a feature.
 */
export function demoLikeTerms(
  options: Partial<DemoOptions> | undefined,
  dataset: Dataset,
  truth: DemoTruth,
): Record<keyof LikeTerms, Float32Array> {
  const { o, items, users } = itemsAndUsers(options);
  const { user, item } = dataset.interactions;
  const n = user.length;
  const none = new Float64Array(NT);
  const names = Object.keys(likeTerms(users, 0, items, 0, none, o)) as (keyof LikeTerms)[];
  const out = Object.fromEntries(names.map((k) => [k, new Float32Array(n)])) as Record<
    keyof LikeTerms,
    Float32Array
  >;
  for (let i = 0; i < n; i++) {
    const t = likeTerms(users, user[i], items, item[i], none, o);
    let rest = 0;
    for (const k of names) {
      out[k][i] = t[k];
      rest += t[k];
    }
    out.recency[i] = truth.likeLogit[i] - rest;
  }
  return out;
}

/** A seeded synthetic micro-video dataset; same options, byte-identical result. */
export function generateDemo(options?: Partial<DemoOptions>): Dataset {
  return generateDemoWithTruth(options).dataset;
}
