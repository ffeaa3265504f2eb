import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../backends';
import { neighbourPurity } from './neighbourPurity';

beforeAll(async () => {
  await initBackend('cpu');
});

/** `n` rows of `dim` Gaussian noise, plus `spread`·(the class's own direction) when spread > 0. */
function clustered(n: number, dim: number, classes: Int32Array, spread: number, seed: string) {
  const rng = makeRng(seed);
  const gauss = () => rng.normal();
  const centres = Array.from({ length: 8 }, () => Array.from({ length: dim }, gauss));
  const x = new Float32Array(n * dim);
  for (let i = 0; i < n; i++)
    for (let d = 0; d < dim; d++) x[i * dim + d] = gauss() + spread * centres[classes[i]][d];
  return x;
}

describe('neighbourPurity', () => {
  // Unequal classes: 0 holds half the rows, so chance is well above 1 / (number of classes).
  const n = 400;
  const classes = Int32Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1 + (i % 3)));

  it('gives its chance level to an embedding that knows nothing of the classes', async () => {
    const p = await neighbourPurity(clustered(n, 16, classes, 0, 'noise'), n, 16, classes, 10);
    // Σ n_c (n_c − 1) / (n (n − 1)) for sizes 200, 67, 67, 66.
    const sizes = [200, 67, 67, 66];
    expect(p.chance).toBeCloseTo(sizes.reduce((s, c) => s + c * (c - 1), 0) / (n * (n - 1)), 10);
    expect(Math.abs(p.purity - p.chance)).toBeLessThan(0.05);
    expect(p.rows).toBe(n);
  });

  it('rises with how tightly the classes cluster, to 1 when they are apart', async () => {
    const loose = await neighbourPurity(clustered(n, 16, classes, 0.4, 'c'), n, 16, classes);
    const tight = await neighbourPurity(clustered(n, 16, classes, 5, 'c'), n, 16, classes);
    expect(loose.purity).toBeGreaterThan(loose.chance + 0.1);
    expect(tight.purity).toBeGreaterThan(loose.purity);
    expect(tight.purity).toBeGreaterThan(0.99);
  });

  it('counts each row against its own neighbours only, and leaves no tensors', async () => {
    // Two exact copies of two points: each row's one neighbour is its twin.
    const x = Float32Array.from([1, 0, 1, 0, 0, 1, 0, 1]);
    const before = tf.memory().numTensors;
    const p = await neighbourPurity(x, 4, 2, Int32Array.from([0, 0, 1, 2]), 1);
    expect(tf.memory().numTensors).toBe(before);
    // Rows 0 and 1 find each other (same class); rows 2 and 3 find each other (different classes).
    expect(p.purity).toBeCloseTo(0.5, 10);
    await expect(neighbourPurity(x, 4, 2, Int32Array.from([0, 1]))).rejects.toThrow(/2 classes for 4 rows/);
  });
});
