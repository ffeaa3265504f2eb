/**
 * Dense Float64 linear algebra that tfjs-core lacks: the inverse of a symmetric positive definite matrix
 * (EASE's P = (XᵀX + λI)⁻¹), through its Cholesky factor, in place in one row-major `Float64Array`.
 *
 * Why plain JavaScript doubles, not the backend: tfjs has no inverse or Cholesky, and a factorisation written
 * with tfjs ops is n sequential steps of small kernels (1,682 dispatches of rank-1 updates for ml-100k), in
 * float32. Here every inner loop is a contiguous dot product over two rows (V8 keeps them in registers), the
 * three passes cost n³/6 multiply-adds each (n³/2 in all: 2.4e9 for n = 1,682), and float64 keeps the
 * inverse as accurate as NumPy's (the P2 reference is float64; float32 elimination would lose ~4 digits on
 * a matrix whose diagonal spans 250 … 500 + 250). The caller reports progress and may yield between rows.
 */

/** Called now and then with the work done so far and the total, in the pass's own unit (rows). */
export type LinalgProgress = (pass: 'factor' | 'invert' | 'multiply', done: number, total: number) => void;

/** Rows between progress calls. */
const REPORT_ROWS = 64;

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

/**
 * Cholesky–Banachiewicz, in place: on return the lower triangle (diagonal included) of `a` holds L with
 * A = L·Lᵀ; the strict upper triangle is left as it was. Reads only the lower triangle of A.
 * Throws when A is not (numerically) positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number, onProgress?: LinalgProgress): void {
  checkSquare(a, n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      const s = a[ri + j] - dot(a, ri, rj, 0, j);
      if (j < i) a[ri + j] = s / a[rj + j];
      else {
        if (!(s > 0)) throw new Error(`the matrix is not positive definite (pivot ${i} is ${s})`);
        a[ri + i] = Math.sqrt(s);
      }
    }
    if (onProgress && (i % REPORT_ROWS === REPORT_ROWS - 1 || i === n - 1)) onProgress('factor', i + 1, n);
  }
}

/**
 * The inverse of a symmetric positive definite matrix, in place (`a` is overwritten with A⁻¹, both
 * triangles). Only the lower triangle of A is read. Three passes of n³/6 multiply-adds:
 * L = chol(A); U = L⁻ᵀ (upper, written over A's upper triangle, its diagonal kept aside); A⁻¹ = U·Uᵀ, row by
 * row over U's own storage (entry (i, j ≥ i) needs U's rows i and j from column j on only), then mirrored.
 */
export function spdInverseInPlace(a: Float64Array, n: number, onProgress?: LinalgProgress): void {
  choleskyInPlace(a, n, onProgress);
  const diagU = new Float64Array(n);
  // U[j, i] = −(Σ_{k=j}^{i−1} L[i, k]·U[j, k]) / L[i, i] for i > j; U[j, j] = 1 / L[j, j]. Row j of U and
  // row i of L are both contiguous; U[j, j] lives in diagU (A's diagonal still holds L's).
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    diagU[j] = 1 / a[rj + j];
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      const s = a[ri + j] * diagU[j] + dot(a, ri, rj, j + 1, i);
      a[rj + i] = -s / a[ri + i];
    }
    if (onProgress && (j % REPORT_ROWS === REPORT_ROWS - 1 || j === n - 1)) onProgress('invert', j + 1, n);
  }
  // P[i, j] = Σ_{k ≥ j} U[i, k]·U[j, k] for j ≥ i, overwriting U[i, j] (no later entry reads it).
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const d = diagU[i] * diagU[i] + dot(a, ri, ri, i + 1, n);
    for (let j = i + 1; j < n; j++) {
      const rj = j * n;
      a[ri + j] = a[ri + j] * diagU[j] + dot(a, ri, rj, j + 1, n);
    }
    a[ri + i] = d;
    if (onProgress && (i % REPORT_ROWS === REPORT_ROWS - 1 || i === n - 1)) onProgress('multiply', i + 1, n);
  }
  for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
}
