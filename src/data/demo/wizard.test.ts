import { describe, expect, it } from 'vitest';
import { crossRecovery, interactionTable } from '../../engine/metrics/crossEffect';
import { chronologicalSplit } from '../split';
import type { Dataset } from '../types';
import { AGE_TOPIC } from './affinity';
import {
  DEMO_DEFAULTS,
  DEMO_TOPICS,
  DEMO_VISUAL_TOPICS,
  demoKnobs,
  generateDemoWithTruth,
  plantedStrengths,
  type DemoOptions,
} from './index';
import { DEMO_PRESETS, matchingPreset, presetOptions } from './presets';

// The data wizard's knobs (issue 23): each measurably changes the data it claims to, on small demos.
const SMALL: Partial<DemoOptions> = { seed: 5, users: 500, items: 600, interactionsPerUser: 30 };
const gen = (o: Partial<DemoOptions>) => generateDemoWithTruth({ ...SMALL, ...o });
const tokens = (ds: Dataset, side: 'user' | 'item', name: string) =>
  (side === 'user' ? ds.userFields : ds.itemFields).find((c) => c.name === name)!.tokens;
const topicOfRow = (ds: Dataset) => {
  const cat = tokens(ds, 'item', 'category');
  return Int32Array.from(ds.interactions.item, (i) => cat[i] - 1);
};

/** Like rate where the age group's planted taste for the topic is high, minus where it is low. */
function ageTopicGap(ds: Dataset): number {
  const age = tokens(ds, 'user', 'age');
  const topic = topicOfRow(ds);
  const { user, label } = ds.interactions;
  const sums = { hi: [0, 0], lo: [0, 0] };
  for (let r = 0; r < user.length; r++) {
    const shift = AGE_TOPIC[age[user[r]] - 1][topic[r]];
    const s = shift >= 0.8 ? sums.hi : shift <= -0.8 ? sums.lo : null;
    if (!s) continue;
    s[0] += label[r];
    s[1]++;
  }
  return sums.hi[0] / sums.hi[1] - sums.lo[0] / sums.lo[1];
}

/** Between-topic over within-topic variance of a modality's vectors, over the items of `topics`. */
function topicSeparation(ds: Dataset, modality: string, topics: readonly string[]): number {
  const m = ds.modalities.find((x) => x.name === modality)!;
  const cat = tokens(ds, 'item', 'category');
  const want = new Set(topics.map((t) => DEMO_TOPICS.indexOf(t) + 1));
  const sum = new Map<number, { n: number; s: Float64Array; ss: number }>();
  for (let i = 0; i < ds.numItems; i++) {
    if (!want.has(cat[i])) continue;
    const g = sum.get(cat[i]) ?? { n: 0, s: new Float64Array(m.dim), ss: 0 };
    g.n++;
    for (let d = 0; d < m.dim; d++) {
      const x = m.data[i * m.dim + d];
      g.s[d] += x;
      g.ss += x * x;
    }
    sum.set(cat[i], g);
  }
  let within = 0;
  let n = 0;
  const means: Float64Array[] = [];
  for (const g of sum.values()) {
    const mean = g.s.map((x) => x / g.n);
    within += g.ss - g.n * mean.reduce((a, x) => a + x * x, 0);
    n += g.n;
    means.push(mean);
  }
  const grand = new Float64Array(m.dim);
  for (const mean of means) mean.forEach((x, d) => (grand[d] += x / means.length));
  let between = 0;
  for (const mean of means) mean.forEach((x, d) => (between += (x - grand[d]) ** 2 / means.length));
  return between / (within / n);
}

/** Gini coefficient of the impressions per item. */
function exposureGini(ds: Dataset): number {
  const c = new Float64Array(ds.numItems);
  for (const i of ds.interactions.item) c[i]++;
  c.sort();
  let acc = 0;
  let total = 0;
  c.forEach((x, k) => {
    acc += (k + 1) * x;
    total += x;
  });
  const n = c.length;
  return (2 * acc) / (n * total) - (n + 1) / n;
}

/** Share of a user's likes (after their first) that are of the topic of their previous like. */
function repeatLikeShare(ds: Dataset): number {
  const topic = topicOfRow(ds);
  const { user, label } = ds.interactions;
  let last = -1;
  let lastUser = -1;
  let same = 0;
  let all = 0;
  for (let r = 0; r < user.length; r++) {
    if (user[r] !== lastUser) [last, lastUser] = [-1, user[r]];
    if (!label[r]) continue;
    if (last >= 0) {
      all++;
      if (topic[r] === last) same++;
    }
    last = topic[r];
  }
  return same / all;
}

/** Slope of the labels' age × category cross on the planted like probability's (1: all of it shows). */
function labelCrossSlope(ds: Dataset, likeLogit: Float32Array): number {
  const age = tokens(ds, 'user', 'age');
  const topic = topicOfRow(ds);
  const a = Int32Array.from(ds.interactions.user, (u) => age[u] - 1);
  const p = Float64Array.from(likeLogit, (z) => 1 / (1 + Math.exp(-z)));
  const A = 6;
  const C = DEMO_TOPICS.length;
  return crossRecovery(
    interactionTable(ds.interactions.label, a, topic, A, C),
    interactionTable(p, a, topic, A, C),
  ).slope;
}

/** Items without a training row under the default chronological split. */
function itemsWithoutTraining(ds: Dataset): number {
  const { train } = chronologicalSplit(ds.interactions);
  const seen = new Uint8Array(ds.numItems);
  for (const r of train) seen[ds.interactions.item[r]] = 1;
  return ds.numItems - seen.reduce((a, x) => a + x, 0);
}

