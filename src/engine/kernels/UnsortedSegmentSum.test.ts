import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { setSimdEnabled } from '../simd/simd';
import { makeRng } from '../../data/random';
import { initBackend, type BackendName } from '../backends';
import { CUSTOM_KERNELS } from './registerKernels';
import { segmentRows } from './UnsortedSegmentSum_impl';

/** Straightforward reference: out[s] = Σ_{n: ids[n] = s} x[n]. */
function reference(x: Float32Array, ids: Int32Array, numSegments: number, inner: number): Float32Array {
  const out = new Float32Array(numSegments * inner);
  ids.forEach((s, n) => {
    if (s < 0 || s >= numSegments) return;
    for (let k = 0; k < inner; k++) out[s * inner + k] += x[n * inner + k];
  });
  return out;
}

function randomCase(seed: number, n: number, numSegments: number, inner: number) {
  const rng = makeRng(seed);
  const x = Float32Array.from({ length: n * inner }, () => rng.normal());
  // Concentrate ids on a few segments so most segments are empty and many ids repeat.
  const ids = Int32Array.from({ length: n }, () => rng.int(Math.max(1, Math.floor(numSegments / 3))) * 3);
  return { x, ids };
}

const backends: BackendName[] = ['cpu', 'wasm'];

describe.each(backends)('UnsortedSegmentSum on %s', (backend) => {
  it('matches the reference on random inputs with repeated ids and empty segments', async () => {
    await initBackend(backend);
    expect(tf.getBackend()).toBe(backend);
    // Ours, not the stock O(segments · N) cpu kernel (wasm has none).
    expect(tf.getKernel('UnsortedSegmentSum', backend)?.kernelFunc).toBe(
      CUSTOM_KERNELS.find((k) => k.backendName === backend && k.kernelName === 'UnsortedSegmentSum')
        ?.kernelFunc,
    );
    // On wasm, the SIMD rows and the JavaScript loop (where wasm SIMD is missing) both.
    for (const simd of backend === 'wasm' ? [true, false] : [true]) {
      setSimdEnabled(simd);
      try {
        for (const [n, segs, inner] of [
          [1, 1, 1],
          [50, 7, 3],
          [300, 40, 37],
          [2048, 5000, 16],
        ]) {
          const { x, ids } = randomCase(n * 31 + segs, n, segs, inner);
          const got = tf.tidy(() =>
            tf.unsortedSegmentSum(tf.tensor2d(x, [n, inner]), tf.tensor1d(ids, 'int32'), segs).dataSync(),
          );
          const want = reference(x, ids, segs, inner);
          expect(got.length).toBe(want.length);
          for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 4);
        }
      } finally {
        setSimdEnabled(true);
      }
    }
  });

  it('ignores negative and out-of-range ids and handles 1-D and 3-D inputs', async () => {
    await initBackend(backend);
    const got1 = tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([0, -1, 2, 0], 'int32'), 3).arraySync(),
    );
    expect(got1).toEqual([5, 0, 3]);
    const got3 = tf.tidy(() =>
      tf
        .unsortedSegmentSum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]), tf.tensor1d([1, 1], 'int32'), 2)
        .arraySync(),
    );
    expect(got3).toEqual([
      [
        [0, 0],
        [0, 0],
      ],
      [
        [6, 8],
        [10, 12],
      ],
    ]);
  });

  it('gives tf.gather its gradient (embedding lookups) without leaking tensors', async () => {
    await initBackend(backend);
    const table = tf.variable(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]));
    const before = tf.memory().numTensors;
    const grad = tf.tidy(() => {
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.gather(t, tf.tensor1d([2, 0, 2], 'int32'))));
      return g(table).arraySync();
    });
    expect(grad).toEqual([
      [1, 1],
      [0, 0],
      [2, 2],
    ]);
    expect(tf.memory().numTensors).toBe(before);
    table.dispose();
  });
});

afterAll(() => tf.disposeVariables());

describe('segmentRows (the CSR grouping behind the webgl kernel)', () => {
  it('groups rows by segment in row order, drops ids out of range, and finds the largest segment', () => {
    const { offsets, perm, maxLen } = segmentRows([2, 0, 2, -1, 5, 2, 4], 5);
    expect(Array.from(offsets)).toEqual([0, 1, 1, 4, 4, 5]);
    expect(Array.from(perm)).toEqual([1, 0, 2, 5, 6]);
    expect(maxLen).toBe(3);
    const empty = segmentRows([], 3);
    expect(Array.from(empty.offsets)).toEqual([0, 0, 0, 0]);
    expect(empty.maxLen).toBe(0);
  });

  it('sums like the reference when each segment adds its rows', () => {
    const { x, ids } = randomCase(9, 300, 40, 5);
    const { offsets, perm } = segmentRows(ids, 40);
    const got = new Float32Array(40 * 5);
    for (let s = 0; s < 40; s++)
      for (let i = offsets[s]; i < offsets[s + 1]; i++)
        for (let k = 0; k < 5; k++) got[s * 5 + k] += x[perm[i] * 5 + k];
    expect(got).toEqual(reference(x, ids, 40, 5));
  });
});

describe('UnsortedSegmentSum input checks', () => {
  it.each(backends)('refuses x and ids of different lengths on %s', async (backend) => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    expect(() =>
      tf.tidy(() => tf.unsortedSegmentSum(tf.tensor1d([1, 2]), tf.tensor1d([0, 1, 1], 'int32'), 2)),
    ).toThrow(/2 rows but segmentIds has 3/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
