/** The planted structure of README "The demo dataset" (see index.ts), measured on the default dataset. */
import { describe, it, expect } from 'vitest';
import { auc } from '../../engine/metrics/ctr';
import { makeRng } from '../random';
import type { Dataset, Modality } from '../types';
import { DEMO_TOPICS, DEMO_VISUAL_TOPICS, demoLikeTerms, generateDemoWithTruth } from './index';
import { generateItems } from './items';
import { likeLogit, likeTerms } from './likes';
import { generateUsers } from './users';

function modality(ds: Dataset, name: string): Modality {
  const m = ds.modalities.find((x) => x.name === name);
  if (!m) throw new Error(`no modality ${name}`);
  return m;
}

/** Unit-normalised copy of a modality's rows. */
function unitRows(m: Modality): Float64Array {
  const out = new Float64Array(m.data.length);
  for (let r = 0; r * m.dim < m.data.length; r++) {
    let s = 0;
    for (let d = 0; d < m.dim; d++) s += m.data[r * m.dim + d] ** 2;
    const inv = 1 / Math.sqrt(s || 1);
    for (let d = 0; d < m.dim; d++) out[r * m.dim + d] = m.data[r * m.dim + d] * inv;
  }
  return out;
}

/** Mean cosine over item pairs (i < j) drawn from `a` × `b` (same list: distinct pairs only). */
function meanCosine(unit: Float64Array, dim: number, a: number[], b: number[]): number {
  let s = 0;
  let c = 0;
  const same = a === b;
  for (let x = 0; x < a.length; x++) {
    for (let y = same ? x + 1 : 0; y < b.length; y++) {
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += unit[a[x] * dim + d] * unit[b[y] * dim + d];
      s += dot;
      c++;
    }
  }
  return s / c;
}

const { dataset: ds, truth } = generateDemoWithTruth();
const { user, item, label } = ds.interactions;
const n = label.length;
const category = ds.itemFields[0].tokens;
const topicToken = (name: string) => DEMO_TOPICS.indexOf(name) + 1;
/** Up to `limit` items per category token (ascending index, deterministic). */
const itemsByTopic: number[][] = Array.from({ length: DEMO_TOPICS.length + 1 }, () => []);
for (let i = 0; i < ds.numItems; i++) itemsByTopic[category[i]].push(i);
const sampleOf = (token: number, limit = 120) => itemsByTopic[token].slice(0, limit);

