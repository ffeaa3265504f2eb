/**
 * A backend self-check: a small fixed computation covering what training relies on (matmul, softmax, gather
 * and its gradient, segment sum, small batched products, the sparse graph product, a strided slice, list
 * fields' masked means and their gradient, DIN's PReLU layer and its gradients, two Adam updates), run on
 * the active backend and compared with plain-JavaScript reference results. A backend that disagrees beyond tolerance is refused (driver bugs, half-float textures, kernels like
 * tfjs-backend-webgpu 4.22's segment sum, which adds int32 as float bits and wraps ids past the last segment —
 * ours replaces it, see kernels/UnsortedSegmentSum.webgpu.ts) instead of silently training a wrong model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeRng } from '../data/random';
import type { SelfCheckReport } from './backendInfo';
import type { CsrMatrix } from '../ops/csr';
import { disposeSparse, spmm, toSparse } from '../ops/sparse';
import { biasPrelu } from '../models/biasPrelu';
import { multiFieldMean } from '../models/fields';
import { adamStepImpl } from './kernels/AdamStep';
import { makeTfOptimizer } from './train/optimizers';

/** Relative tolerance: float32 on GPUs reorders sums; anything past this is a wrong result, not rounding. */
const TOLERANCE = 1e-3;

interface Case {
  readonly name: string;
  /** Runs on the backend; returns the flat result. */
  run(): Promise<Float32Array>;
  readonly expected: Float32Array;
}

function randomArray(n: number, seed: number): Float32Array {
  const rng = makeRng(`selfcheck/${seed}`);
  return Float32Array.from({ length: n }, () => rng.normal());
}

function matmulRef(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += a[i * k + t] * b[t * n + j];
      out[i * n + j] = s;
    }
  return out;
}

function softmaxRef(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let r = 0; r < rows; r++) {
    const row = x.subarray(r * cols, (r + 1) * cols);
    const max = Math.max(...row);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += out[r * cols + c] = Math.exp(row[c] - max);
    for (let c = 0; c < cols; c++) out[r * cols + c] /= sum;
  }
  return out;
}

function scatterAddRef(
  x: Float32Array,
  ids: readonly number[],
  segments: number,
  inner: number,
): Float32Array {
  const out = new Float32Array(segments * inner);
  ids.forEach((s, n) => {
    if (s < 0 || s >= segments) return;
    for (let k = 0; k < inner; k++) out[s * inner + k] += x[n * inner + k];
  });
  return out;
}

/** `out[b] = op(A[b]) · op(B[b])` in plain JavaScript; A stored `[M, K]` or `[K, M]`, B `[K, N]` or `[N, K]`. */
function batchMatmulRef(
  a: Float32Array,
  b: Float32Array,
  [batch, M, K, N]: readonly number[],
  transA: boolean,
  transB: boolean,
): Float32Array {
  const out = new Float32Array(batch * M * N);
  for (let i = 0; i < batch; i++)
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) {
          const av = a[i * M * K + (transA ? k * M + m : m * K + k)];
          s += av * b[i * K * N + (transB ? n * K + k : k * N + n)];
        }
        out[(i * M + m) * N + n] = s;
      }
  return out;
}

/** A small CSR matrix with every kind of row (empty, one entry, several) and its dense product. */
function sparseCase(): { csr: CsrMatrix; x: Float32Array; expected: Float32Array } {
  const rows = [[], [2], [0, 3, 5], [1, 4], [0, 1, 2, 3, 4, 5]];
  const weights = randomArray(15, 7);
  const x = randomArray(6 * 37, 8);
  const indptr = Int32Array.from([0, ...rows.map((_, r) => rows.slice(0, r + 1).flat().length)]);
  const indices = Int32Array.from(rows.flat());
  const values = weights.subarray(0, indices.length);
  const expected = new Float32Array(rows.length * 37);
  rows.forEach((cols, r) =>
    cols.forEach((c, j) => {
      for (let k = 0; k < 37; k++) expected[r * 37 + k] += values[indptr[r] + j] * x[c * 37 + k];
    }),
  );
  return { csr: { numRows: rows.length, numCols: 6, indptr, indices, values }, x, expected };
}

