/**
 * Each item's k most cosine-similar items (LATTICE, Zhang et al. 2021), as a host CSR graph. Similarities are
 * computed on the tfjs backend one block of rows at a time (a `[rows, N]` block, never the dense N×N when
 * N > 5,000), and only each block's top-k comes back. **Ties**: among equal similarities the lower item
 * index wins (the order `tf.topk` keeps on cpu and wasm). An item is never its own neighbour (LATTICE's and
 * FREEDOM's topk over the whole similarity matrix keep the item itself as one of its k; for tmfun on P2 that
 * changed nothing measurable: test N@20 0.1196 / 0.1209 vs 0.1208 / 0.1207 at seeds 42 / 7), and pairs with
 * cosine ≤ 0 are no edge (an all-zero feature row has no neighbours).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CsrGraph } from './csr';

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
 * The top `k` of each row of `sims` (`[rows, N]`, rows `r0 … r0 + rows − 1` of an N × N similarity), the
 * diagonal excluded: an item is never its own neighbour. Inside a tidy; the caller disposes both results.
 */
export function topkOffDiagonal(
  sims: tf.Tensor2D,
  r0: number,
  k: number,
): { values: tf.Tensor2D; indices: tf.Tensor2D } {
  const rows = sims.shape[0];
  const self = new Int32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    self[2 * r] = r;
    self[2 * r + 1] = r0 + r;
  }
  return tf.tidy(() => {
    const masked = tf.tensorScatterUpdate(
      sims,
      tf.tensor2d(self, [rows, 2], 'int32'),
      tf.fill([rows], -Infinity),
    );
    return tf.topk(masked, k, true) as { values: tf.Tensor2D; indices: tf.Tensor2D };
  });
}

/**
 * The `[n, n]` CSR graph of `k` neighbours per row (`nbr`, `sim`: `[n, k]` row-major): positive similarities
 * only, each row's columns ascending; every edge weighs its similarity, or 1 when `binary`.
 */
export function csrFromTopk(
  nbr: Int32Array,
  sim: Float32Array,
  n: number,
  k: number,
  binary = false,
): CsrGraph {
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
        const block = tf.tensor2d(unit.subarray(r0 * dim, (r0 + rows) * dim), [rows, dim]);
        const sims = tf.matMul(block, allT) as tf.Tensor2D;
        block.dispose();
        const { values, indices } = topkOffDiagonal(sims, r0, k);
        sims.dispose();
        sim.set(await values.data(), r0 * k);
        nbr.set(await indices.data(), r0 * k);
        tf.dispose([values, indices]);
        options.onProgress?.(r0 + rows, n);
      }
    } finally {
      allT.dispose();
    }
  }
  return csrFromTopk(nbr, sim, n, k, binary);
}
