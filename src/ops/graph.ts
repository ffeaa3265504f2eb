/**
 * Item–item and user–item graphs for the top-k models, as host CSR matrices (then uploaded by
 * `engine/sparse.ts`):
 *
 * - `knnGraph`: each item's k most cosine-similar items (LATTICE, Zhang et al. 2021). Similarities are
 *   computed on the tfjs backend one block of rows at a time (a `[rows, N]` block, never the dense N×N when
 *   N > 5,000), and only each block's top-k comes back. **Ties**: among equal similarities the lower item
 *   index wins (the order `tf.topk` keeps on cpu and wasm). An item is never its own neighbour (LATTICE's
 *   and FREEDOM's topk over the whole similarity matrix keep the item itself as one of its k; for tmfun on P2
 *   that changed nothing measurable: test N@20 0.1196 / 0.1209 vs 0.1208 / 0.1207 at seeds 42 / 7), and
 *   pairs with cosine ≤ 0 are no edge (an all-zero feature row has no neighbours).
 * - `symmetrize`: S ← max(S, Sᵀ) entrywise, so j ∈ kNN(i) or i ∈ kNN(j) makes an edge both ways.
 * - `normalizeSym`: D^-1/2 S D^-1/2 with D the row sums (a node of degree 0 keeps an empty row).
 * - `bipartiteAdjacency`: LightGCN's normalised `[[0, R], [Rᵀ, 0]]` over users then items.
 * - `userMeanMatrix`: D_u^-1 R, the mean over each user's items.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../data/random';

/** An `[numRows, numCols]` sparse matrix in CSR form: row r's entries are `indptr[r] .. indptr[r + 1]`. */
export interface CsrMatrix {
  readonly numRows: number;
  readonly numCols: number;
  readonly indptr: Int32Array;
  /** Column of each entry, ascending within a row. */
  readonly indices: Int32Array;
  /** One value per entry; null = all ones. */
  readonly values: Float32Array | null;
  /** Optional factors: the matrix is diag(rowScale) · B · diag(colScale), B the stored entries. */
  readonly rowScale?: Float32Array;
  readonly colScale?: Float32Array;
}

/** A weighted square graph in CSR form (values always present). */
export interface CsrGraph extends CsrMatrix {
  readonly values: Float32Array;
}

export interface KnnOptions {
  /** Neighbours per item (at most numItems − 1). Default 10. */
  readonly k?: number;
  /** `raw`: edge weight = cosine similarity (LATTICE); `binary`: every kept edge weighs 1 (FREEDOM). */
  readonly weighting?: 'similarity' | 'binary';
  /** Rows per similarity block; default: as many as fit in `blockFloats`. */
  readonly blockRows?: number;
  /** Floats per `[rows, N]` block when `blockRows` is not given; default 2^22 (16 MB). */
  readonly blockFloats?: number;
  /** Called after each block of rows with the rows done so far (a large build takes seconds). */
  readonly onProgress?: (rowsDone: number, numRows: number) => void;
}

const DEFAULT_BLOCK_FLOATS = 1 << 22;

/** Rows scaled to unit L2 norm (all-zero rows stay zero). */
export function l2NormalizeRows(x: Float32Array, n: number, dim: number): Float32Array {
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += x[i * dim + d] * x[i * dim + d];
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let d = 0; d < dim; d++) out[i * dim + d] = x[i * dim + d] * inv;
  }
  return out;
}

/**
 * The directed kNN graph of the rows of `features` (`[numItems, dim]`, row-major) by cosine similarity.
 * Row i holds i's neighbours in ascending index order; at most k per row.
 */
