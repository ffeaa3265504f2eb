/**
 * A guard for WebGPU: GatherV2 over very many indices runs as several calls of at most `WEBGPU_INDEX_LIMIT`
 * indices each. tfjs issue 8174 reports a WebGPU segment sum that lost most of 1M indices (its reproduction
 * also passes a data tensor shorter than the ids, so the cause is not settled); the segment sum is now our own
 * kernel (UnsortedSegmentSum.webgpu.ts, checked with 300,000 ids in e2e/kernels.spec.ts), and the stock
 * gather keeps the cap: capping each dispatch well below a million indices (and below WebGPU's 65,535
 * workgroups × 64 threads per dimension) costs a few extra dispatches on calls that big and nothing on the
 * others. The logic is generic over the tensor type so Node can test it on cpu tensors.
 */

/** Indices per call on WebGPU. */
export const WEBGPU_INDEX_LIMIT = 1 << 18;

/** `[start, end)` ranges of at most `limit` covering `[0, n)`, in order. */
export function chunkRanges(n: number, limit: number): [number, number][] {
  if (!(limit >= 1)) throw new Error(`chunk limit must be ≥ 1, got ${limit}`);
  const ranges: [number, number][] = [];
  for (let start = 0; start < n; start += limit) ranges.push([start, Math.min(n, start + limit)]);
  return ranges;
}

/** The few operations the chunked forms need, on whatever tensors the caller has. */
export interface ChunkOps<T> {
  /** Rows `[start, start + size)` along axis 0. */
  sliceRows(t: T, start: number, size: number): T;
  /** Along axis 0. */
  concat(parts: T[]): T;
  dispose(t: T): void;
}

/** `gather(table, indices)` for 1-D indices of length n as the concatenation of gathers over index chunks. */
export function gatherInChunks<T>(
  indices: T,
  n: number,
  limit: number,
  run: (indices: T) => T,
  ops: ChunkOps<T>,
): T {
  const ranges = chunkRanges(n, limit);
  if (ranges.length <= 1) return run(indices);
  const parts = ranges.map(([start, end]) => {
    const is = ops.sliceRows(indices, start, end - start);
    const part = run(is);
    ops.dispose(is);
    return part;
  });
  const out = ops.concat(parts);
  parts.forEach((p) => ops.dispose(p));
  return out;
}
