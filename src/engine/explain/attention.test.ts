import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { chronologicalSplit } from '../../data/split';
import { checkAttention } from '../../models/explain';
import {
  buildIndex,
  historyRows,
  resolveExample,
  ROW_TRAIN,
  ROW_VALID,
  sampleRows,
  syntheticEncoding,
} from './examples';
import { searchExamples } from './search';
import type { AttentionExplanation, AttentionOutcome } from '../protocol';
import { createWorkerApi } from '../worker/api';

const ds = generateDemo({ users: 120, items: 150, interactionsPerUser: 20 });
const split = chronologicalSplit(ds.interactions);
const enc = encodeCtr(ds);
const index = buildIndex(ds, split);
const T = enc.history!.options.maxLength;

describe('inspector data', () => {
  it('indexes rows by user in chronological order, with their split', () => {
    const { user, timestamp } = ds.interactions;
    for (let u = 0; u < 5; u++) {
      for (let k = index.userStart[u]; k < index.userStart[u + 1]; k++) {
        expect(user[index.order[k]]).toBe(u);
        if (k > index.userStart[u])
          expect(timestamp[index.order[k]]).toBeGreaterThanOrEqual(timestamp[index.order[k - 1]]);
      }
    }
    expect(index.part[split.train[0]]).toBe(ROW_TRAIN);
    expect(index.part[split.valid[0]]).toBe(ROW_VALID);
  });

  it('samples ≤ n distinct validation rows, the same for the same seed', () => {
    const a = sampleRows(split.valid, 50, 7);
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect(Array.from(a).every((r) => index.part[r] === ROW_VALID)).toBe(true);
    expect(Array.from(sampleRows(split.valid, 50, 7))).toEqual(Array.from(a));
    expect(Array.from(sampleRows(split.valid, 50, 8))).not.toEqual(Array.from(a));
    expect(sampleRows(split.valid, 1e6, 7)).toHaveLength(split.valid.length);
  });

  it('takes the validation row of a (user, item) pair, with the history the encoding holds for it', () => {
    const sample = sampleRows(split.valid, 20, 1);
    for (const r of sample.slice(0, 10)) {
      const u = ds.interactions.user[r];
      const ex = resolveExample(ds, index, sample, u, ds.interactions.item[r]);
      expect(ex.kind).toBe('valid');
      if (ex.kind !== 'valid') continue;
      const rows = historyRows(ds, index, ex, T, false);
      const encoded = Array.from(enc.history!.ids.subarray(ex.row * T, ex.row * T + T)).filter(
        (id) => id > 0,
      );
      const offset = enc.offsets[enc.itemFields[0]];
      expect(Array.from(rows, (h) => offset + ds.interactions.item[h] + 1)).toEqual(encoded);
    }
    const first = resolveExample(ds, index, sample, null, null);
    expect(first).toMatchObject({ kind: 'valid', row: sample[0] });
  });

  it('builds a synthetic row from the user’s and the item’s fields, with the user’s training history', () => {
    // An item this user never saw: the example is synthetic.
    const u = 3;
    const seen = new Set<number>();
    for (let k = index.userStart[u]; k < index.userStart[u + 1]; k++)
      seen.add(ds.interactions.item[index.order[k]]);
    const item = Array.from({ length: ds.numItems }, (_, i) => i).find((i) => !seen.has(i))!;
    const ex = resolveExample(ds, index, new Int32Array(0), u, item);
    expect(ex).toEqual({ kind: 'synthetic', user: u, item });
    const rows = historyRows(ds, index, ex, T, false);
    expect(rows.length).toBeGreaterThan(0);
    expect(Array.from(rows).every((r) => index.part[r] === ROW_TRAIN && ds.interactions.user[r] === u)).toBe(
      true,
    );

    const one = syntheticEncoding(enc, ds, index, u, item, rows);
    // Compare with a real row of some user with this item and a real row of this user.
    const F = enc.fields.length;
    const itemRow = ds.interactions.item.findIndex((i) => i === item);
    const userRow = ds.interactions.user.findIndex((x) => x === u);
    enc.fields.forEach((f, k) => {
      const from = f.owner === 'user' ? userRow : itemRow;
      if (from >= 0) expect(one.fieldIds[k]).toBe(enc.fieldIds[from * F + k]);
    });
    const h = Array.from(one.history!.ids);
    expect(h.filter((id) => id > 0)).toHaveLength(Math.min(T, rows.length));
    expect(h.slice(0, T - rows.length).every((id) => id === 0)).toBe(true); // left-padded
  });

  it('refuses indices out of range', () => {
    expect(() => resolveExample(ds, index, split.valid, ds.numUsers, null)).toThrow(/no user/);
    expect(() => resolveExample(ds, index, split.valid, 0, -1)).toThrow(/no item/);
  });

  it('searches users and items, exact and prefix matches first, capped', () => {
    const users = searchExamples(ds, index, { kind: 'user', text: 'u1', limit: 5 });
    expect(users.hits[0]).toMatchObject({ index: 0, key: 'u1' });
    expect(users.hits.map((h) => h.key).slice(1)).toEqual(['u10', 'u11', 'u12', 'u13']);
    expect(users.total).toBeGreaterThan(5);
    const items = searchExamples(ds, index, { kind: 'item', text: 'dance', limit: 3 });
    expect(items.hits).toHaveLength(3);
    expect(items.hits.every((h) => h.label.includes('dance'))).toBe(true);
    const mine = searchExamples(ds, index, { kind: 'item', text: '', user: 0 });
    expect(mine.hits.length).toBeGreaterThan(0);
    expect(mine.hits.every((h) => h.label.includes('validation'))).toBe(true);
  });
});