/** Byte equality of every typed array of the log and the vectors (toEqual is slow on arrays this long). */
function sameBytes(a: Dataset, b: Dataset): boolean {
  const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  const arrays = (d: Dataset) => [...Object.values(d.interactions), ...d.modalities.map((m) => m.data)];
  const [x, y] = [arrays(a), arrays(b)];
  return x.length === y.length && x.every((v, i) => bytes(v).equals(bytes(y[i])));
}

describe('the data wizard’s knobs', () => {
  const base = gen({});

  it('at their defaults give the demo as it was, and the same options the same bytes', () => {
    expect(demoKnobs({ ...DEMO_DEFAULTS })).toBeUndefined();
    const explicit = gen({ ...DEMO_DEFAULTS, ...SMALL });
    expect(sameBytes(explicit.dataset, base.dataset)).toBe(true);
    const o = { visual: 2, labelNoise: 0.1, coldItems: 0.2, visualTopics: ['gaming', 'news'] };
    const [a, b] = [gen(o).dataset, gen({ ...o, visualTopics: ['news', 'gaming'] }).dataset];
    expect(sameBytes(a, b)).toBe(true);
    expect(sameBytes(a, base.dataset)).toBe(false);
    expect(demoKnobs(o)).toEqual({ ...o, visualTopics: ['gaming', 'news'] });
  });

  it('age × topic moves the like-rate gap between the matched and unmatched age groups', () => {
    const gaps = [0, 1, 2].map((k) => ageTopicGap(gen({ ageTopic: k }).dataset));
    expect(Math.abs(gaps[0])).toBeLessThan(0.03);
    expect(gaps[1]).toBeGreaterThan(gaps[0] + 0.1);
    expect(gaps[2]).toBeGreaterThan(gaps[1] + 0.05);
  });

  it('visual informativeness separates the chosen visual topics, and only those', () => {
    const sep = (k: number) => topicSeparation(gen({ visual: k }).dataset, 'visual', DEMO_VISUAL_TOPICS);
    const [s0, s1, s2] = [sep(0), sep(1), sep(2)];
    expect(s0).toBeLessThan(0.05);
    expect(s1).toBeGreaterThan(0.2);
    expect(s2).toBeGreaterThan(s1 * 1.3);
    const chosen = gen({ visualTopics: ['gaming', 'news', 'comedy'] }).dataset;
    expect(topicSeparation(chosen, 'visual', ['gaming', 'news', 'comedy'])).toBeGreaterThan(0.2);
    expect(topicSeparation(chosen, 'visual', ['dance', 'cooking', 'pets'])).toBeLessThan(0.05);
    // The appeal the vectors carry moves the like only with the knob: none at 0.
    expect(plantedStrengths({ visual: 0 }).visual).toBe(0);
  });

  it('text and acoustic signal separate every topic in their vectors', () => {
    for (const m of ['text', 'acoustic'] as const) {
      const sep = (k: number) => topicSeparation(gen({ [m]: k }).dataset, m, DEMO_TOPICS);
      const [s0, s1, s2] = [sep(0), sep(1), sep(2)];
      expect(s0).toBeLessThan(0.05);
      expect(s1).toBeGreaterThan(s0 + 0.1);
      expect(s2).toBeGreaterThan(s1 * 1.3);
    }
  });

  it('popularity bias raises the Gini of exposure', () => {
    const g = [0, 1, 2].map((k) => exposureGini(gen({ popularity: k }).dataset));
    expect(g[1]).toBeGreaterThan(g[0] + 0.1);
    expect(g[2]).toBeGreaterThan(g[1] + 0.05);
  });

  it('the sequence effect raises the share of likes on the last liked topic', () => {
    const s = [0, 1, 2].map((k) => repeatLikeShare(gen({ recency: k }).dataset));
    expect(s[1]).toBeGreaterThan(s[0] + 0.03);
    expect(s[2]).toBeGreaterThan(s[1] + 0.03);
  });

  it('label noise flattens the planted cross in the labels (slope about 1 − 2 × the share)', () => {
    const slope = (p: number) => {
      const { dataset, truth } = gen({ labelNoise: p, ageTopic: 2 });
      return labelCrossSlope(dataset, truth.likeLogit);
    };
    const [s0, s25, s50] = [slope(0), slope(0.25), slope(0.5)];
    expect(s0).toBeGreaterThan(0.8);
    expect(s25).toBeLessThan(s0 - 0.25);
    expect(s25).toBeGreaterThan(0.25);
    expect(Math.abs(s50)).toBeLessThan(0.15);
    expect(plantedStrengths({ labelNoise: 0.5 })).toEqual({
      cross: 0,
      visual: 0,
      recency: 0,
      // Exposure still follows popularity (what top-k models see); the like no longer does.
      popularity: 1,
      popularityInLikes: 0,
    });
  });

  it('a share of cold items leaves that many more items without a training interaction', () => {
    const none = [0, 0.3].map((c) => itemsWithoutTraining(gen({ coldItems: c }).dataset));
    // About 0.3 × 600 = 180 items are moved to the window's last days: most of them get no training row.
    expect(none[1] - none[0]).toBeGreaterThan(0.6 * 0.3 * SMALL.items!);
  });

  it('presets set every knob, keep the seed and size, and are recognised again', () => {
    for (const p of DEMO_PRESETS) {
      const o = presetOptions(p, { seed: 3, users: 120, coldItems: 0.3 });
      expect(o).toMatchObject({ seed: 3, users: 120, coldItems: 0, ...p.knobs });
      expect(matchingPreset(o)?.id).toBe(p.id);
    }
    expect(matchingPreset(DEMO_DEFAULTS)).toBeUndefined();
  });
});
