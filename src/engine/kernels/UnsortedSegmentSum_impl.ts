import type { TypedArray } from '@tensorflow/tfjs-core';

/**
 * Scatter-add: `out[ids[n], :] += x[n, :]` for every row n, in O(N · innerSize).
 *
 * tfjs's cpu kernel builds one mask per segment (O(numSegments · N · innerSize)), which is what makes an
 * embedding gradient over 5,000 rows take seconds, and wasm has no kernel at all. Ids outside
 * `[0, numSegments)` are ignored, as in TensorFlow.
 *
 * @param x row-major `[N, innerSize]`
 * @param ids `[N]` segment of each row
 * @param out `[numSegments, innerSize]`, zero-filled by the caller (wasm hands us heap memory)
 */
export function unsortedSegmentSumImpl(
  x: TypedArray,
  ids: TypedArray,
  numSegments: number,
  innerSize: number,
  out: TypedArray,
): void {
  const n = ids.length;
  for (let r = 0; r < n; r++) {
    const seg = ids[r];
    if (seg < 0 || seg >= numSegments) continue;
    const src = r * innerSize;
    const dst = seg * innerSize;
    for (let k = 0; k < innerSize; k++) out[dst + k] += x[src + k];
  }
}

/** Output shape and inner size for x `[N, ...inner]` with 1-D ids of length N. */
export function segmentSumShape(
  xShape: readonly number[],
  numSegments: number,
): { outShape: number[]; innerSize: number } {
  const inner = xShape.slice(1);
  return { outShape: [numSegments, ...inner], innerSize: inner.reduce((a, b) => a * b, 1) };
}
