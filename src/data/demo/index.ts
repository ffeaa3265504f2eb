/**
 * Seeded synthetic micro-video data (TikTok / Kuaishou-like) with structure planted on purpose, so that the
 * playground has something real for models to find and for attention / ablation views to show:
 *
 * - Age bucket × topic drives likes far more than the topic alone (young users like dance/gaming, older users
 *   news/cooking): a feature-interaction model must cross a user field with an item field to win.
 * - The visual modality is informative only for the "visual" half of the topics, and there it also encodes a
 *   hidden per-item appeal and style that change the like probability. So visual features carry signal
 *   beyond the category id for those topics and are pure noise elsewhere: a modality-attention view should
 *   learn to lean on vision exactly there.
 * - Text is informative for every topic (centroid + author + noise), acoustic only weakly: a modality ranking.
 * - Recently liked topics raise both exposure to and likes of the same topic, so the order of a user's
 *   behaviour carries signal that sequence models can exploit and static models cannot.
 * - Exposure is popularity-biased (heavy-tailed) and time-aware (nothing is shown before its upload), as in
 *   real logs, so popularity baselines are strong and time-ordered splits are meaningful.
 *
 * All randomness comes from `makeRng`, so the same options give a byte-identical dataset.
 */
import { makeRng, type Rng } from '../random';
import type { CategoricalColumn, Dataset, Modality } from '../types';

export interface DemoOptions {
  seed: number;
  users: number;
  items: number;
  interactionsPerUser: number;
}

export const DEMO_DEFAULTS: DemoOptions = { seed: 42, users: 2000, items: 3000, interactionsPerUser: 50 };

/** Human names of the topics; topic `k` (0-based) has category token `k + 1`. */
export const DEMO_TOPICS: readonly string[] = [
  'dance',
  'gaming',
  'cooking',
  'pets',
  'travel',
  'news',
  'comedy',
  'music',
  'sports',
  'beauty',
  'science',
  'diy',
];

/** Topics whose visual vectors carry topic + appeal/style signal; the other topics get pure visual noise. */
export const DEMO_VISUAL_TOPICS: readonly string[] = [
  'dance',
  'cooking',
  'pets',
  'travel',
  'sports',
  'beauty',
];

export const DEMO_AGE_BUCKETS: readonly string[] = ['<18', '18-24', '25-34', '35-44', '45-54', '55+'];
export const DEMO_DURATIONS: readonly string[] = ['<15s', '15-30s', '30-60s', '1-3min', '3min+'];
export const DEMO_GENDERS: readonly string[] = ['female', 'male', 'other'];
export const DEMO_REGIONS: readonly string[] = [
  'north',
  'south',
  'east',
  'west',
  'central',
  'coast',
  'mountains',
  'overseas',
];

/** Start of the 90-day window (seconds since the epoch) and its length. */
export const DEMO_TIME_BASE = 1_700_000_000;
export const DEMO_WINDOW_SECONDS = 90 * 86_400;

const PAD = '(none)';
const NT = 12;
const DIM_VISUAL = 64;
const DIM_ACOUSTIC = 32;
const DIM_TEXT = 48;
const STYLE_DIM = 3;

// Skewed topic popularity (share of uploads and of favourite topics), in DEMO_TOPICS order.
const TOPIC_WEIGHT = [0.16, 0.13, 0.1, 0.09, 0.06, 0.05, 0.12, 0.1, 0.07, 0.06, 0.03, 0.03];
const AGE_WEIGHT = [0.12, 0.28, 0.25, 0.16, 0.11, 0.08];
const GENDER_WEIGHT = [0.49, 0.47, 0.04];
const DURATION_WEIGHT = [0.28, 0.3, 0.22, 0.14, 0.06];
/** Like-logit shift by duration: short clips get finished and liked more. */
const DURATION_EFFECT = [0.15, 0.1, 0, -0.1, -0.25];

/**
 * Like-logit shift by age bucket (rows) and topic (columns, DEMO_TOPICS order). Strong on purpose.
 *                 dance gaming cook  pets  travel news comedy music sports beauty sci   diy
 */