/**
 * List fields' masked means (two fields, 3 and 2 slots wide, padding and an empty field among the rows) and
 * the table gradient of Σ means ⊙ upstream, flat one after the other.
 */
function fieldMeanCase() {
  const [V, d] = [9, 5];
  const widths = [3, 2];
  const ids = [1, 4, 0, 8, 2, 0, 0, 0, 3, 3, 5, 5, 5, 6, 0, 7, 1, 2, 0, 0];
  const n = ids.length / 5;
  const table = randomArray(V * d, 12);
  const upstream = randomArray(n * 2 * d, 13);
  const means = new Float32Array(n * 2 * d);
  const grad = new Float32Array(V * d);
  for (let r = 0; r < n; r++) {
    let start = 0;
    widths.forEach((w, k) => {
      const used = ids.slice(r * 5 + start, r * 5 + start + w).filter((id) => id !== 0);
      start += w;
      for (const id of used) {
        for (let c = 0; c < d; c++) {
          means[(r * 2 + k) * d + c] += table[id * d + c] / used.length;
          grad[id * d + c] += upstream[(r * 2 + k) * d + c] / used.length;
        }
      }
    });
  }
  const fields = widths.map((maxLen, k) => ({
    name: `f${k}`,
    owner: 'item' as const,
    vocabSize: V,
    offset: 0,
    maxLen,
  }));
  const run = () =>
    read(
      tf.tidy(() => {
        const t = tf.tensor2d(table, [V, d]);
        const i = tf.tensor2d(ids, [n, 5], 'int32');
        const u = tf.tensor3d(upstream, [n, 2, d]);
        const f = (x: tf.Tensor) => multiFieldMean(x, i, fields, 0, n);
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(f(x), u)))(t);
        return tf.concat([tf.reshape(f(t), [-1]), tf.reshape(g, [-1])]);
      }),
    );
  return { run, expected: Float32Array.from([...means, ...grad]) };
}

/**
 * DIN's activation-unit layer `prelu(pb + pr[row], α)` (`[3·4, 6]`: a SIMD block and a tail) and its
 * gradients of Σ y ⊙ upstream with respect to pb, pr and α, flat one after the other.
 */
function preluCase() {
  const [B, T, u] = [3, 4, 6];
  const [pb, pr, alpha, up] = [B * T * u, B * u, u, B * T * u].map((n, i) => randomArray(n, 14 + i));
  const y = new Float32Array(B * T * u);
  const [dpb, dpr, dalpha] = [new Float32Array(B * T * u), new Float32Array(B * u), new Float32Array(u)];
  for (let r = 0; r < B * T; r++) {
    const b = Math.floor(r / T);
    for (let c = 0; c < u; c++) {
      const x = pb[r * u + c] + pr[b * u + c];
      const g = up[r * u + c];
      y[r * u + c] = x > 0 ? x : alpha[c] * x;
      dpb[r * u + c] = x > 0 ? g : alpha[c] * g;
      dpr[b * u + c] += x > 0 ? g : alpha[c] * g;
      if (x < 0) dalpha[c] += g * x;
    }
  }
  const run = () =>
    read(
      tf.tidy(() => {
        const t = [tf.tensor2d(pb, [B * T, u]), tf.tensor2d(pr, [B, u]), tf.tensor1d(alpha)] as const;
        const w = tf.tensor2d(up, [B * T, u]);
        const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
          biasPrelu(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor1D);
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => tf.sum(tf.mul(f(a, b, c), w)))([
          ...t,
        ]);
        return tf.concat([f(...t), ...grads].map((g) => tf.reshape(g, [-1])));
      }),
    );
  return { run, expected: Float32Array.from([...y, ...dpb, ...dpr, ...dalpha]) };
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/**
 * Two Adam updates through the training optimizer (our fused kernel on wasm, cpu and webgpu; the stock update
 * on webgl): the second reads the moments the first wrote, so a wrong moment fails as surely as a wrong value.
 */
