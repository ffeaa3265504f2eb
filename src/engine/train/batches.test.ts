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

  it('leaves out histories when not wanted or not encoded', () => {
    const b = makeBatch(enc, rows, { history: false });
    expect(b.history).toBeUndefined();
    disposeBatch(b);
    const c = makeBatch({ ...enc, history: null }, rows);
    expect(c.history).toBeUndefined();
    disposeBatch(c);
  });
});