export async function knnGraph(
  features: Float32Array,
  numItems: number,
  dim: number,
  options: KnnOptions = {},
): Promise<CsrGraph> {
  if (features.length !== numItems * dim) {
    throw new Error(`features have ${features.length} values, expected ${numItems} × ${dim}`);
  }
  const k = Math.min(options.k ?? 10, numItems - 1);
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a non-negative integer, got ${options.k}`);
  const n = numItems;
  const blockRows = Math.max(
    1,
    Math.min(
      n,
      options.blockRows ?? Math.floor((options.blockFloats ?? DEFAULT_BLOCK_FLOATS) / Math.max(1, n)),
    ),
  );
  const binary = options.weighting === 'binary';
  const unit = l2NormalizeRows(features, n, dim);
  const nbr = new Int32Array(n * k);
  const sim = new Float32Array(n * k);
  if (k > 0) {
    const all = tf.tensor2d(unit, [n, dim]);
    const allT = tf.transpose(all) as tf.Tensor2D; // [dim, n], once: the blocks then use a plain matmul
    all.dispose();
    try {
      for (let r0 = 0; r0 < n; r0 += blockRows) {
        const rows = Math.min(blockRows, n - r0);
        const self = new Int32Array(rows * 2);
        for (let r = 0; r < rows; r++) {
          self[2 * r] = r;
          self[2 * r + 1] = r0 + r;
        }
        const { values, indices } = tf.tidy(() => {
          const block = tf.tensor2d(unit.subarray(r0 * dim, (r0 + rows) * dim), [rows, dim]);
          const sims = tf.matMul(block, allT);
          const masked = tf.tensorScatterUpdate(
            sims,
            tf.tensor2d(self, [rows, 2], 'int32'),
            tf.fill([rows], -Infinity),
          );
          return tf.topk(masked, k, true);
        });
        sim.set(await values.data(), r0 * k);
        nbr.set(await indices.data(), r0 * k);
        tf.dispose([values, indices]);
        options.onProgress?.(r0 + rows, n);
      }
    } finally {
      allT.dispose();
    }
  }
  // Keep positive similarities only, then sort each row's columns ascending (CSR convention).
  const indptr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    pairs.length = 0;
    for (let j = 0; j < k; j++) {
      const s = sim[i * k + j];
      if (s > 0) pairs.push([nbr[i * k + j], binary ? 1 : s]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    for (const [c, v] of pairs) {
      cols.push(c);
      vals.push(v);
    }
    indptr[i + 1] = cols.length;
  }
  return { numRows: n, numCols: n, indptr, indices: Int32Array.from(cols), values: Float32Array.from(vals) };
}

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

function fromRowMaps(rows: readonly Map<number, number>[], numCols: number): CsrGraph {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((m, i) => (indptr[i + 1] = indptr[i] + m.size));
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  rows.forEach((m, i) => {
    const cols = [...m.keys()].sort((a, b) => a - b);
    cols.forEach((c, t) => {
      indices[indptr[i] + t] = c;
      values[indptr[i] + t] = m.get(c)!;
    });
  });
  return { numRows: rows.length, numCols, indptr, indices, values };
}

/** Row sums of a CSR matrix (stored values only). */
export function rowSums(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.numRows);
  for (let r = 0; r < m.numRows; r++) {
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) out[r] += m.values ? m.values[p] : 1;
  }
  return out;
}

/** `D^-1/2` of the degrees (0 for an isolated node, so its row and column stay empty). */
function invSqrt(deg: Float64Array): Float32Array {
  return Float32Array.from(deg, (d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
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

/** Per-user item lists in CSR form (the shape of `engine/topk.ts`'s `UserItems`): sorted, unique. */
export interface UserItemLists {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
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

/** Dense row-major copy (tests and small matrices only). */
export function csrToDense(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.numRows * m.numCols);
  for (let r = 0; r < m.numRows; r++) {
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) {
      const c = m.indices[p];
      out[r * m.numCols + c] +=
        (m.values ? m.values[p] : 1) * (m.rowScale ? m.rowScale[r] : 1) * (m.colScale ? m.colScale[c] : 1);
    }
  }
  return out;
}