function adamCase(): Omit<Case, 'name'> {
  const shape: [number, number] = [4, 9];
  const x0 = randomArray(36, 12);
  const grads = [randomArray(36, 13), randomArray(36, 14)];
  const rate = 0.01;
  const f = Math.fround;
  let x: Float32Array = x0;
  let m = new Float32Array(36) as Float32Array;
  let v = new Float32Array(36) as Float32Array;
  let acc = [f(0.9), f(0.999)];
  for (const g of grads) {
    const next: [Float32Array, Float32Array, Float32Array] = [
      new Float32Array(36),
      new Float32Array(36),
      new Float32Array(36),
    ];
    const settings = { rate, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
    adamStepImpl(
      x,
      g,
      m,
      v,
      { ...settings, correction1: f(1 - acc[0]), correction2: f(1 - acc[1]) },
      ...next,
    );
    [x, m, v] = next;
    acc = [f(acc[0] * f(0.9)), f(acc[1] * f(0.999))];
  }
  return {
    // The steps themselves, (x'' − x) / rate ≈ ±2 per element, so that a wrong update cannot hide in x's size.
    expected: x.map((xi, i) => (xi - x0[i]) / rate),
    run: async () => {
      const opt = makeTfOptimizer({ optimizer: 'adam', learningRate: rate, momentum: 0 });
      // tidy frees the initial tensor; the variable keeps its own reference to the data.
      const w = tf.tidy(() => tf.variable(tf.tensor2d(x0, shape)));
      try {
        for (const g of grads)
          tf.tidy(() => opt.applyGradients([{ name: w.name, tensor: tf.tensor2d(g, shape) }]));
        return await read(tf.tidy(() => tf.div(tf.sub(w, tf.tensor2d(x0, shape)), rate)));
      } finally {
        w.dispose();
        opt.dispose();
      }
    },
  };
}

function cases(): Case[] {
  const [m, k, n] = [33, 17, 9];
  const a = randomArray(m * k, 1);
  const b = randomArray(k * n, 2);
  const x = randomArray(5 * 7, 3).map((v) => v * 4);
  const table = randomArray(11 * 4, 4);
  const ids = [3, 0, 3, 10, 7];
  const upstream = randomArray(ids.length * 4, 5);
  const segX = randomArray(20 * 3, 6);
  const segIds = [0, 5, 5, -1, 2, 9, 0, 0, 3, 5, 7, 7, 1, 12, 4, 4, 4, 6, 8, 2];
  // Field attention's small batched products and their gradients' transposes (wasm runs them in SIMD).
  const dims = [6, 9, 8, 9] as const;
  const qa = randomArray(6 * 9 * 8, 9);
  const qb = randomArray(6 * 8 * 9, 10);
  const sparse = sparseCase();
  const cube = randomArray(4 * 6 * 5, 11);
  const listFields = fieldMeanCase();
  return [
    {
      name: 'matmul',
      run: () => read(tf.tidy(() => tf.matMul(tf.tensor2d(a, [m, k]), tf.tensor2d(b, [k, n])))),
      expected: matmulRef(a, b, m, k, n),
    },
    {
      name: 'softmax',
      run: () => read(tf.tidy(() => tf.softmax(tf.tensor2d(x, [5, 7])))),
      expected: softmaxRef(x, 5, 7),
    },
    {
      name: 'gather',
      run: () => read(tf.tidy(() => tf.gather(tf.tensor2d(table, [11, 4]), tf.tensor1d(ids, 'int32')))),
      expected: Float32Array.from(ids.flatMap((i) => Array.from(table.subarray(i * 4, i * 4 + 4)))),
    },
    {
      // d/dtable Σ gather(table, ids) ⊙ upstream = scatter-add of upstream rows into the gathered rows.
      name: 'gather gradient',
      run: () =>
        read(
          tf.tidy(() => {
            const w = tf.tensor2d(upstream, [ids.length, 4]);
            const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, tf.tensor1d(ids, 'int32')), w));
            return tf.grad(f)(tf.tensor2d(table, [11, 4]));
          }),
        ),
      expected: scatterAddRef(upstream, ids, 11, 4),
    },
    {
      name: 'segment sum',
      run: () =>
        read(
          tf.tidy(() => tf.unsortedSegmentSum(tf.tensor2d(segX, [20, 3]), tf.tensor1d(segIds, 'int32'), 10)),
        ),
      expected: scatterAddRef(segX, segIds, 10, 3),
    },
    {
      name: 'batched matmul',
      run: () =>
        read(
          tf.tidy(() =>
            tf.concat(
              [
                [false, false],
                [true, false],
                [false, true],
              ].map(([ta, tb]) => {
                const [B, M, K, N] = dims;
                const a = tf.tensor3d(qa, ta ? [B, K, M] : [B, M, K]);
                const b = tf.tensor3d(qb, tb ? [B, N, K] : [B, K, N]);
                return tf.reshape(tf.matMul(a, b, ta, tb), [-1]);
              }),
            ),
          ),
        ),
      expected: Float32Array.from([
        ...batchMatmulRef(qa, qb, dims, false, false),
        ...batchMatmulRef(qa, qb, dims, true, false),
        ...batchMatmulRef(qa, qb, dims, false, true),
      ]),
    },
    {
      name: 'sparse product',
      run: async () => {
        const a = toSparse(sparse.csr);
        try {
          return await read(tf.tidy(() => spmm(a, tf.tensor2d(sparse.x, [6, 37]))));
        } finally {
          disposeSparse(a);
        }
      },
      expected: sparse.expected,
    },
    {
      // A strided block: [4, 6, 5][1:3, 2:5, 1:4].
      name: 'slice',
      run: () => read(tf.tidy(() => tf.slice(tf.tensor3d(cube, [4, 6, 5]), [1, 2, 1], [2, 3, 3]))),
      expected: Float32Array.from(
        [1, 2].flatMap((i) => [2, 3, 4].flatMap((j) => [1, 2, 3].map((k) => cube[i * 30 + j * 5 + k]))),
      ),
    },
    { name: 'list-field mean', ...listFields },
    { name: 'PReLU layer', ...preluCase() },
    { name: 'Adam step', ...adamCase() },
  ];
}