const AGE_TOPIC: readonly (readonly number[])[] = [
  [1.6, 1.5, -1.0, 0.3, -0.6, -1.6, 0.8, 0.9, 0.2, 0.5, -0.4, -0.6], // <18
  [1.2, 1.0, -0.5, 0.2, 0.2, -1.0, 0.6, 0.7, 0.2, 0.6, -0.2, -0.3], // 18-24
  [0.2, 0.3, 0.3, 0.2, 0.6, 0.0, 0.3, 0.2, 0.3, 0.3, 0.2, 0.3], // 25-34
  [-0.6, -0.4, 0.8, 0.3, 0.5, 0.6, 0.0, -0.2, 0.3, -0.1, 0.3, 0.6], // 35-44
  [-1.2, -1.1, 1.2, 0.3, 0.4, 1.2, -0.3, -0.4, 0.2, -0.4, 0.3, 0.8], // 45-54
  [-1.6, -1.6, 1.5, 0.4, 0.3, 1.6, -0.4, -0.5, 0.0, -0.6, 0.2, 0.7], // 55+
];
/** Milder gender × topic shift (female, male, other). */
const GENDER_TOPIC: readonly (readonly number[])[] = [
  [0.2, -0.4, 0.2, 0.1, 0.1, 0.0, 0.0, 0.1, -0.4, 0.7, -0.1, 0.0],
  [-0.2, 0.4, -0.2, -0.1, 0.0, 0.1, 0.1, 0.0, 0.5, -0.6, 0.2, 0.1],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
];

// Label model coefficients.
const BIAS = -2;
const W_TASTE = 0.45;
const W_APPEAL = 0.8;
const W_STYLE = 0.8;
const W_QUALITY = 0.4;
const W_POP = 0.25;
const W_RECENT = 0.45;
const RECENT_DECAY = 0.75;
const RECENT_CAP = 3;
// Exposure mixture: popularity feed, continuation of the last liked topic, otherwise the user's tastes.
const P_POPULAR = 0.4;
const P_CONTINUE = 0.15;

/** Cumulative sums of `w`. */
function cumulative(w: ArrayLike<number>): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i];
  return c;
}

/** Smallest index i in [lo, hi) with cum[i] > x (hi - 1 if none, guarding float round-off). */
function searchCum(cum: Float64Array, lo: number, hi: number, x: number): number {
  const last = hi - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo > last ? last : lo;
}

/** Number of entries in sorted `t[lo, hi)` that are <= x, i.e. the first index past them, minus lo. */
function countAtMost(t: Float64Array, lo: number, hi: number, x: number): number {
  const start = lo;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - start;
}

function pick(cum: Float64Array, rng: Rng): number {
  return searchCum(cum, 0, cum.length, rng.next() * cum[cum.length - 1]);
}

function gauss(n: number, scale: number, rng: Rng): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.normal() * scale;
  return a;
}

function column(name: string, labels: readonly string[], tokens: Int32Array): CategoricalColumn {
  return { name, vocab: [PAD, ...labels], tokens };
}

/** Hidden ground truth behind the demo data, for tests and for views that compare against it. */
export interface DemoTruth {
  /** Upload time of each item, seconds since the epoch; no interaction precedes it. */
  readonly uploadTime: Float64Array;
  /** Category tokens (1-based) of the topics whose visual vectors are informative. */
  readonly visualTopicTokens: readonly number[];
  /** Hidden per-item appeal encoded in the visual vector of visual topics (0 elsewhere). */
  readonly itemAppeal: Float32Array;
  /** Hidden per-item quality (not encoded in any feature). */
  readonly itemQuality: Float32Array;
  /** Row-major `[numUsers, 12]` softmax topic tastes. */
  readonly userTaste: Float32Array;
}

