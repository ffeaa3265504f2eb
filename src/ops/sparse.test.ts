import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { csrToDense, type CsrMatrix } from './csr';
import { makeRng } from '../data/random';
import { initBackend } from '../engine/backends';
import { disposeSparse, spmm, spmmGatherScatter, spmmHost, toSparse } from './sparse';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { setSimdEnabled, simdAvailable, simdKernels } from '../engine/simd/simd';

/** A random `[rows, cols]` CSR matrix with about `density` of its entries stored, scales and values. */
function randomCsr(
  rows: number,
  cols: number,
  density: number,
  seed: number,
  withValues: boolean,
): CsrMatrix {
  const rng = makeRng(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (rng.next() < density) {
        indices.push(c);
        values.push(rng.normal());
      }
    }
    indptr[r + 1] = indices.length;
  }
  return {
    numRows: rows,
    numCols: cols,
    indptr,
    indices: Int32Array.from(indices),
    values: withValues ? Float32Array.from(values) : null,
    rowScale: Float32Array.from({ length: rows }, () => rng.next()),
    colScale: Float32Array.from({ length: cols }, () => rng.next() + 0.5),
  };
}

/** Dense row-major product `a [n, m] · b [m, d]`. */
function matmul(a: Float64Array, b: ArrayLike<number>, n: number, m: number, d: number): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < m; k++) for (let j = 0; j < d; j++) out[i * d + j] += a[i * m + k] * b[k * d + j];
  return out;
}

function transpose(a: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4) {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol);
}

const paths = { host: spmmHost, gatherScatter: spmmGatherScatter, auto: spmm };

describe.each(['cpu', 'wasm'] as const)('sparse × dense on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it.each(Object.entries(paths))(
    '%s: A·x and its gradient Aᵀ·dy match dense references',
    async (_, product) => {
      // d = 37 and 70 reach every column block of the SIMD kernel (32, 4, then 1 at a time).
      for (const [withValues, d] of [
        [true, 6],
        [false, 6],
        [true, 37],
        [false, 70],
      ] as const) {
        const [n, m] = [13, 9];
        const csr = randomCsr(n, m, 0.3, withValues ? 1 : 2, withValues);
        const dense = csrToDense(csr);
        const rng = makeRng(3);
        const xv = Float32Array.from({ length: m * d }, () => rng.normal());
        const wv = Float32Array.from({ length: n * d }, () => rng.normal());
        const before = tf.memory().numTensors;
        const a = toSparse(csr);
        const x = tf.tensor2d(xv, [m, d]);
        const w = tf.tensor2d(wv, [n, d]);
        const y = tf.tidy(() => product(a, x));
        // d/dx Σ w ⊙ (A x) = Aᵀ w
        const g = tf.tidy(() =>
          tf.grad((t: tf.Tensor) => tf.sum(tf.mul(w, product(a, t as tf.Tensor2D))))(x),
        );
        expect(y.shape).toEqual([n, d]);
        expectClose(await y.data(), matmul(dense, xv, n, m, d));
        expectClose(await g.data(), matmul(transpose(dense, n, m), wv, m, n, d));
        tf.dispose([x, w, y, g]);
        disposeSparse(a);
        expect(tf.memory().numTensors).toBe(before);
      }
    },
  );

  it('chains through two products (LightGCN layers) with the same gradient on both paths', async () => {
    const csr = randomCsr(20, 20, 0.2, 4, false);
    const a = toSparse(csr);
    const x = tf.variable(tf.randomNormal([20, 5], 0, 1, 'float32', 7));
    const gradOf = (product: typeof spmm) =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => tf.sum(tf.square(product(a, product(a, x as tf.Tensor2D)))) as tf.Scalar,
          [x],
        );
        return grads[x.name];
      });
    const g1 = gradOf(spmmHost);
    const g2 = gradOf(spmmGatherScatter);
    expectClose(await g1.data(), await g2.data());
    tf.dispose([g1, g2, x]);
    disposeSparse(a);
  });

  it.runIf(backend === 'wasm')('wasm: the SIMD kernel and the JavaScript fallback agree', async () => {
    expect(simdAvailable()).toBe(true);
    // Bound to this backend's heap, so the product below does run the SIMD kernel.
    expect(simdKernels(tf.backend() as BackendWasm)).not.toBeNull();
    const csr = randomCsr(40, 30, 0.2, 6, true);
    const a = toSparse(csr);
    const x = tf.randomNormal([30, 70], 0, 1, 'float32', 8) as tf.Tensor2D;
    const run = async (on: boolean) => {
      setSimdEnabled(on);
      const y = spmmHost(a, x);
      const v = await y.data();
      y.dispose();
      return v;
    };
    try {
      const simd = await run(true);
      const js = await run(false);
      expectClose(simd, js, 1e-5);
      expectClose(simd, matmul(csrToDense(csr), await x.data(), 40, 30, 70), 1e-4);
    } finally {
      setSimdEnabled(true);
      x.dispose();
      disposeSparse(a);
    }
  });

  it('rejects a mis-shaped x and a malformed matrix', () => {
    const a = toSparse(randomCsr(3, 4, 0.5, 5, true));
    const x = tf.zeros([3, 2]) as tf.Tensor2D;
    expect(() => spmm(a, x)).toThrow(/x is \[3,2\]/);
    x.dispose();
    disposeSparse(a);
    expect(() =>
      toSparse({
        numRows: 1,
        numCols: 2,
        indptr: Int32Array.from([0, 1]),
        indices: Int32Array.from([2]),
        values: null,
      }),
    ).toThrow(/column 2/);
  });
});
