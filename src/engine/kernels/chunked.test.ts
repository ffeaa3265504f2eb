import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends';
import { chunkRanges, gatherInChunks, WEBGPU_INDEX_LIMIT, type ChunkOps } from './chunked';

describe('chunkRanges', () => {
  it('covers [0, n) in order with chunks of at most the limit', () => {
    for (const [n, limit] of [
      [0, 4],
      [1, 4],
      [4, 4],
      [5, 4],
      [1_000_000, WEBGPU_INDEX_LIMIT],
    ]) {
      const r = chunkRanges(n, limit);
      expect(r.length).toBe(Math.ceil(n / limit));
      let next = 0;
      for (const [start, end] of r) {
        expect(start).toBe(next);
        expect(end - start).toBeGreaterThan(0);
        expect(end - start).toBeLessThanOrEqual(limit);
        next = end;
      }
      expect(next).toBe(n);
    }
    expect(() => chunkRanges(3, 0)).toThrow(/limit/);
  });

  it('keeps a million indices below the WebGPU limit', () => {
    expect(WEBGPU_INDEX_LIMIT).toBeLessThan(65_535 * 64);
    expect(chunkRanges(1_000_000, WEBGPU_INDEX_LIMIT).length).toBeGreaterThan(1);
  });
});

describe('gather in chunks (on cpu tensors)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  // Counts the calls the chunked forms make and every tensor they create, to check disposal.
  function tracked() {
    let calls = 0;
    const ops: ChunkOps<tf.Tensor> = {
      sliceRows: (t, start, size) => tf.slice(t, start, size),
      concat: (parts) => tf.concat(parts, 0),
      dispose: (t) => t.dispose(),
    };
    return { ops, count: () => calls, called: () => calls++ };
  }

  it('gathers rows in chunks in the original order', () => {
    const table = tf.tensor2d([0, 1, 10, 11, 20, 21, 30, 31], [4, 2]);
    const idx = tf.tensor1d([3, 0, 0, 2, 1, 3, 2], 'int32');
    const want = tf.gather(table, idx);
    const before = tf.memory().numTensors;
    for (const limit of [1, 3, 7]) {
      const t = tracked();
      const got = gatherInChunks(
        idx,
        7,
        limit,
        (is) => {
          t.called();
          return tf.gather(table, is);
        },
        t.ops,
      );
      expect(t.count()).toBe(Math.ceil(7 / limit));
      expect(got.arraySync()).toEqual(want.arraySync());
      got.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
    tf.dispose([table, idx, want]);
  });
});
