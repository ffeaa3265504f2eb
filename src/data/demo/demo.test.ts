import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import {
  DEMO_DEFAULTS,
  DEMO_TIME_BASE,
  DEMO_TOPICS,
  DEMO_VISUAL_TOPICS,
  DEMO_WINDOW_SECONDS,
  generateDemo,
  generateDemoWithTruth,
} from './index';
import type { Dataset, Modality } from '../types';

function hashDataset(ds: Dataset): string {
  const h = createHash('sha256');
  const bytes = (a: Int32Array | Float32Array | Float64Array) =>
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(JSON.stringify([ds.name, ds.source, ds.numUsers, ds.numItems, ds.userKeys, ds.itemKeys]));
  h.update(JSON.stringify(ds.itemTitles));
  for (const f of [...ds.userFields, ...ds.itemFields]) {
    h.update(JSON.stringify([f.name, f.vocab]));
    bytes(f.tokens);
  }
  for (const m of ds.modalities) {
    h.update(JSON.stringify([m.name, m.dim]));
    bytes(m.data);
  }
  const { user, item, timestamp, label } = ds.interactions;
  bytes(user);
  bytes(item);
  bytes(timestamp);
  bytes(label);
  return h.digest('hex');
}

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
const { user, item, timestamp, label } = ds.interactions;
const n = label.length;
const category = ds.itemFields[0].tokens;
const topicToken = (name: string) => DEMO_TOPICS.indexOf(name) + 1;
/** Up to `limit` items per category token (ascending index, deterministic). */
const itemsByTopic: number[][] = Array.from({ length: DEMO_TOPICS.length + 1 }, () => []);
for (let i = 0; i < ds.numItems; i++) itemsByTopic[category[i]].push(i);
const sampleOf = (token: number, limit = 120) => itemsByTopic[token].slice(0, limit);

