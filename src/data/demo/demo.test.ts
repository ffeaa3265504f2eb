import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import {
  DEMO_DEFAULTS,
  DEMO_TIME_BASE,
  DEMO_TOPICS,
  DEMO_WINDOW_SECONDS,
  generateDemo,
  generateDemoWithTruth,
} from './index';
import type { Dataset } from '../types';

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

const { dataset: ds, truth } = generateDemoWithTruth();
const { user, item, timestamp, label } = ds.interactions;
const n = label.length;
const category = ds.itemFields[0].tokens;

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

  it('generates the default size quickly', () => {
    const t0 = performance.now();
    generateDemo({ seed: 99 });
    const ms = performance.now() - t0;
    console.log(`generateDemo default size: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
