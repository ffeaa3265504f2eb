/**
 * Dense Float64 linear algebra that tfjs-core lacks: the inverse of a symmetric positive definite matrix
 * (EASE's P = (XᵀX + λI)⁻¹), through its Cholesky factor, in place in one row-major `Float64Array`.
 *
 * Why plain JavaScript doubles, not the backend: tfjs has no inverse or Cholesky, and a factorisation written
 * with tfjs ops is n sequential steps of small kernels (1,682 dispatches of rank-1 updates for ml-100k), in
 * float32. Here every inner loop is a contiguous dot product over two rows, the three passes cost n³/6
 * multiply-adds each (n³/2 in all: 2.4e9 for n = 1,682), each pass is blocked by rows so that a block stays
 * in cache while the other rows stream past, and float64 keeps the result as accurate as the NumPy reference
 * (‖A·A⁻¹ − I‖max ≈ 1e-14 at n = 1,682; EASE's P2 metrics equal the reference's to 6 decimals). Time grows
 * as n³: the work runs synchronously, reporting progress after every block.
 */

/** Called now and then with the work done so far and the total, in the pass's own unit (rows). */
export type LinalgProgress = (pass: 'factor' | 'invert' | 'multiply', done: number, total: number) => void;

/**
 * Σ_{k=from}^{to−1} a[ra + k]·a[rb + k] with four accumulators (faster in V8 than one: the adds no longer
 * wait on each other).
 */
function dot(a: Float64Array, ra: number, rb: number, from: number, to: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = from;
  for (; k + 3 < to; k += 4) {
    s0 += a[ra + k] * a[rb + k];
    s1 += a[ra + k + 1] * a[rb + k + 1];
    s2 += a[ra + k + 2] * a[rb + k + 2];
    s3 += a[ra + k + 3] * a[rb + k + 3];
  }
  for (; k < to; k++) s0 += a[ra + k] * a[rb + k];
  return s0 + s1 + (s2 + s3);
}

function checkSquare(a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 0 || a.length !== n * n) {
    throw new Error(`expected an ${n} × ${n} matrix (${n * n} values), got ${a.length} values`);
  }
}

/** Rows per block: the block's rows stay in cache while the other rows stream past them once. */
const DEFAULT_BLOCK = 64;

/**
 * Cholesky–Banachiewicz, in place: on return the lower triangle (diagonal included) of `a` holds L with
 * A = L·Lᵀ; the strict upper triangle is left as it was. Reads only the lower triangle of A.
 * Throws when A is not (numerically) positive definite.
 *
 * Blocked by rows: for a block of `block` rows, every earlier row j streams past once and each of the
 * block's rows takes its L[i, j] from it (L[i, j] needs rows i and j up to column j, and L[j, j]: all
 * computed before, the diagonal first at its own j). Unblocked, every row i would stream all of rows 0 … i.
 */
export function choleskyInPlace(
  a: Float64Array,
  n: number,
  onProgress?: LinalgProgress,
  block = DEFAULT_BLOCK,
): void {
  checkSquare(a, n);
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let j = 0; j < i1; j++) {
      const rj = j * n;
      for (let i = Math.max(j, i0); i < i1; i++) {
        const ri = i * n;
        const s = a[ri + j] - dot(a, ri, rj, 0, j);
        if (i > j) a[ri + j] = s / a[rj + j];
        else {
          if (!(s > 0)) throw new Error(`the matrix is not positive definite (pivot ${i} is ${s})`);
          a[ri + i] = Math.sqrt(s);
        }
      }
    }
    onProgress?.('factor', i1, n);
  }
}

/**
 * The inverse of a symmetric positive definite matrix, in place (`a` is overwritten with A⁻¹, both
 * triangles). Only the lower triangle of A is read. Three passes of n³/6 multiply-adds:
 * L = chol(A); U = L⁻ᵀ (upper, written over A's upper triangle, its diagonal kept aside); A⁻¹ = U·Uᵀ, over
 * U's own storage (entry (i, j ≥ i) needs U's rows i and j from column j on only), then mirrored. Each pass
 * is blocked by rows as `choleskyInPlace` is.
 */
export function spdInverseInPlace(
  a: Float64Array,
  n: number,
  onProgress?: LinalgProgress,
  block = DEFAULT_BLOCK,
): void {
  choleskyInPlace(a, n, onProgress, block);
  const diagU = new Float64Array(n);
  // U[j, i] = −(L[i, j]·U[j, j] + Σ_{k=j+1}^{i−1} L[i, k]·U[j, k]) / L[i, i] for i > j; U[j, j] = 1 / L[j, j].
  // A block of U's rows j at a time, every row i of L streaming past once, i ascending (U[j, k < i] first).
  for (let j0 = 0; j0 < n; j0 += block) {
    const j1 = Math.min(n, j0 + block);
    for (let j = j0; j < j1; j++) diagU[j] = 1 / a[j * n + j];
    for (let i = j0 + 1; i < n; i++) {
      const ri = i * n;
      const lii = a[ri + i];
      const jEnd = Math.min(j1, i);
      for (let j = j0; j < jEnd; j++) {
        const rj = j * n;
        a[rj + i] = -(a[ri + j] * diagU[j] + dot(a, ri, rj, j + 1, i)) / lii;
      }
    }
    onProgress?.('invert', j1, n);
  }
  // P[i, j] = U[i, j]·U[j, j] + Σ_{k > j} U[i, k]·U[j, k] for j ≥ i, overwriting U[i, j]: a block of rows i at
  // a time, rows j ≥ i streaming past in ascending order (no later entry reads what is overwritten).
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    for (let j = i0; j < n; j++) {
      const rj = j * n;
      const iEnd = Math.min(i1, j + 1);
      for (let i = i0; i < iEnd; i++) {
        const ri = i * n;
        if (i === j) a[ri + i] = diagU[i] * diagU[i] + dot(a, ri, ri, i + 1, n);
        else a[ri + j] = a[ri + j] * diagU[j] + dot(a, ri, rj, j + 1, n);
      }
    }
    onProgress?.('multiply', i1, n);
  }
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
}
