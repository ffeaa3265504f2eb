import type { TensorInfo, TypedArray, UnsortedSegmentSumAttrs } from '@tensorflow/tfjs-core';

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

/** The rows of each segment, as CSR: rows of segment s are `perm[offsets[s] .. offsets[s + 1])`. */
export interface SegmentRows {
  /** `[numSegments + 1]` */
  readonly offsets: Int32Array;
  /** Row numbers grouped by segment, in their original order within a segment; ids out of range dropped. */
  readonly perm: Int32Array;
  /** Rows in the largest segment. */
  readonly maxLen: number;
}

/** Counting sort of rows by segment id, O(N + numSegments). Ids outside `[0, numSegments)` are dropped. */
export function segmentRows(ids: ArrayLike<number>, numSegments: number): SegmentRows {
  const offsets = new Int32Array(numSegments + 1);
  for (let r = 0; r < ids.length; r++) {
    const s = ids[r];
    if (s >= 0 && s < numSegments) offsets[s + 1]++;
  }
  let maxLen = 0;
  for (let s = 0; s < numSegments; s++) {
    maxLen = Math.max(maxLen, offsets[s + 1]);
    offsets[s + 1] += offsets[s];
  }
  const perm = new Int32Array(offsets[numSegments]);
  const next = offsets.slice(0, numSegments);
  for (let r = 0; r < ids.length; r++) {
    const s = ids[r];
    if (s >= 0 && s < numSegments) perm[next[s]++] = r;
  }
  return { offsets, perm, maxLen };
}

/** Fails clearly when x and the ids disagree on N (tfjs does not check; tfjs issue 8174 was such a case). */
export function checkSegmentInputs(xShape: readonly number[], idsShape: readonly number[]): void {
  if (idsShape.length !== 1) throw new Error(`UnsortedSegmentSum: segmentIds must be 1-D, got [${idsShape}]`);
  if (xShape[0] !== idsShape[0]) {
    throw new Error(
      `UnsortedSegmentSum: x has ${xShape[0]} rows but segmentIds has ${idsShape[0]} entries; they must match`,
    );
  }
}

/** A kernel call's arguments, checked, with the output's shape: what every backend's kernel starts from. */
export interface SegmentSumArgs {
  readonly x: TensorInfo;
  readonly segmentIds: TensorInfo;
  readonly numSegments: number;
  readonly outShape: number[];
  readonly innerSize: number;
}

/** Reads and checks the inputs and attributes of an `UnsortedSegmentSum` call (one place for all backends). */
export function segmentSumArgs(args: { inputs: object; attrs: UnsortedSegmentSumAttrs }): SegmentSumArgs {
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs;
  checkSegmentInputs(x.shape, segmentIds.shape);
  return { x, segmentIds, numSegments, ...segmentSumShape(x.shape, numSegments) };
}
