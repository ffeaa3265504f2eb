import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { makeRng } from '../../data/random';
import { chronologicalSplit } from '../../data/split';
import { resolveConfig } from '../../models/config';
import { requireModel } from '../../models/registry';
import type { CtrModel } from '../../models/contract';
import { disposeBatch, makeBatch } from '../train/batches';
import type { ExplainContext } from './attention';
import { countBuckets, itemCatalogue, itemPopularity } from './catalogue';
import { embeddingMap } from './embeddingMap';
import { buildIndex, historyRows, ROW_TRAIN, syntheticEncoding } from './examples';
import { pca2 } from './pca';
import { candidateEncoding, recommend, scoreRows, topK } from './recommend';
import { REASON_MARGIN, type EmbeddingMapPayload, type RecommendationsPayload } from '../../contract/explain';

const ds = generateDemo({ users: 80, items: 120, interactionsPerUser: 20 });
const split = chronologicalSplit(ds.interactions);
const encoding = encodeCtr(ds);
const ctx: ExplainContext = { dataset: ds, encoding, split, index: buildIndex(ds, split) };
const built = new Map<string, CtrModel>();

async function target(id: string) {
  let model = built.get(id);
  const spec = requireModel(id, 'ctr');
  const config = resolveConfig(spec.configSchema, {}).config;
  if (!model) {
    model = await spec.build(config, encoding, makeRng('explain-test'));
    built.set(id, model);
  }
  return { runId: 7, modelId: id, model, config };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => built.forEach((m) => m.dispose()));

function ok<P>(out: { type: string; payload?: P }): P {
  expect(out.type).toBe('ok');
  return out.payload!;
}

describe('embeddingMap', () => {
  it('projects the item_id rows of the shared table with PCA, with colour fields', async () => {
    const t = await target('dnn');
    const before = tf.memory().numTensors;
    const map = ok<EmbeddingMapPayload>(await embeddingMap(ctx.dataset, ctx.split, t, 'item'));
    expect(tf.memory().numTensors).toBe(before);
    expect(map.count).toBe(ds.numItems);
    expect(map.xy).toHaveLength(2 * ds.numItems);
    expect(map.labels).toHaveLength(ds.numItems);
    expect(map.explained[0]).toBeGreaterThanOrEqual(map.explained[1]);
    expect(map.explained[0] + map.explained[1]).toBeLessThanOrEqual(1 + 1e-6);
    // Same projection as PCA of the table rows read directly: row offsets[item_id] + i + 1.
    const table = t.model.trainableVariables[t.model.variableNames!.indexOf('embedding')];
    const d = table.shape[1]!;
    const off = encoding.offsets[encoding.itemFields[0]];
    const all = (await table.data()) as Float32Array;
    const rows = all.slice((off + 1) * d, (off + 1 + ds.numItems) * d);
    const want = pca2(rows, ds.numItems, d);
    for (let j = 0; j < 10; j++) expect(map.xy[j]).toBeCloseTo(want.xy[j], 4);
    expect(map.colourFields.map((f) => f.name)).toEqual([...ds.itemFields.map((c) => c.name), 'popularity']);
    for (const f of map.colourFields) expect(f.values).toHaveLength(map.count);
    expect(map.labels[0]).toContain(ds.itemKeys[map.indices[0]]);
  });

  it('maps users by the user_id rows, and refuses lr (one weight per id)', async () => {
    const users = ok<EmbeddingMapPayload>(
      await embeddingMap(ctx.dataset, ctx.split, await target('din'), 'user'),
    );
    expect(users.kind).toBe('user');
    expect(users.count).toBe(ds.numUsers);
    expect(users.colourFields.at(-1)?.name).toBe('activity');
    const lr = await embeddingMap(ctx.dataset, ctx.split, await target('lr'), 'item');
    expect(lr).toMatchObject({ type: 'unavailable', runId: 7 });
  });

  it('buckets counts by rank', () => {
    const counts = Int32Array.from({ length: 200 }, (_, i) => (i === 5 ? 0 : 1000 - i));
    const b = countBuckets(counts);
    expect(b[0]).toBe('top 1 %');
    expect(b[2]).toBe('top 1–10 %');
    expect(b[50]).toBe('top 10–50 %');
    expect(b[150]).toBe('bottom 50 %');
    expect(b[5]).toBe('none in train');
  });
});

