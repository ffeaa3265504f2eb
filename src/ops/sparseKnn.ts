/**
 * Each item's k most cosine-similar items by its sparse raw features (e.g. the TF-IDF rows the text vector
 * was reduced from), computed exactly: FREEDOM and LATTICE build each modality's frozen kNN graph from the
 * raw features' cosine, and for text those are lexical neighbours (sequels share rare title words), which a
 * truncated SVD blurs. Plain TypeScript over the rows' nonzeros (an inverted index, one accumulator row at a
 * time): no `[N, N]` matrix, dense or as a tensor, and no tfjs backend needed.
 *
 * Same output and rules as `knn.ts`'s dense `knnGraph`: an item is never its own neighbour, pairs with
 * cosine ≤ 0 are no edge (so an item sharing no term with any other has none), among equal similarities
 * the lower item index wins (similarities compared at float32 precision, the weights' own), and row i lists its neighbours in ascending index order (`csrFromTopk`).
 * Cost: Σ over terms of df², which stays small while no term is in most items; a term in every text (the
 * "genres" of ml-100k's composed texts) adds N per row.
 */
import type { SparseRows } from '../data/types';
import type { CsrGraph } from './csr';
import { csrFromTopk, type KnnOptions } from './knn';

/** Each row's L2 norm, in Float64. */
function rowNorms(x: SparseRows, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) s += x.values[p] * x.values[p];
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Checks `x` is a well-formed `[n, x.cols]` CSR matrix (the kNN reads it without bounds checks). */
export function checkSparseRows(x: SparseRows, n: number): void {
  const ok =
    x.indptr.length === n + 1 &&
    x.indptr[0] === 0 &&
    x.indptr[n] === x.indices.length &&
    x.indices.length === x.values.length;
  if (!ok) throw new Error(`sparse rows are not a CSR matrix of ${n} rows`);
  for (let i = 0; i < n; i++)
    if (x.indptr[i] > x.indptr[i + 1]) throw new Error('sparse rows: indptr decreases');
  for (const j of x.indices) {
    if (!(j >= 0 && j < x.cols)) throw new Error(`sparse rows: column ${j} outside 0..${x.cols - 1}`);
  }
}

/**
 * The directed kNN graph of the rows of `x` (`[numItems, x.cols]`, CSR) by exact cosine similarity, at most
 * `k` neighbours per row (`options.k`, default 10), weights the cosine or 1 (`options.weighting`).
 */
export function sparseKnnGraph(x: SparseRows, numItems: number, options: KnnOptions = {}): CsrGraph {
  checkSparseRows(x, numItems);
  const n = numItems;
  const k = Math.min(options.k ?? 10, Math.max(0, n - 1));
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a non-negative integer, got ${options.k}`);
  const norms = rowNorms(x, n);
  // The transpose (term → the rows that have it, ascending), values already divided by the row norms.
  const colCount = new Int32Array(x.cols + 1);
  for (const j of x.indices) colCount[j + 1]++;
  for (let j = 0; j < x.cols; j++) colCount[j + 1] += colCount[j];
  const tRows = new Int32Array(x.indices.length);
  const tVals = new Float64Array(x.indices.length);
  const fill = colCount.slice(0, x.cols);
  for (let i = 0; i < n; i++) {
    for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) {
      const q = fill[x.indices[p]]++;
      tRows[q] = i;
      tVals[q] = norms[i] > 0 ? x.values[p] / norms[i] : 0;
    }
  }
  const nbr = new Int32Array(n * k);
  const sim = new Float32Array(n * k);
  const acc = new Float64Array(n);
  const seen = new Uint8Array(n);
  const touched: number[] = [];
  const blockRows = options.blockRows ?? 256;
  for (let i = 0; i < n; i++) {
    if (norms[i] > 0 && k > 0) {
      for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) {
        const v = x.values[p] / norms[i];
        const j = x.indices[p];
        for (let q = colCount[j]; q < colCount[j + 1]; q++) {
          const r = tRows[q];
          if (!seen[r]) {
            seen[r] = 1;
            touched.push(r);
          }
          acc[r] += v * tVals[q];
        }
      }
      // The k best by (−similarity, index), kept sorted by insertion (no sort of every candidate: a term in
      // every text makes each row touch all N). Compared as the float32 weights they become, so a tie lost
      // to float64 rounding stays a tie.
      let kept = 0;
      const o = i * k;
      for (const r of touched) {
        const v = Math.fround(acc[r]);
        acc[r] = 0;
        seen[r] = 0;
        if (r === i || !(v > 0)) continue;
        let t = kept;
        while (t > 0 && (sim[o + t - 1] < v || (sim[o + t - 1] === v && nbr[o + t - 1] > r))) t--;
        if (t >= k) continue;
        for (let u = Math.min(kept, k - 1); u > t; u--) {
          sim[o + u] = sim[o + u - 1];
          nbr[o + u] = nbr[o + u - 1];
        }
        sim[o + t] = v;
        nbr[o + t] = r;
        if (kept < k) kept++;
      }
      touched.length = 0;
    }
    if ((i + 1) % blockRows === 0 || i + 1 === n) options.onProgress?.(i + 1, n);
  }
  return csrFromTopk(nbr, sim, n, k, options.weighting === 'binary');
}
