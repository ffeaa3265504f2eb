import * as tf from '@tensorflow/tfjs-core';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { makeRng } from '../../data/random';
import { splitDataset } from '../../data/split';
import { DEFAULT_SPLIT_CONFIG } from '../importProtocol';
import { defaults } from '../../models/config';
import { requireModel } from '../../models/registry';
import { initBackend } from '../backends';
import { predictCtr } from '../train/ctr';
import { testUserRows, topkCsv, topkPerUser } from './predictions';

const ds = generateDemo({ users: 40, items: 60, seed: 9 });
const enc = encodeCtr(ds);
const split = splitDataset(ds.interactions, DEFAULT_SPLIT_CONFIG);

beforeAll(async () => {
  await initBackend('wasm');
});

describe('topkPerUser', () => {
  for (const id of ['dnn', 'din']) {
    it(`${id}: K items per test user, best first, no training items, scored as real rows are`, async () => {
      const spec = requireModel(id, 'ctr');
      const model = await spec.build(defaults(spec.configSchema) as never, enc, makeRng('p'));
      const before = tf.memory().numTensors;
      const templates = testUserRows(enc, split, ds.numUsers);
      const progress: number[] = [];
      const out = await topkPerUser(model, enc, split, ds.numUsers, {
        k: 5,
        batchRows: 200,
        onProgress: (d) => progress.push(d),
      });
      expect(tf.memory().numTensors).toBe(before);
      expect(out).toHaveLength(templates.length * 5);
      expect(progress.at(-1)).toBe(templates.length);

      const scoreOf = new Map<string, number>();
      for (const r of out) scoreOf.set(`${r.user}/${r.item}`, r.score);
      for (let k = 0; k < out.length; k += 5) {
        const group = out.slice(k, k + 5);
        expect(group.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
        expect(new Set(group.map((r) => r.user)).size).toBe(1);
        for (let j = 1; j < 5; j++) expect(group[j].score).toBeLessThanOrEqual(group[j - 1].score);
        const u = group[0].user;
        for (const r of split.train)
          if (enc.userIdx[r] === u) expect(group.map((g) => g.item)).not.toContain(enc.itemIdx[r]);
      }
      // The candidate row for a template's own item is that real test row: same probability.
      const real = await predictCtr(model, enc, templates);
      const all = await topkPerUser(model, enc, split, ds.numUsers, { k: ds.numItems });
      const full = new Map(all.map((r) => [`${r.user}/${r.item}`, r.score]));
      templates.forEach((t, b) => {
        const s = full.get(`${enc.userIdx[t]}/${enc.itemIdx[t]}`);
        if (s !== undefined) expect(Math.abs(s - real[b])).toBeLessThan(1e-6);
      });
      model.dispose();
    });
  }

  it('writes user, rank, item, title, score as formula-safe CSV', () => {
    const hostile = { ...ds, itemTitles: ds.itemTitles.map((t, i) => (i === 3 ? '=HYPERLINK("x")' : t)) };
    const csv = topkCsv(hostile, [
      { user: 0, rank: 1, item: 3, score: 0.9 },
      { user: 0, rank: 2, item: 4, score: 0.1 },
    ]);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
    expect(parsed[0]).toEqual(['user', 'rank', 'item', 'title', 'score']);
    expect(parsed[1]).toEqual([ds.userKeys[0], '1', ds.itemKeys[3], `'=HYPERLINK("x")`, '0.9']);
    expect(parsed[2][3]).toBe(ds.itemTitles[4]);
  });
});
