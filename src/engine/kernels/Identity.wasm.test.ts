import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends';
import { setShareEnabled } from './Identity.wasm';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('Identity and same-dtype Cast on wasm share the input’s bytes', () => {
  it('gives the same values without a copy, and each tensor outlives the other', async () => {
    const x = tf.tensor2d([1.5, -2, 3, 4e-8], [2, 2]);
    const y = tf.cast(x, 'float32');
    const z = tf.clone(x);
    expect(y.dtype).toBe('float32');
    // One buffer for the three tensors, kept while any of them holds it.
    const buffers = () => (tf.memory() as tf.MemoryInfo & { numDataBuffers: number }).numDataBuffers;
    const held = buffers();
    setShareEnabled(false);
    tf.clone(x).dispose();
    setShareEnabled(true);
    const copy = tf.clone(x);
    expect(buffers()).toBe(held);
    copy.dispose();
    x.dispose();
    expect(buffers()).toBe(held);
    expect(Array.from(await y.data())).toEqual([1.5, -2, 3, Math.fround(4e-8)]);
    y.dispose();
    expect(Array.from(await z.data())).toEqual([1.5, -2, 3, Math.fround(4e-8)]);
    z.dispose();
    expect(buffers()).toBe(held - 1);
  });

  it('still converts between dtypes (the stock kernel)', async () => {
    const f = tf.tensor1d([1.9, -2.7, 0, 3]);
    const asInt = tf.cast(f, 'int32');
    expect(Array.from(await asInt.data())).toEqual([1, -2, 0, 3]);
    const back = tf.cast(asInt, 'float32');
    expect(Array.from(await back.data())).toEqual([1, -2, 0, 3]);
    const b = tf.notEqual(tf.tensor1d([0, 2, 0], 'int32'), 0);
    expect(Array.from(await tf.cast(b, 'float32').data())).toEqual([0, 1, 0]);
    tf.dispose([f, asInt, back, b]);
  });

  it('gives the same gradients as the copying kernels, and leaks nothing', () => {
    const run = () =>
      tf.tidy(() => {
        const a = tf.tensor2d([0.5, -1, 2, 0.25, 3, -0.5], [3, 2]);
        const b = tf.tensor2d([1, 2, -3, 0.5, 0.1, 4], [3, 2]);
        const g = tf.grads((p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.mul(p, q), tf.clone(p))));
        return g([a, b]).map((t) => Array.from(t.dataSync()));
      });
    const before = tf.memory().numTensors;
    const shared = run();
    setShareEnabled(false);
    const copied = run();
    setShareEnabled(true);
    expect(shared).toEqual(copied);
    expect(tf.memory().numTensors).toBe(before);
  });
});