/** Runs every case on the active backend. Never throws: a crash is a failed check with its message. */
export async function runSelfCheck(): Promise<SelfCheckReport> {
  const t0 = performance.now();
  const results: SelfCheckReport['checks'][number][] = [];
  for (const c of cases()) {
    try {
      const got = await c.run();
      let err = got.length === c.expected.length ? 0 : Infinity;
      let scale = 1;
      for (let i = 0; i < c.expected.length && err !== Infinity; i++) {
        scale = Math.max(scale, Math.abs(c.expected[i]));
        const e = Math.abs(got[i] - c.expected[i]);
        err = Number.isNaN(e) ? Infinity : Math.max(err, e);
      }
      const relative = err / scale;
      results.push({ name: c.name, ok: relative <= TOLERANCE, error: relative });
    } catch (e) {
      results.push({
        name: c.name,
        ok: false,
        error: Infinity,
        message: e instanceof Error ? e.message : String(e),
      });
    }
  }
  return {
    ok: results.every((r) => r.ok),
    checks: results,
    ms: performance.now() - t0,
  };
}

export function describeFailure(report: SelfCheckReport): string {
  return report.checks
    .filter((c) => !c.ok)
    .map((c) => `${c.name} ${c.message ?? `off by ${c.error.toExponential(1)} (relative)`}`)
    .join(', ');
}
