/**
 * Item–item and user–item graphs for the top-k models, as host CSR matrices (then uploaded by
 * `ops/sparse.ts`); the kNN build itself is `ops/knn.ts`.
 *
 * - `symmetrize`: S ← max(S, Sᵀ) entrywise, so j ∈ kNN(i) or i ∈ kNN(j) makes an edge both ways.
 * - `normalizeSym`: D^-1/2 S D^-1/2 with D the row sums (a node of degree 0 keeps an empty row).
 * - `modalityGraph`: the two above over `knnGraph`, LATTICE's modality graph; `sparseModalityGraph` the same
 *   over `sparseKnnGraph` (the exact cosine of sparse raw features, e.g. TF-IDF rows).
 * - `bipartiteAdjacency`: LightGCN's normalised `[[0, R], [Rᵀ, 0]]` over users then items.
 * - `sampleEdgesByDegree`: FREEDOM's degree-sensitive pruning of the user–item edges.
 * - `userMeanMatrix`: D_u^-1 R, the mean over each user's items.
 * - `weightedSum`, `topNeighbours`: mixing graphs, and each row's strongest edges for the views.
 */
import type { Rng } from '../data/random';
import { fromRowMaps, invSqrt, rowSums, type CsrGraph, type CsrMatrix, type UserItemLists } from './csr';
import type { SparseRows } from '../data/types';
import { knnGraph, type KnnOptions } from './knn';
import { sparseKnnGraph } from './sparseKnn';

/** S ← max(S, Sᵀ) entrywise (both directions of an edge get the larger weight). */
export function symmetrize(g: CsrGraph): CsrGraph {
  const n = g.numRows;
  if (g.numCols !== n) throw new Error('symmetrize needs a square matrix');
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++) {
    for (let p = g.indptr[i]; p < g.indptr[i + 1]; p++) {
      const j = g.indices[p];
      const v = g.values[p];
      rows[i].set(j, Math.max(rows[i].get(j) ?? -Infinity, v));
      rows[j].set(i, Math.max(rows[j].get(i) ?? -Infinity, v));
    }
  }
  return fromRowMaps(rows, n);
}

/** D^-1/2 S D^-1/2 of a symmetric graph, D = diag(row sums), with the factors folded into the values. */
export function normalizeSym(g: CsrGraph): CsrGraph {
  const s = invSqrt(rowSums(g));
  const values = new Float32Array(g.values.length);
  for (let i = 0; i < g.numRows; i++) {
    for (let p = g.indptr[i]; p < g.indptr[i + 1]; p++) values[p] = s[i] * g.values[p] * s[g.indices[p]];
  }
  return { ...g, values };
}

/** LATTICE/tmfun's modality graph: kNN by cosine, symmetrised, D^-1/2 S D^-1/2. */
export async function modalityGraph(
  features: Float32Array,
  numItems: number,
  dim: number,
  options: KnnOptions = {},
): Promise<CsrGraph> {
  return normalizeSym(symmetrize(await knnGraph(features, numItems, dim, options)));
}

/** `modalityGraph` from sparse rows: kNN by their exact cosine, symmetrised, D^-1/2 S D^-1/2. */
export function sparseModalityGraph(x: SparseRows, numItems: number, options: KnnOptions = {}): CsrGraph {
  return normalizeSym(symmetrize(sparseKnnGraph(x, numItems, options)));
}

/**
 * LightGCN's normalised adjacency `Â = D^-1/2 A D^-1/2` of `A = [[0, R], [Rᵀ, 0]]` over nodes
 * `0..U-1` (users) then `U..U+I-1` (items), with the stored entries all ones and D^-1/2 as both scales.
 */
export function bipartiteAdjacency(numUsers: number, numItems: number, r: UserItemLists): CsrMatrix {
  const n = numUsers + numItems;
  const nnz = r.indices.length;
  const itemDeg = new Int32Array(numItems);
  for (let p = 0; p < nnz; p++) itemDeg[r.indices[p]]++;
  const indptr = new Int32Array(n + 1);
  for (let u = 0; u < numUsers; u++) indptr[u + 1] = r.indptr[u + 1];
  for (let i = 0; i < numItems; i++) indptr[numUsers + i + 1] = indptr[numUsers + i] + itemDeg[i];
  const indices = new Int32Array(2 * nnz);
  for (let p = 0; p < nnz; p++) indices[p] = numUsers + r.indices[p]; // user rows: item columns
  const fill = indptr.slice(numUsers, n);
  for (let u = 0; u < numUsers; u++) {
    for (let p = r.indptr[u]; p < r.indptr[u + 1]; p++) indices[fill[r.indices[p]]++] = u; // ascending u
  }
  const deg = new Float64Array(n);
  for (let v = 0; v < n; v++) deg[v] = indptr[v + 1] - indptr[v];
  const scale = invSqrt(deg);
  return { numRows: n, numCols: n, indptr, indices, values: null, rowScale: scale, colScale: scale };
}