/** Like `generateDemo`, also returning the hidden ground truth. */
export function generateDemoWithTruth(options?: Partial<DemoOptions>): {
  dataset: Dataset;
  truth: DemoTruth;
} {
  const o: DemoOptions = { ...DEMO_DEFAULTS, ...options };
  const seed = o.seed;
  const numUsers = Math.max(1, Math.floor(o.users));
  const numItems = Math.max(1, Math.floor(o.items));
  const perUser = Math.max(1, o.interactionsPerUser);
  // Independent streams per stage, so changing one stage does not reshuffle the others.
  const rngItems = makeRng(`demo:${seed}:items`);
  const rngVec = makeRng(`demo:${seed}:vectors`);
  const rngUsers = makeRng(`demo:${seed}:users`);
  const rngLog = makeRng(`demo:${seed}:log`);

  const topicCum = cumulative(TOPIC_WEIGHT);
  const visualTopic = new Uint8Array(NT);
  for (const t of DEMO_VISUAL_TOPICS) visualTopic[DEMO_TOPICS.indexOf(t)] = 1;

  // ---- Authors: a main topic and a heavy-tailed popularity each.
  const numAuthors = Math.max(1, Math.round(numItems / 10));
  const authorTopic = new Int32Array(numAuthors);
  const authorPop = new Float64Array(numAuthors);
  for (let a = 0; a < numAuthors; a++) {
    authorTopic[a] = pick(topicCum, rngItems);
    authorPop[a] = Math.exp(0.8 * rngItems.normal());
  }
  const authorCum = cumulative(authorPop);

  // ---- Items: author (every author gets at least one), topic, duration, upload, popularity, quality.
  const itemTopic = new Int32Array(numItems);
  const itemAuthor = new Int32Array(numItems);
  const itemDuration = new Int32Array(numItems);
  const uploadTime = new Float64Array(numItems);
  const itemWeight = new Float64Array(numItems);
  const itemQuality = new Float32Array(numItems);
  const itemAppeal = new Float32Array(numItems);
  const itemStyle = new Float32Array(numItems * STYLE_DIM);
  const durCum = cumulative(DURATION_WEIGHT);
  let earliest = 0;
  for (let i = 0; i < numItems; i++) {
    const a = i < numAuthors ? i : pick(authorCum, rngItems);
    itemAuthor[i] = a;
    itemTopic[i] = rngItems.next() < 0.8 ? authorTopic[a] : pick(topicCum, rngItems);
    itemDuration[i] = pick(durCum, rngItems);
    // 5 % is back catalogue already online at the start; the rest is uploaded with a front-loaded spread.
    const u = rngItems.next();
    uploadTime[i] = u < 0.05 ? 0 : Math.floor(DEMO_WINDOW_SECONDS * 0.97 * u * u);
    if (uploadTime[i] < uploadTime[earliest]) earliest = i;
    itemWeight[i] = authorPop[a] * Math.exp(1.0 * rngItems.normal());
    itemQuality[i] = rngItems.normal();
    if (visualTopic[itemTopic[i]]) {
      itemAppeal[i] = rngItems.normal();
      for (let s = 0; s < STYLE_DIM; s++) itemStyle[i * STYLE_DIM + s] = rngItems.normal();
    }
  }
  uploadTime[earliest] = 0; // something is always available
  // Standardised log popularity, for the label's popularity effect.
  const logPop = new Float64Array(numItems);
  {
    let m = 0;
    let v = 0;
    for (let i = 0; i < numItems; i++) m += logPop[i] = Math.log(itemWeight[i]);
    m /= numItems;
    for (let i = 0; i < numItems; i++) v += (logPop[i] - m) ** 2;
    const sd = Math.sqrt(v / numItems) || 1;
    for (let i = 0; i < numItems; i++) logPop[i] = (logPop[i] - m) / sd;
  }

  // ---- Modalities.
  const visual = new Float32Array(numItems * DIM_VISUAL);
  const acoustic = new Float32Array(numItems * DIM_ACOUSTIC);
  const text = new Float32Array(numItems * DIM_TEXT);
  {
    const visCentroid = gauss(NT * DIM_VISUAL, 1, rngVec);
    const appealDir = gauss(DIM_VISUAL, 1, rngVec);
    const styleProj = gauss(STYLE_DIM * DIM_VISUAL, 1, rngVec);
    const acuCentroid = gauss(NT * DIM_ACOUSTIC, 1, rngVec);
    const textCentroid = gauss(NT * DIM_TEXT, 1, rngVec);
    const authorText = gauss(numAuthors * DIM_TEXT, 1, rngVec);
    // Per-dimension variances: visual 0.5 centroid + 0.3 appeal + 0.45 style + 0.5 noise ≈ 1.75.
    const vc = Math.sqrt(0.5);
    const va = Math.sqrt(0.3);
    const vs = Math.sqrt(0.45 / STYLE_DIM);
    const vn = Math.sqrt(0.5);
    const vScale = 1 / Math.sqrt(1.75);
    for (let i = 0; i < numItems; i++) {
      const k = itemTopic[i];
      const row = i * DIM_VISUAL;
      if (visualTopic[k]) {
        const ap = itemAppeal[i];
        const st = i * STYLE_DIM;
        for (let d = 0; d < DIM_VISUAL; d++) {
          let x = vc * visCentroid[k * DIM_VISUAL + d] + va * ap * appealDir[d] + vn * rngVec.normal();
          for (let s = 0; s < STYLE_DIM; s++) x += vs * itemStyle[st + s] * styleProj[s * DIM_VISUAL + d];
          visual[row + d] = x * vScale;
        }
      } else {
        for (let d = 0; d < DIM_VISUAL; d++) visual[row + d] = rngVec.normal();
      }
      // Acoustic: weak topic signal (variance 0.15 of 1.15).
      const ar = i * DIM_ACOUSTIC;
      for (let d = 0; d < DIM_ACOUSTIC; d++) {
        acoustic[ar + d] = (0.39 * acuCentroid[k * DIM_ACOUSTIC + d] + rngVec.normal()) / 1.07;
      }
      // Text: strong topic centroid, an author component (captions, hashtags), moderate noise.
      const tr = i * DIM_TEXT;
      const a = itemAuthor[i];
      for (let d = 0; d < DIM_TEXT; d++) {
        const x =
          textCentroid[k * DIM_TEXT + d] + 0.5 * authorText[a * DIM_TEXT + d] + 0.75 * rngVec.normal();
        text[tr + d] = x / 1.35;
      }
    }
  }

  // ---- Item order by upload, per topic, for "what is online at time t" sampling with prefix sums.
  const byTopic = new Int32Array(numItems); // items sorted by (topic, upload, index)
  const topicStart = new Int32Array(NT + 1);
  const byTime = new Int32Array(numItems); // items sorted by (upload, index)
  {
    const idx = Array.from({ length: numItems }, (_, i) => i);
    idx.sort((x, y) => uploadTime[x] - uploadTime[y] || x - y);
    for (let i = 0; i < numItems; i++) byTime[i] = idx[i];
    const counts = new Int32Array(NT);
    for (let i = 0; i < numItems; i++) counts[itemTopic[i]]++;
    for (let k = 0; k < NT; k++) topicStart[k + 1] = topicStart[k] + counts[k];
    const fill = topicStart.slice(0, NT);
    for (let i = 0; i < numItems; i++) byTopic[fill[itemTopic[byTime[i]]]++] = byTime[i];
  }
  const timeUpload = new Float64Array(numItems);
  const timeWeight = new Float64Array(numItems);
  const topicUpload = new Float64Array(numItems);
  const topicWeight = new Float64Array(numItems);
  for (let i = 0; i < numItems; i++) {
    timeUpload[i] = uploadTime[byTime[i]];
    timeWeight[i] = itemWeight[byTime[i]];
    topicUpload[i] = uploadTime[byTopic[i]];
    topicWeight[i] = itemWeight[byTopic[i]];
  }
  const timeCum = cumulative(timeWeight);
  // Per-topic cumulative sums restarting at each topic's start.
  const topicCumW = new Float64Array(numItems);
  for (let k = 0; k < NT; k++) {
    let s = 0;
    for (let j = topicStart[k]; j < topicStart[k + 1]; j++) topicCumW[j] = s += topicWeight[j];
  }

  // ---- Users: demographics, tastes (softmax of normals + age/gender lean + a few favourites), style taste.
  const userAge = new Int32Array(numUsers);
  const userGender = new Int32Array(numUsers);
  const userRegion = new Int32Array(numUsers);
  const userTaste = new Float32Array(numUsers * NT);
  const userTasteLogit = new Float32Array(numUsers * NT); // centred
  const userStyle = new Float32Array(numUsers * STYLE_DIM);
  const userBias = new Float32Array(numUsers);
  const ageCum = cumulative(AGE_WEIGHT);
  const genderCum = cumulative(GENDER_WEIGHT);
  // Regions differ mildly in topic taste (travel in "coast", sports in "north", …).
  const regionTopic = gauss(DEMO_REGIONS.length * NT, 0.3, rngUsers);
  const logit = new Float64Array(NT);
  for (let u = 0; u < numUsers; u++) {
    const age = pick(ageCum, rngUsers);
    const gender = pick(genderCum, rngUsers);
    const region = rngUsers.int(DEMO_REGIONS.length);
    userAge[u] = age;
    userGender[u] = gender;
    userRegion[u] = region;
    for (let k = 0; k < NT; k++) {
      logit[k] =
        Math.log(TOPIC_WEIGHT[k]) +
        0.7 * rngUsers.normal() +
        0.6 * AGE_TOPIC[age][k] +
        0.5 * GENDER_TOPIC[gender][k] +
        regionTopic[region * NT + k];
    }
    const favourites = 1 + rngUsers.int(3);
    for (let f = 0; f < favourites; f++) logit[pick(topicCum, rngUsers)] += 1.5 + rngUsers.next();
    let max = -Infinity;
    let mean = 0;
    for (let k = 0; k < NT; k++) {
      if (logit[k] > max) max = logit[k];
      mean += logit[k] / NT;
    }
    let z = 0;
    for (let k = 0; k < NT; k++) z += Math.exp(logit[k] - max);
    for (let k = 0; k < NT; k++) {
      userTaste[u * NT + k] = Math.exp(logit[k] - max) / z;
      userTasteLogit[u * NT + k] = logit[k] - mean;
    }
    for (let s = 0; s < STYLE_DIM; s++) userStyle[u * STYLE_DIM + s] = rngUsers.normal();
    userBias[u] = 0.5 * rngUsers.normal();
  }

  // ---- Impression counts and activity windows.
  const counts = new Int32Array(numUsers);
  const sigma = 0.6;
  const mu = Math.log(perUser) - (sigma * sigma) / 2;
  const maxPerUser = Math.max(1, Math.floor(numItems * 0.5));
  let capacity = 0;
  for (let u = 0; u < numUsers; u++) {
    const n = Math.max(5, Math.round(Math.exp(mu + sigma * rngLog.normal())));
    counts[u] = Math.min(n, maxPerUser);
    capacity += counts[u];
  }
  const outUser = new Int32Array(capacity);
  const outItem = new Int32Array(capacity);
  const outTime = new Float64Array(capacity);
  const outLabel = new Float32Array(capacity);
  const seenBy = new Int32Array(numItems).fill(-1);
  const recent = new Float64Array(NT);
  const tasteCum = new Float64Array(NT);
  const spacing = new Float64Array(maxPerUser + 1);
  const W = DEMO_WINDOW_SECONDS;
  let n = 0;

  for (let u = 0; u < numUsers; u++) {
    const cnt = counts[u];
    // Activity window: lognormal length (median ~3 weeks) placed uniformly inside the 90 days.
    const len = Math.min(W - 3600, 86_400 * Math.exp(Math.log(20) + 0.8 * rngLog.normal()));
    const start = rngLog.next() * (W - len);
    // Sorted impression times from normalised exponential spacings.
    let acc = 0;
    for (let j = 0; j <= cnt; j++) spacing[j] = acc += -Math.log(1 - rngLog.next());
    let s = 0;
    for (let k = 0; k < NT; k++) tasteCum[k] = s += userTaste[u * NT + k];
    recent.fill(0);
    let lastLiked = -1;
    const age = userAge[u];
    const gender = userGender[u];
    const bu = userBias[u];
    const us = u * STYLE_DIM;

    for (let j = 0; j < cnt; j++) {
      const t = Math.floor(start + (len * spacing[j]) / acc);
      const onlineAll = countAtMost(timeUpload, 0, numItems, t);
      // Draw an unseen, online item; re-draw on duplicates, give up on this slot after a few tries.
      let item = -1;
      for (let attempt = 0; attempt < 12 && item < 0; attempt++) {
        const r = rngLog.next();
        let cand: number;
        // Topic to draw from; -1 = popularity feed (also the fallback after repeated duplicates).
        let k = -1;
        if (r < P_POPULAR || attempt >= 8) k = -1;
        else if (r < P_POPULAR + P_CONTINUE && lastLiked >= 0) k = lastLiked;
        else k = searchCum(tasteCum, 0, NT, rngLog.next() * tasteCum[NT - 1]);
        const lo = k >= 0 ? topicStart[k] : 0;
        const online = k >= 0 ? countAtMost(topicUpload, lo, topicStart[k + 1], t) : 0;
        if (online > 0) {
          const top = topicCumW[lo + online - 1];
          cand = byTopic[searchCum(topicCumW, lo, lo + online, rngLog.next() * top)];
        } else {
          cand = byTime[searchCum(timeCum, 0, onlineAll, rngLog.next() * timeCum[onlineAll - 1])];
        }
        if (seenBy[cand] !== u) item = cand;
      }
      for (let k = 0; k < NT; k++) recent[k] *= RECENT_DECAY;
      if (item < 0) continue;
      seenBy[item] = u;

      const k = itemTopic[item];
      let z =
        BIAS +
        bu +
        W_TASTE * userTasteLogit[u * NT + k] +
        AGE_TOPIC[age][k] +
        GENDER_TOPIC[gender][k] +
        W_QUALITY * itemQuality[item] +
        W_POP * logPop[item] +
        DURATION_EFFECT[itemDuration[item]] +
        W_RECENT * Math.min(RECENT_CAP, recent[k]);
      if (visualTopic[k]) {
        let m = 0;
        for (let d = 0; d < STYLE_DIM; d++) m += userStyle[us + d] * itemStyle[item * STYLE_DIM + d];
        z += W_APPEAL * itemAppeal[item] + (W_STYLE * m) / Math.sqrt(STYLE_DIM);
      }
      const like = rngLog.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      if (like) {
        recent[k] += 1;
        lastLiked = k;
      }
      outUser[n] = u;
      outItem[n] = item;
      outTime[n] = DEMO_TIME_BASE + t;
      outLabel[n] = like;
      n++;
    }
  }

  // ---- Assemble.
  const userKeys = new Array<string>(numUsers);
  for (let u = 0; u < numUsers; u++) userKeys[u] = `u${u + 1}`;
  const itemKeys = new Array<string>(numItems);
  const itemTitles = new Array<string>(numItems);
  const perTopic = new Int32Array(NT);
  for (let i = 0; i < numItems; i++) {
    itemKeys[i] = `v${i + 1}`;
    const k = itemTopic[i];
    itemTitles[i] = `${DEMO_TOPICS[k]} #${++perTopic[k]} by @author_${itemAuthor[i] + 1}`;
  }
  const plusOne = (a: Int32Array) => a.map((x) => x + 1);
  const authorNames = Array.from({ length: numAuthors }, (_, a) => `@author_${a + 1}`);
  const trim = <T extends Int32Array | Float64Array | Float32Array>(a: T): T =>
    (n === capacity ? a : a.slice(0, n)) as T;

  const modalities: Modality[] = [
    { name: 'visual', dim: DIM_VISUAL, data: visual },
    { name: 'acoustic', dim: DIM_ACOUSTIC, data: acoustic },
    { name: 'text', dim: DIM_TEXT, data: text },
  ];
  const dataset: Dataset = {
    name: 'Demo micro-videos',
    source: { kind: 'demo', seed, users: numUsers, items: numItems },
    numUsers,
    numItems,
    userKeys,
    itemKeys,
    itemTitles,
    userFields: [
      column('age', DEMO_AGE_BUCKETS, plusOne(userAge)),
      column('gender', DEMO_GENDERS, plusOne(userGender)),
      column('region', DEMO_REGIONS, plusOne(userRegion)),
    ],
    itemFields: [
      column('category', DEMO_TOPICS, plusOne(itemTopic)),
      column('author', authorNames, plusOne(itemAuthor)),
      column('duration', DEMO_DURATIONS, plusOne(itemDuration)),
    ],
    itemMultiFields: [],
    modalities,
    interactions: {
      user: trim(outUser),
      item: trim(outItem),
      timestamp: trim(outTime),
      label: trim(outLabel),
    },
  };
  const uploadAbs = new Float64Array(numItems);
  for (let i = 0; i < numItems; i++) uploadAbs[i] = DEMO_TIME_BASE + uploadTime[i];
  const truth: DemoTruth = {
    uploadTime: uploadAbs,
    visualTopicTokens: DEMO_VISUAL_TOPICS.map((t) => DEMO_TOPICS.indexOf(t) + 1),
    itemAppeal,
    itemQuality,
    userTaste,
  };
  return { dataset, truth };
}

/** A seeded synthetic micro-video dataset; same options, byte-identical result. */
export function generateDemo(options?: Partial<DemoOptions>): Dataset {
  return generateDemoWithTruth(options).dataset;
}
