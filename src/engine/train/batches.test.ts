import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tinyEncoding } from '../../models/models.testkit';
import { initBackend } from '../backends';
import { disposeBatch, makeBatch } from './batches';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('makeBatch', () => {
  const enc = tinyEncoding(40, 1, 'interaction');
  const rows = Int32Array.from([5, 0, 17]);

  it("copies the rows' fields, multi-valued ids and histories", () => {
    const before = tf.memory().numTensors;
    const b = makeBatch(enc, rows);
    const F = enc.fields.length;
    const W = enc.multiWidth;
    const T = enc.history!.options.maxLength;
    expect(b.fieldIds.shape).toEqual([3, F]);
    expect(b.multiIds?.shape).toEqual([3, W]);
    expect(b.history?.shape).toEqual([3, T]);
    const item = enc.itemIdx[17];
    expect(Array.from(b.fieldIds.dataSync().subarray(2 * F))).toEqual(
      Array.from(enc.fieldIds.subarray(17 * F, 18 * F)),
    );
    expect(Array.from(b.multiIds!.dataSync().subarray(2 * W))).toEqual(
      Array.from(enc.itemMultiIds.subarray(item * W, item * W + W)),
    );
    expect(Array.from(b.history!.dataSync().subarray(2 * T))).toEqual(
      Array.from(enc.history!.ids.subarray(17 * T, 18 * T)),
    );
    expect(b.history!.dtype).toBe('int32');
    disposeBatch(b);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the distinct items of candidates and behaviours, and where each row finds its own', () => {
    const all = Int32Array.from({ length: 40 }, (_, i) => i);
    const b = makeBatch(enc, all);
    const tokens = Array.from(b.items!.tokens.dataSync());
    // Ascending and distinct, with the padding token 0 (short histories pad).
    expect(tokens).toEqual([...new Set(tokens)].sort((x, y) => x - y));
    expect(tokens[0]).toBe(0);
    const offset = enc.offsets[enc.itemFields[0]];
    const cand = b.items!.cand.dataSync();
    all.forEach((r, i) => expect(tokens[cand[i]]).toBe(enc.itemIdx[r] + 1));
    const hist = b.items!.hist.dataSync();
    b.history!.dataSync().forEach((id, k) => expect(tokens[hist[k]]).toBe(id === 0 ? 0 : id - offset));
    // Every distinct token is used by some row.
    expect(new Set([...cand, ...hist]).size).toBe(tokens.length);
    disposeBatch(b);
  });

  it('leaves out histories when not wanted or not encoded', () => {
    const b = makeBatch(enc, rows, { history: false });
    expect(b.history).toBeUndefined();
    expect(b.items).toBeUndefined();
    disposeBatch(b);
    const c = makeBatch({ ...enc, history: null }, rows);
    expect(c.history).toBeUndefined();
    disposeBatch(c);
  });
});