/**
 * FREEDOM's degree-sensitive edge pruning (Zhou & Shen 2023): keeps `round(keep · nnz)` user–item edges,
 * drawn without replacement with probability ∝ 1/√(d_u d_i), so edges between hubs go first. Weighted
 * sampling by Efraimidis–Spirakis keys `ln(u)/w` (the largest keys win). The lists stay sorted.
 */
export function sampleEdgesByDegree(
  r: UserItemLists,
  numItems: number,
  keep: number,
  rng: Rng,
): UserItemLists {
  const numUsers = r.indptr.length - 1;
  const nnz = r.indices.length;
  const m = Math.max(0, Math.min(nnz, Math.round(keep * nnz)));
  const itemDeg = new Int32Array(numItems);
  for (let p = 0; p < nnz; p++) itemDeg[r.indices[p]]++;
  const keys = new Float64Array(nnz);
  for (let u = 0; u < numUsers; u++) {
    const du = r.indptr[u + 1] - r.indptr[u];
    for (let p = r.indptr[u]; p < r.indptr[u + 1]; p++) {
      const w = 1 / Math.sqrt(du * itemDeg[r.indices[p]]);
      keys[p] = Math.log(1 - rng.next()) / w; // 1 − u ∈ (0, 1]: never ln 0
    }
  }
  const order = Array.from({ length: nnz }, (_, p) => p).sort((a, b) => keys[b] - keys[a] || a - b);
  const kept = new Uint8Array(nnz);
  for (let k = 0; k < m; k++) kept[order[k]] = 1;
  const indptr = new Int32Array(numUsers + 1);
  const indices = new Int32Array(m);
  let w = 0;
  for (let u = 0; u < numUsers; u++) {
    for (let p = r.indptr[u]; p < r.indptr[u + 1]; p++) if (kept[p]) indices[w++] = r.indices[p];
    indptr[u + 1] = w;
  }
  return { indptr, indices };
}

/** `D_u^-1 R` (`[numUsers, numItems]`): row u averages user u's items (an empty row stays zero). */
export function userMeanMatrix(numItems: number, r: UserItemLists): CsrMatrix {
  const numUsers = r.indptr.length - 1;
  const rowScale = new Float32Array(numUsers);
  for (let u = 0; u < numUsers; u++) {
    const deg = r.indptr[u + 1] - r.indptr[u];
    rowScale[u] = deg > 0 ? 1 / deg : 0;
  }
  return {
    numRows: numUsers,
    numCols: numItems,
    indptr: r.indptr,
    indices: r.indices,
    values: null,
    rowScale,
  };
}

/** Σ_m w_m · G_m of graphs over the same nodes (summing entries at the same position). */
export function weightedSum(graphs: readonly CsrGraph[], weights: readonly number[]): CsrGraph {
  if (graphs.length === 0) throw new Error('weightedSum needs at least one graph');
  const n = graphs[0].numRows;
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  graphs.forEach((g, m) => {
    if (g.numRows !== n) throw new Error('graphs differ in size');
    for (let i = 0; i < n; i++) {
      for (let p = g.indptr[i]; p < g.indptr[i + 1]; p++) {
        const j = g.indices[p];
        rows[i].set(j, (rows[i].get(j) ?? 0) + weights[m] * g.values[p]);
      }
    }
  });
  return fromRowMaps(rows, n);
}

/** Each row's `k` largest entries (ties: lower column first) as `[numRows, k]` arrays, padded with -1 / 0. */
export function topNeighbours(g: CsrMatrix, k: number): { neighbours: Int32Array; weights: Float32Array } {
  const neighbours = new Int32Array(g.numRows * k).fill(-1);
  const weights = new Float32Array(g.numRows * k);
  const entry = (p: number, r: number) =>
    (g.values ? g.values[p] : 1) *
    (g.rowScale ? g.rowScale[r] : 1) *
    (g.colScale ? g.colScale[g.indices[p]] : 1);
  for (let r = 0; r < g.numRows; r++) {
    const ps: number[] = [];
    for (let p = g.indptr[r]; p < g.indptr[r + 1]; p++) ps.push(p);
    ps.sort((a, b) => entry(b, r) - entry(a, r) || g.indices[a] - g.indices[b]);
    ps.slice(0, k).forEach((p, t) => {
      neighbours[r * k + t] = g.indices[p];
      weights[r * k + t] = entry(p, r);
    });
  }
  return { neighbours, weights };
}