describe('session.inspect', () => {
  const session = createWorkerApi();
  beforeAll(async () => {
    await session.loadDemo({ users: 120, items: 150, interactionsPerUser: 20 });
  });
  const train = (runId: number, modelId: string, modelConfig: Record<string, unknown>) =>
    session.train(
      { runId, modelId, modelConfig, trainConfig: { epochs: 1, batchSize: 512 }, backend: 'wasm' },
      () => {},
    );
  const ok = (o: AttentionOutcome): AttentionExplanation => {
    if (o.type !== 'ok') throw new Error(JSON.stringify(o));
    return o;
  };

  it('returns checked field and pair attention for the example and the validation average', async () => {
    expect((await train(1, 'amfr', { layers: 2, heads: 3, hiddenUnits: [16] })).type).toBe('done');
    const before = tf.memory().numTensors;
    const out = ok(await session.explainAttention({ runId: 1, user: null, item: null, sampleSize: 64 }));
    expect(tf.memory().numTensors).toBe(before);
    const M = 11; // user_id item_id age gender region category author duration visual acoustic text
    expect(out.sampleSize).toBe(64);
    expect(out.example.source).toBe('valid');
    expect(out.example.probability).toBeGreaterThan(0);
    expect(out.example.probability).toBeLessThan(1);
    expect(out.example.fields.find((f) => f.name === 'category')?.value).toMatch(/\w/);
    const f = out.fieldAttention!;
    expect(f.example.shape).toEqual([2, 3, M, M]);
    expect(f.average.shape).toEqual([2, 3, M, M]);
    expect(f.example.labels).toHaveLength(M);
    expect(checkAttention(f.average, { sumsToOne: 3 })).toEqual([]);
    expect(Array.from(f.example.data)).not.toEqual(Array.from(f.average.data));
    expect(checkAttention(out.pairAttention!.example, { sumsToOne: 'all' })).toEqual([]);
    expect(out.behaviour).toBeUndefined();

    // Another run's id, and a model without attention, are answered without a payload.
    expect(await session.explainAttention({ runId: 99, user: null, item: null })).toMatchObject({
      type: 'unavailable',
    });
  });

  it('labels behaviour attention [T, H] of din-style models, for valid and synthetic rows', async () => {
    expect((await train(2, 'mmdin', { heads: 2, hiddenUnits: [16] })).type).toBe('done');
    const out = ok(await session.explainAttention({ runId: 2, user: 5, item: null }));
    expect(out.example.user).toBe(5);
    expect(out.fieldAttention).toBeUndefined();
    const b = out.behaviour!;
    expect(b.shape).toEqual([T, 2]);
    expect(b.items).toHaveLength(T);
    b.items.forEach((i, t) => {
      if (i < 0) {
        expect(b.titles[t]).toBe('');
        expect(b.data[t * 2]).toBe(0);
        expect(b.data[t * 2 + 1]).toBe(0);
      } else {
        expect(b.titles[t]).toBe(ds.itemTitles[i]);
        expect(b.categories[t]).toMatch(/\w/);
        expect(Number.isFinite(b.times[t])).toBe(true);
        expect([0, 1]).toContain(b.liked[t]);
      }
    });
    expect(b.items.some((i) => i >= 0)).toBe(true);
    expect(b.categoryField).toBe('category');

    const synthetic = ok(await session.explainAttention({ runId: 2, user: 5, item: 149 }));
    expect(synthetic.example).toMatchObject({ item: 149, label: null });
    expect(['valid', 'synthetic']).toContain(synthetic.example.source);
  });

  it('has nothing to show for a model without attention', async () => {
    expect((await train(3, 'dnn', { hiddenUnits: [8] })).type).toBe('done');
    expect(await session.explainAttention({ runId: 3, user: null, item: null })).toMatchObject({
      type: 'unavailable',
      reason: expect.stringMatching(/no attention/),
    });
    expect(await session.explainAttention({ runId: 2, user: null, item: null })).toMatchObject({
      type: 'unavailable',
    });
  });
});
