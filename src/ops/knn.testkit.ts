/** Test helper: the kNN graphs' brute-force reference, shared by the dense (knn.ts) and sparse (sparseKnn.ts) tests. */

/** One neighbour: its row and its cosine. */
export interface Neighbour {
  readonly j: number;
  readonly s: number;
}

/**
 * Brute force over the dense `[n, dim]` matrix in float64: per row of `rows` (default all), every j ≠ i with
 * cosine > 0, by (−cosine, j), the first k.
 */
export function bruteForceKnn(
  x: Float32Array,
  n: number,
  dim: number,
  k: number,
  rows: Iterable<number> = Array.from({ length: n }, (_, i) => i),
): Map<number, Neighbour[]> {
  const norm = (i: number) => Math.hypot(...x.subarray(i * dim, (i + 1) * dim));
  const out = new Map<number, Neighbour[]>();
  for (const i of rows) {
    const cands: Neighbour[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i || norm(i) === 0 || norm(j) === 0) continue;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += x[i * dim + d] * x[j * dim + d];
      const s = dot / (norm(i) * norm(j));
      if (s > 0) cands.push({ j, s });
    }
    cands.sort((a, b) => b.s - a.s || a.j - b.j);
    out.set(i, cands.slice(0, k));
  }
  return out;
}