describe('generateDemo', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = hashDataset(generateDemo({ seed: 7, users: 300, items: 400 }));
    const b = hashDataset(generateDemo({ seed: 7, users: 300, items: 400 }));
    const c = hashDataset(generateDemo({ seed: 8, users: 300, items: 400 }));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(hashDataset(generateDemo())).toBe(hashDataset(ds));
  });

  it('has the documented shape', () => {
    expect(ds.name).toBe('Demo micro-videos');
    expect(ds.source).toEqual({ kind: 'demo', seed: 42, users: 2000, items: 3000 });
    expect(ds.userFields.map((f) => f.name)).toEqual(['age', 'gender', 'region']);
    expect(ds.itemFields.map((f) => f.name)).toEqual(['category', 'author', 'duration']);
    expect(ds.modalities.map((m) => [m.name, m.dim])).toEqual([
      ['visual', 64],
      ['acoustic', 32],
      ['text', 48],
    ]);
    expect(ds.itemFields[0].vocab).toEqual(['(none)', ...DEMO_TOPICS]);
    expect(ds.userFields[0].vocab).toEqual(['(none)', '<18', '18-24', '25-34', '35-44', '45-54', '55+']);
    expect(ds.userFields[2].vocab.length).toBe(9);
    expect(ds.itemFields[1].vocab.length - 1).toBe(300);
    expect(ds.userKeys[0]).toBe('u1');
    expect(ds.itemKeys[ds.numItems - 1]).toBe('v3000');
    for (const t of ds.itemTitles) expect(t).toMatch(/^[a-z]+ #\d+ by @author_\d+$/);
    expect(ds.itemTitles[0].startsWith(DEMO_TOPICS[category[0] - 1] + ' #')).toBe(true);
  });

  it('has default sizes and valid tokens', () => {
    expect(ds.numUsers).toBe(DEMO_DEFAULTS.users);
    expect(ds.numItems).toBe(DEMO_DEFAULTS.items);
    expect(ds.userKeys.length).toBe(ds.numUsers);
    expect(ds.itemKeys.length).toBe(ds.numItems);
    expect(ds.itemTitles.length).toBe(ds.numItems);
    expect(n).toBeGreaterThan(90_000);
    expect(n).toBeLessThan(110_000);
    for (const [fields, rows] of [
      [ds.userFields, ds.numUsers],
      [ds.itemFields, ds.numItems],
    ] as const) {
      for (const f of fields) {
        expect(f.vocab[0]).toBe('(none)');
        expect(f.tokens.length).toBe(rows);
        const bad = f.tokens.filter((t) => t < 1 || t >= f.vocab.length).length;
        expect(bad, f.name).toBe(0);
      }
    }
    for (const m of ds.modalities) {
      expect(m.data.length).toBe(ds.numItems * m.dim);
      let sq = 0;
      for (const x of m.data) sq += x * x;
      expect(Number.isFinite(sq)).toBe(true);
      const rms = Math.sqrt(sq / m.data.length);
      expect(rms).toBeGreaterThan(0.5);
      expect(rms).toBeLessThan(2);
    }
    for (let i = 0; i < n; i++) {
      if (!(user[i] >= 0 && user[i] < ds.numUsers && item[i] >= 0 && item[i] < ds.numItems)) {
        throw new Error(`bad row ${i}`);
      }
      if (label[i] !== 0 && label[i] !== 1) throw new Error(`bad label at ${i}`);
    }
  });

  it('is sorted by (user, time), duplicate-free and respects upload times', () => {
    const seen = new Set<number>();
    let unsorted = 0;
    let early = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const key = user[i] * ds.numItems + item[i];
      if (seen.has(key)) throw new Error(`duplicate pair at row ${i}`);
      seen.add(key);
      if (i > 0 && (user[i] < user[i - 1] || (user[i] === user[i - 1] && timestamp[i] < timestamp[i - 1])))
        unsorted++;
      if (timestamp[i] < truth.uploadTime[item[i]]) early++;
      if (timestamp[i] < DEMO_TIME_BASE || timestamp[i] >= DEMO_TIME_BASE + DEMO_WINDOW_SECONDS) outside++;
      if (!Number.isInteger(timestamp[i])) throw new Error(`fractional timestamp at ${i}`);
    }
    expect(unsorted).toBe(0);
    expect(early).toBe(0);
    expect(outside).toBe(0);
    const badUploads = truth.uploadTime.filter(
      (t) => t < DEMO_TIME_BASE || t >= DEMO_TIME_BASE + DEMO_WINDOW_SECONDS,
    ).length;
    expect(badUploads).toBe(0);
    // every user appears, with at least the minimum of 5 impressions
    const perUser = new Int32Array(ds.numUsers);
    for (let i = 0; i < n; i++) perUser[user[i]]++;
    expect(Math.min(...perUser)).toBeGreaterThanOrEqual(5);
  });

  it('works for tiny and odd sizes', () => {
    for (const opts of [
      { users: 3, items: 7, interactionsPerUser: 2 },
      { users: 50, items: 12, interactionsPerUser: 40 },
      { users: 1, items: 1 },
    ]) {
      const small = generateDemo({ seed: 3, ...opts });
      const { user: u, item: it2, label: l } = small.interactions;
      expect(small.numUsers).toBe(opts.users);
      expect(small.numItems).toBe(opts.items);
      const pairs = new Set<number>();
      for (let i = 0; i < l.length; i++) {
        expect(it2[i] >= 0 && it2[i] < small.numItems).toBe(true);
        pairs.add(u[i] * small.numItems + it2[i]);
      }
      expect(pairs.size).toBe(l.length);
      expect(l.length).toBeGreaterThan(0);
    }
  });

  it('has a realistic positive rate', () => {
    let pos = 0;
    for (let i = 0; i < n; i++) pos += label[i];
    const rate = pos / n;
    console.log(`positive rate ${rate.toFixed(3)} over ${n} interactions`);
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.5);
  });

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

  it('generates the default size quickly', () => {
    const t0 = performance.now();
    generateDemo({ seed: 99 });
    const ms = performance.now() - t0;
    console.log(`generateDemo default size: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
