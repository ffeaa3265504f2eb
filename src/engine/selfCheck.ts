/**
 * A backend self-check: a small fixed computation covering what training relies on (matmul, softmax, gather
 * and its gradient, segment sum), run on the active backend and compared with plain-JavaScript reference
 * results. A backend that disagrees beyond tolerance is refused (driver bugs, half-float textures, kernels like
 * tfjs-backend-webgpu 4.22's segment sum, which adds int32 as float bits and wraps ids past the last segment —
 * ours replaces it, see kernels/UnsortedSegmentSum.webgpu.ts) instead of silently training a wrong model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeRng } from '../data/random';
import type { SelfCheckReport } from './backendInfo';

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

async function read(t: tf.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
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