describe('recommend', () => {
  const user = 3;
  const trainItems = new Set<number>();
  for (const r of split.train) if (ds.interactions.user[r] === user) trainItems.add(ds.interactions.item[r]);

  it('ranks unseen items by the same probability a synthetic row gives, best first', async () => {
    const t = await target('din');
    const before = tf.memory().numTensors;
    const recs = ok<RecommendationsPayload>(await recommend(ctx, t, { runId: 7, user, k: 12 }));
    expect(tf.memory().numTensors).toBe(before);
    expect(recs.user).toBe(user);
    expect(recs.items).toHaveLength(12);
    expect(recs.items.every((r) => !trainItems.has(r.item))).toBe(true);
    for (let i = 1; i < recs.items.length; i++)
      expect(recs.items[i].score).toBeLessThanOrEqual(recs.items[i - 1].score);
    // The top item's score equals the inspector's synthetic row for (user, item).
    const T = encoding.history!.options.maxLength;
    const hist = historyRows(ds, ctx.index, { kind: 'synthetic', user, item: 0 }, T, false);
    const one = makeBatch(
      syntheticEncoding(encoding, ds, ctx.index, user, recs.items[0].item, hist),
      Int32Array.of(0),
    );
    const p = tf.tidy(() => tf.sigmoid(t.model.logits(one, false, 0)));
    expect((await p.data())[0]).toBeCloseTo(recs.items[0].score, 5);
    p.dispose();
    disposeBatch(one);
    // din explains by behaviours: the user's training items, strongest first.
    expect(recs.reasonKind).toBe('behaviours');
    expect(recs.reasonMargin).toBe(REASON_MARGIN);
    expect(recs.historyLength).toBe(hist.length);
    expect(hist.length).toBeGreaterThan(0);
    const titles = new Set([...trainItems].map((i) => ds.itemTitles[i] || ds.itemKeys[i]));
    for (const r of recs.items) {
      expect(r.reasons.length).toBeLessThanOrEqual(3);
      r.reasons.forEach((x) => expect(titles.has(x.label)).toBe(true));
      // Only behaviours that stand out from the mean weight are reasons.
      r.reasons.forEach((x) => expect(x.ratio).toBeGreaterThanOrEqual(REASON_MARGIN));
      for (let i = 1; i < r.reasons.length; i++)
        expect(r.reasons[i].weight).toBeLessThanOrEqual(r.reasons[i - 1].weight);
    }
  });

  it('scores in batches exactly as in one batch', async () => {
    const t = await target('dnn');
    const items = Int32Array.from({ length: 50 }, (_, i) => i);
    const enc = candidateEncoding(ctx, user, items, new Int32Array(0));
    const a = await scoreRows(t.model, enc, 7);
    const b = await scoreRows(t.model, enc, 64);
    for (let i = 0; i < 50; i++) expect(a[i]).toBeCloseTo(b[i], 6);
    expect(new Set(Array.from(a, (v) => v.toFixed(6))).size).toBeGreaterThan(1);
  });

  it('explains amfr by field pairs, autoint by fields, dnn not at all', async () => {
    const amfr = ok<RecommendationsPayload>(
      await recommend(ctx, await target('amfr'), { runId: 7, user, k: 3 }),
    );
    expect(amfr.reasonKind).toBe('fields');
    expect(amfr.items[0].reasons[0].label).toContain(' × ');
    const auto = ok<RecommendationsPayload>(
      await recommend(ctx, await target('autoint'), { runId: 7, user, k: 3 }),
    );
    expect(auto.reasonKind).toBe('fields');
    expect(auto.reasonMargin).toBe(REASON_MARGIN);
    expect(auto.items[0].reasons.length).toBeGreaterThan(0);
    expect(auto.items[0].reasons[0].label).not.toContain(' × ');
    // Every listed field or pair stands out from uniform by the margin.
    for (const r of [...amfr.items, ...auto.items])
      r.reasons.forEach((x) => expect(x.ratio).toBeGreaterThanOrEqual(REASON_MARGIN));
    const dnn = ok<RecommendationsPayload>(
      await recommend(ctx, await target('dnn'), { runId: 7, user: null }),
    );
    expect(dnn.reasonKind).toBe('none');
    expect(dnn.items).toHaveLength(10);
    expect(dnn.items.every((r) => r.reasons.length === 0)).toBe(true);
    await expect(recommend(ctx, await target('dnn'), { runId: 7, user: 10_000 })).rejects.toThrow(/no user/);
  });

  it('picks the top k among allowed items and catalogues items with training popularity', () => {
    const scores = Float32Array.of(0.1, 0.9, 0.5, 0.9, 0.3);
    expect(topK(scores, Uint8Array.of(1, 1, 1, 1, 0), 3)).toEqual([1, 3, 2]);
    expect(topK(scores, Uint8Array.of(0, 0, 0, 0, 1), 3)).toEqual([4]);
    const cat = itemCatalogue(ds, itemPopularity(ds, split.train));
    const item0 = Array.from(split.train).filter((r) => ds.interactions.item[r] === 0).length;
    expect(cat.popularity[0]).toBe(item0);
    expect(cat.categoryField).toBe(ds.itemFields[0].name);
    expect(cat.categories[0]).toBe(ds.itemFields[0].vocab[ds.itemFields[0].tokens[0]]);
    expect(ctx.index.part[split.train[0]]).toBe(ROW_TRAIN);
  });
});