describe('generateDemo planted structure', () => {
  it('plants an age × category interaction', () => {
    const age = ds.userFields[0].tokens;
    const rate = (ageToken: number, topic: string) => {
      let c = 0;
      let p = 0;
      for (let i = 0; i < n; i++) {
        if (age[user[i]] === ageToken && category[item[i]] === topicToken(topic)) {
          c++;
          p += label[i];
        }
      }
      expect(c).toBeGreaterThan(200);
      return p / c;
    };
    const young = 2; // '18-24'
    const old = 6; // '55+'
    const dance = [rate(young, 'dance'), rate(old, 'dance')];
    const news = [rate(young, 'news'), rate(old, 'news')];
    console.log(
      `like rate dance 18-24/55+ ${dance.map((x) => x.toFixed(2))}, news ${news.map((x) => x.toFixed(2))}`,
    );
    expect(dance[0] - dance[1]).toBeGreaterThan(0.15);
    expect(news[1] - news[0]).toBeGreaterThan(0.15);
  });

  it('makes text topic-informative', () => {
    const text = modality(ds, 'text');
    const unit = unitRows(text);
    let within = 0;
    let across = 0;
    for (let k = 1; k <= DEMO_TOPICS.length; k++) {
      within += meanCosine(unit, text.dim, sampleOf(k, 60), sampleOf(k, 60)) / DEMO_TOPICS.length;
      const other = (k % DEMO_TOPICS.length) + 1;
      across += meanCosine(unit, text.dim, sampleOf(k, 60), sampleOf(other, 60)) / DEMO_TOPICS.length;
    }
    console.log(`text cosine within ${within.toFixed(3)} across ${across.toFixed(3)}`);
    expect(within - across).toBeGreaterThan(0.3);
  });

  it('makes visual informative only for the visual topics', () => {
    const visual = modality(ds, 'visual');
    const unit = unitRows(visual);
    const visualTokens = new Set(DEMO_VISUAL_TOPICS.map(topicToken));
    expect([...visualTokens].sort()).toEqual([...truth.visualTopicTokens].sort());
    const within = (visualOnes: boolean) => {
      let s = 0;
      let c = 0;
      for (let k = 1; k <= DEMO_TOPICS.length; k++) {
        if (visualTokens.has(k) !== visualOnes) continue;
        s += meanCosine(unit, visual.dim, sampleOf(k), sampleOf(k));
        c++;
      }
      return s / c;
    };
    const informative = within(true);
    const noise = within(false);
    console.log(`visual within-topic cosine informative ${informative.toFixed(3)} noise ${noise.toFixed(3)}`);
    expect(informative).toBeGreaterThan(0.15);
    expect(Math.abs(noise)).toBeLessThan(0.03);
  });

  it('encodes like-relevant appeal in visual features beyond the category id', () => {
    // Per-item like rate relative to its topic, then a direction in visual space fitted on even items and
    // evaluated on odd items: it generalises for the visual topics only.
    const visual = modality(ds, 'visual');
    const dim = visual.dim;
    const shown = new Float64Array(ds.numItems);
    const liked = new Float64Array(ds.numItems);
    for (let i = 0; i < n; i++) {
      shown[item[i]]++;
      liked[item[i]] += label[i];
    }
    const heldOutCorrelation = (tokens: number[]) => {
      const direction = new Float64Array(dim);
      const test: { proj: number; resid: number }[] = [];
      const centred = new Float64Array(dim);
      for (const k of tokens) {
        const items = itemsByTopic[k].filter((i) => shown[i] >= 15);
        let rate = 0;
        const mean = new Float64Array(dim);
        for (const i of items) {
          rate += liked[i] / shown[i] / items.length;
          for (let d = 0; d < dim; d++) mean[d] += visual.data[i * dim + d] / items.length;
        }
        for (const pass of [0, 1]) {
          for (const i of items) {
            if (i % 2 !== pass) continue;
            const resid = liked[i] / shown[i] - rate;
            for (let d = 0; d < dim; d++) centred[d] = visual.data[i * dim + d] - mean[d];
            if (pass === 0) for (let d = 0; d < dim; d++) direction[d] += resid * centred[d];
            else {
              let proj = 0;
              for (let d = 0; d < dim; d++) proj += direction[d] * centred[d];
              test.push({ proj, resid });
            }
          }
        }
      }
      const mp = test.reduce((s, t) => s + t.proj, 0) / test.length;
      const mr = test.reduce((s, t) => s + t.resid, 0) / test.length;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (const t of test) {
        sxy += (t.proj - mp) * (t.resid - mr);
        sxx += (t.proj - mp) ** 2;
        syy += (t.resid - mr) ** 2;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    const visualTokens = DEMO_VISUAL_TOPICS.map(topicToken);
    const noiseTokens = DEMO_TOPICS.map((_, k) => k + 1).filter((k) => !visualTokens.includes(k));
    const rVisual = heldOutCorrelation(visualTokens);
    const rNoise = heldOutCorrelation(noiseTokens);
    console.log(
      `held-out visual→like-rate correlation: visual topics ${rVisual.toFixed(3)}, noise ${rNoise.toFixed(3)}`,
    );
    expect(rVisual).toBeGreaterThan(0.25);
    expect(rNoise).toBeLessThan(0.15);
  });

  it('has skewed popularity', () => {
    const count = new Int32Array(ds.numItems);
    for (let i = 0; i < n; i++) count[item[i]]++;
    const sorted = Array.from(count).sort((a, b) => b - a);
    let top = 0;
    for (let i = 0; i < ds.numItems / 10; i++) top += sorted[i];
    console.log(`top 10 % of items get ${((100 * top) / n).toFixed(1)} % of interactions`);
    expect(top / n).toBeGreaterThan(0.3);
  });

  it('keeps the like logit each label was drawn from', () => {
    const z = truth.likeLogit;
    expect(z.length).toBe(n);
    // Calibrated: the labels' rate matches the mean probability, overall and in the top and bottom fifths.
    const order = Array.from(z.keys()).sort((i, j) => z[i] - z[j]);
    const rateAndProb = (rows: number[]) => {
      let liked = 0;
      let p = 0;
      for (const i of rows) {
        liked += label[i];
        p += 1 / (1 + Math.exp(-z[i]));
      }
      return [liked / rows.length, p / rows.length];
    };
    for (const part of [order, order.slice(0, n / 5), order.slice((4 * n) / 5)]) {
      const [rate, prob] = rateAndProb(part);
      expect(Math.abs(rate - prob)).toBeLessThan(0.02);
    }
    // The Bayes ceiling: no model's AUC on these labels can pass it (up to sampling noise).
    const ceiling = auc(z, label);
    console.log(`AUC of the true like logit (the ceiling): ${ceiling.toFixed(4)}`);
    expect(ceiling).toBeGreaterThan(0.75);
    // A user's first impression has no recent likes: its logit is likes.ts's formula on the stages' draws.
    const items = generateItems(ds.numItems, makeRng('demo:42:items'));
    const users = generateUsers(ds.numUsers, makeRng('demo:42:users'));
    const none = new Float64Array(DEMO_TOPICS.length);
    let checked = 0;
    for (let i = 0; i < n; i++) {
      if (i > 0 && user[i] === user[i - 1]) continue;
      expect(z[i]).toBeCloseTo(likeLogit(users, user[i], items, item[i], none), 4);
      checked++;
    }
    expect(checked).toBe(ds.numUsers);
    const t = likeTerms(users, user[0], items, item[0], none);
    const sum = Object.values(t).reduce((x, y) => x + y, 0);
    expect(sum).toBeCloseTo(likeLogit(users, user[0], items, item[0], none), 10);
  });

  it('keeps each item’s hidden popularity, the one exposure draws from', () => {
    const items = generateItems(ds.numItems, makeRng('demo:42:items'));
    expect(Array.from(truth.itemPopularity)).toEqual(Array.from(items.logPop));
    // Exposure follows it: the items in its top quarter get far more impressions than the bottom quarter's.
    const shown = new Int32Array(ds.numItems);
    for (const i of item) shown[i]++;
    const order = Array.from(truth.itemPopularity.keys()).sort(
      (a, b) => truth.itemPopularity[a] - truth.itemPopularity[b],
    );
    const q = Math.floor(ds.numItems / 4);
    const mean = (ids: number[]) => ids.reduce((s, i) => s + shown[i], 0) / ids.length;
    expect(mean(order.slice(-q))).toBeGreaterThan(3 * mean(order.slice(0, q)));
  });

  it('splits the like logit into its planted terms', () => {
    const terms = demoLikeTerms(undefined, ds, truth);
    // Recency is what the logit holds beyond the static terms: in [0, W_RECENT · 3] when those are right.
    let positive = 0;
    for (let i = 0; i < n; i++) {
      expect(terms.recency[i]).toBeGreaterThan(-1e-4);
      expect(terms.recency[i]).toBeLessThan(0.45 * 3 + 1e-4);
      if (terms.recency[i] > 0.1) positive++;
      if (i === 0 || user[i] !== user[i - 1]) expect(Math.abs(terms.recency[i])).toBeLessThan(1e-4);
    }
    expect(positive / n).toBeGreaterThan(0.1);
    // Appeal and style only on visual topics.
    const visual = new Set(DEMO_VISUAL_TOPICS.map(topicToken));
    for (let i = 0; i < n; i++) if (!visual.has(category[item[i]])) expect(terms.appeal[i]).toBe(0);
  });
});
