import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeRng } from '../data/random';
import { initBackend } from '../engine/backends';
import { setSimdEnabled } from '../engine/simd/simd';
import { BIAS_PRELU, biasPrelu, biasPreluComposed, denseBiasPrelu } from './biasPrelu';
import { prelu } from './layers';

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(() => setSimdEnabled(true));

let before = 0;
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

type Op = (pb: tf.Tensor2D, pr: tf.Tensor2D, alpha: tf.Tensor1D) => tf.Tensor2D;

/** Value and the gradients of Σ y ⊙ w (w random) with respect to pb, pr, alpha. */
function run(op: Op, pb: tf.Tensor2D, pr: tf.Tensor2D, alpha: tf.Tensor1D, w: tf.Tensor2D): Float32Array[] {
  return tf.tidy(() => {
    const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
      tf.sum(tf.mul(op(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor1D), w));
    const { value, grads } = tf.valueAndGrads(f)([pb, pr, alpha]);
    const y = op(pb, pr, alpha);
    return [y, value, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

describe('biasPrelu', () => {
  it('runs its kernel on wasm', () => {
    expect(tf.getKernel(BIAS_PRELU, 'wasm')).toBeDefined();
  });

  for (const simd of [true, false]) {
    it(`equals the composition to the bit, values and gradients (${simd ? 'SIMD' : 'JavaScript'})`, () => {
      setSimdEnabled(simd);
      const r = makeRng('biasPrelu');
      const rng = () => r.next();
      for (let trial = 0; trial < 30; trial++) {
        const B = 1 + Math.floor(rng() * 9);
        const T = 1 + Math.floor(rng() * 7);
        const u = 1 + Math.floor(rng() * 19);
        const rand = (n: number, zeros: boolean) =>
          Float32Array.from({ length: n }, () => (zeros && rng() < 0.1 ? 0 : (rng() - 0.5) * 4));
        const pb = tf.tensor2d(rand(B * T * u, true), [B * T, u]);
        const pr = tf.tensor2d(rand(B * u, true), [B, u]);
        const alpha = tf.tensor1d(rand(u, false));
        const w = tf.tensor2d(rand(B * T * u, true), [B * T, u]);
        const got = run(biasPrelu, pb, pr, alpha, w);
        const want = run(biasPreluComposed, pb, pr, alpha, w);
        // ±0 compare equal: the composition's Relu and Neg may leave −0 where the kernel writes +0, which moves no
        // sum or product downstream.
        const bits = (a: Float32Array) => Array.from(a, (v) => v + 0);
        for (let i = 0; i < want.length; i++) expect(bits(got[i])).toEqual(bits(want[i]));
        tf.dispose([pb, pr, alpha, w]);
      }
    });

    it(`a dense layer's bias and PReLU equal the composition (${simd ? 'SIMD' : 'JavaScript'})`, () => {
      setSimdEnabled(simd);
      const r = makeRng('denseBiasPrelu');
      const rng = () => r.next();
      for (let trial = 0; trial < 30; trial++) {
        const N = Math.floor(rng() * 40);
        const u = 1 + Math.floor(rng() * 19);
        const rand = (n: number) =>
          Float32Array.from({ length: n }, () => (rng() < 0.1 ? 0 : (rng() - 0.5) * 4));
        const xw = tf.tensor2d(rand(N * u), [N, u]);
        const b = tf.tensor1d(rand(u));
        const alpha = tf.tensor1d(rand(u));
        const w = tf.tensor2d(rand(N * u), [N, u]);
        const dense = (x: tf.Tensor2D, c: tf.Tensor2D, a: tf.Tensor1D) =>
          denseBiasPrelu(x, tf.reshape(c, [u]) as tf.Tensor1D, a);
        const composed = (x: tf.Tensor2D, c: tf.Tensor2D, a: tf.Tensor1D) =>
          prelu(tf.add(x, tf.reshape(c, [u])) as tf.Tensor2D, a);
        const b2 = tf.reshape(b, [1, u]) as tf.Tensor2D;
        const got = run(dense, xw, b2, alpha, w);
        const want = run(composed, xw, b2, alpha, w);
        const bits = (a: Float32Array) => Array.from(a, (v) => v + 0);
        for (let i = 0; i < want.length; i++) expect(bits(got[i])).toEqual(bits(want[i]));
        tf.dispose([xw, b, b2, alpha, w]);
      }
    });
  }

  for (const simd of [true, false]) {
    it(`with slopes 0 it is the broadcast add and ReLU of DIN's relu activation unit (${simd ? 'SIMD' : 'JavaScript'})`, () => {
      setSimdEnabled(simd);
      const r = makeRng('biasRelu');
      const rng = () => r.next();
      for (let trial = 0; trial < 20; trial++) {
        const B = 1 + Math.floor(rng() * 9);
        const T = 1 + Math.floor(rng() * 7);
        const u = 1 + Math.floor(rng() * 19);
        const rand = (n: number) =>
          Float32Array.from({ length: n }, () => (rng() < 0.1 ? 0 : (rng() - 0.5) * 4));
        const pb = tf.tensor2d(rand(B * T * u), [B * T, u]);
        const pr = tf.tensor2d(rand(B * u), [B, u]);
        const zero = tf.zeros([u]) as tf.Tensor1D;
        const w = tf.tensor2d(rand(B * T * u), [B * T, u]);
        // attention.ts's composition before the kernel served ReLU: add, then tf.relu.
        const relu: Op = (a, b) =>
          tf.relu(
            tf.reshape(tf.add(tf.reshape(a, [B, T, u]), tf.expandDims(b, 1)), [B * T, u]),
          ) as tf.Tensor2D;
        // Value, Σ and the gradients of pb and pr (ReLU has no slopes to differentiate).
        const run2 = (op: Op) =>
          tf.tidy(() => {
            const f = (a: tf.Tensor, b: tf.Tensor) =>
              tf.sum(tf.mul(op(a as tf.Tensor2D, b as tf.Tensor2D, zero), w));
            const { value, grads } = tf.valueAndGrads(f)([pb, pr]);
            return [op(pb, pr, zero), value, ...grads].map((t) => t.dataSync() as Float32Array);
          });
        const got = run2(biasPrelu);
        const want = run2(relu);
        const bits = (a: Float32Array) => Array.from(a, (v) => v + 0);
        for (let i = 0; i < want.length; i++) expect(bits(got[i])).toEqual(bits(want[i]));
        tf.dispose([pb, pr, zero, w]);
      }
    });
  }
});
