/**
 * Helpers for a model's `explain`: reading tensors into the flat payloads of STYLE §8, and the checks the
 * worker runs before posting one (shape matches data and labels, weights sum to 1 where they should).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { AttentionMap } from '../contract/explain';

/** Reads a float tensor into a fresh Float32Array and disposes it. */
export async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

/**
 * Places pair weights `[P]` (pairs i < j, row-major) into the upper triangle of an `[M, M]` matrix; the
 * diagonal and lower triangle stay 0.
 */
export function upperTriangle(weights: Float32Array, M: number): Float32Array {
  const out = new Float32Array(M * M);
  let k = 0;
  for (let i = 0; i < M; i++) for (let j = i + 1; j < M; j++) out[i * M + j] = weights[k++];
  return out;
}

export interface AttentionCheck {
  /** Axis along which every slice sums to 1; 'all': the whole tensor does. Omit to skip. */
  readonly sumsToOne?: number | 'all';
  /** Slices that sum to 0 also pass (a row with no real behaviour). */
  readonly allowEmpty?: boolean;
  readonly tolerance?: number;
}

/** Problems with an attention payload; empty when it is valid. */
export function checkAttention(map: AttentionMap, check: AttentionCheck = {}): string[] {
  const problems: string[] = [];
  const { data, shape, labels } = map;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length)
    problems.push(`shape [${shape.join(', ')}] holds ${size} values, data ${data.length}`);
  if (labels) {
    const last2 = shape.slice(-2);
    if (last2.some((n) => n !== labels.length))
      problems.push(`${labels.length} labels for axes of size ${last2.join(' × ')}`);
  }
  if (!data.every(Number.isFinite)) problems.push('non-finite weights');
  const tol = check.tolerance ?? 1e-3;
  const ok = (s: number) => Math.abs(s - 1) <= tol || (check.allowEmpty === true && Math.abs(s) <= tol);
  if (check.sumsToOne === 'all') {
    const s = data.reduce((a, b) => a + b, 0);
    if (!ok(s)) problems.push(`weights sum to ${s}, not 1`);
  } else if (check.sumsToOne !== undefined && problems.length === 0) {
    const axis = check.sumsToOne;
    const n = shape[axis];
    const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = size / (n * inner);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += data[(o * n + k) * inner + i];
        if (!ok(s)) {
          problems.push(`a slice along axis ${axis} sums to ${s}, not 1`);
          return problems;
        }
      }
    }
  }
  return problems;
}
