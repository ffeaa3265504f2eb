/**
 * A seeded randomised truncated SVD of a sparse matrix (Halko, Martinsson and Tropp 2011, "Finding structure
 * with randomness", algorithms 4.4 and 5.1; the method of scikit-learn's `TruncatedSVD(algorithm='randomized')`).
 *
 * Plain TypeScript in Float64, not tfjs ops: the matrix is a TF-IDF table of item texts, sparse (a title has
 * 3–10 terms, so ~10 nonzeros a row), and a tensor backend has no sparse × dense product; a dense
 * `[items, terms]` tensor would be 1,682 × 3,000+ floats of mostly zeros on ml-100k. The importer that calls
 * this runs in a worker and in Node (the bench) before any backend is chosen, and the whole decomposition
 * takes tens of milliseconds on ml-100k.
 *
 * Steps, for `A` (n × m) and rank k with p = 10 oversamples (l = k + p columns, capped at min(n, m)):
 * 1. Ω: an m × l Gaussian test matrix from the seeded `Rng` (src/data/random.ts).
 * 2. Y = A·Ω, Q = qr(Y); then `powerIterations` times: Q = qr(Aᵀ·Q), Q = qr(A·Q) (re-orthonormalising each
 *    product keeps small singular directions from being lost to rounding).
 * 3. B = Qᵀ·A (l × m), taken as Bᵀ = Aᵀ·Q; Bᵀ = Q₂·R by QR, then R's SVD by one-sided Jacobi rotations:
 *    R·J has orthogonal columns whose norms are the singular values, and J holds B's left singular vectors
 *    (B = Rᵀ·Q₂ᵀ).
 * 4. U = Q·J (n × l), singular values σ, keep the first k, largest first; each component's sign is chosen so
 *    its largest |U| entry is positive (scikit-learn's `svd_flip`), so the output does not depend on the
 *    test matrix's sign.
 *
 * QR is modified Gram–Schmidt: one pass between power iterations and for Bᵀ (only its R is used), two passes
 * ("twice is enough") for the final Q, which must be orthonormal. A column that is (numerically) in the span
 * of the earlier ones becomes zero, so a rank-deficient matrix gives zero singular values, not noise.
 */
import type { Rng } from '../random';

/** A sparse matrix in compressed sparse row form: row r's entries are `indices/values[indptr[r]..indptr[r+1])`. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** A dense row-major matrix. */
export interface Dense {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A·X for sparse A (n × m) and dense X (m × c): n × c. */
export function csrTimesDense(a: Csr, x: Dense): Dense {
  if (x.rows !== a.cols) throw new Error(`shape mismatch: ${a.rows}×${a.cols} · ${x.rows}×${x.cols}`);
  const c = x.cols;
  const out = new Float64Array(a.rows * c);
  for (let r = 0; r < a.rows; r++) {
    const o = r * c;
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const v = a.values[p];
      const xo = a.indices[p] * c;
      for (let j = 0; j < c; j++) out[o + j] += v * x.data[xo + j];
    }
  }
  return { rows: a.rows, cols: c, data: out };
}

/** Aᵀ·X for sparse A (n × m) and dense X (n × c): m × c. */
export function csrTransposeTimesDense(a: Csr, x: Dense): Dense {
  if (x.rows !== a.rows) throw new Error(`shape mismatch: (${a.rows}×${a.cols})ᵀ · ${x.rows}×${x.cols}`);
  const c = x.cols;
  const out = new Float64Array(a.cols * c);
  for (let r = 0; r < a.rows; r++) {
    const xo = r * c;
    for (let p = a.indptr[r]; p < a.indptr[r + 1]; p++) {
      const v = a.values[p];
      const o = a.indices[p] * c;
      for (let j = 0; j < c; j++) out[o + j] += v * x.data[xo + j];
    }
  }
  return { rows: a.cols, cols: c, data: out };
}

/**
 * Thin QR by modified Gram–Schmidt, in place: `m`'s columns become Q's (orthonormal, or zero where a column
 * depends on the earlier ones); returns R (c × c, row-major). `passes` 2 (default) re-orthogonalises each
 * column once more, which keeps Q orthonormal to rounding; one pass gives the same R to rounding and a Q whose
 * orthogonality degrades with the condition number (enough between power iterations, which re-orthonormalise
 * at the next step anyway).
 */
export function qrInPlace(m: Dense, passes: 1 | 2 = 2): Float64Array {
  const { rows: n, cols: c, data } = m;
  // Column-major copy: each column contiguous for the dot products.
  const cm = new Float64Array(n * c);
  for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) cm[j * n + i] = data[i * c + j];
  const r = new Float64Array(c * c);
  for (let j = 0; j < c; j++) {
    const col = cm.subarray(j * n, (j + 1) * n);
    let before = 0;
    for (let i = 0; i < n; i++) before += col[i] * col[i];
    for (let pass = 0; pass < passes; pass++) {
      for (let q = 0; q < j; q++) {
        const prev = cm.subarray(q * n, (q + 1) * n);
        let d = 0;
        for (let i = 0; i < n; i++) d += prev[i] * col[i];
        if (d === 0) continue;
        r[q * c + j] += d;
        for (let i = 0; i < n; i++) col[i] -= d * prev[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += col[i] * col[i];
    norm = Math.sqrt(norm);
    // What is left after projecting out the earlier columns is rounding: the column is dependent.
    if (norm === 0 || norm <= 1e-12 * Math.sqrt(before)) {
      col.fill(0);
      continue;
    }
    r[j * c + j] = norm;
    for (let i = 0; i < n; i++) col[i] /= norm;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < c; j++) data[i * c + j] = cm[j * n + i];
  return r;
}

/**
 * SVD of a small square matrix by one-sided Jacobi (Hestenes): rotates column pairs of `a` (c × c, row-major,
 * overwritten) until they are orthogonal. Returns σ (the column norms) and V (c × c, row-major) with
 * a_original·V = a_final, so a_original = U·diag(σ)·Vᵀ with U = a_final's columns over σ.
 */
export function jacobiSvd(a: Float64Array, c: number): { sigma: Float64Array; v: Float64Array } {
  // Column-major copies, so a rotation touches two contiguous columns.
  const w = new Float64Array(c * c);
  for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) w[j * c + i] = a[i * c + j];
  const vc = new Float64Array(c * c);
  for (let i = 0; i < c; i++) vc[i * c + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < c - 1; p++) {
      const xp = w.subarray(p * c, (p + 1) * c);
      const vp = vc.subarray(p * c, (p + 1) * c);
      for (let q = p + 1; q < c; q++) {
        const xq = w.subarray(q * c, (q + 1) * c);
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < c; i++) {
          alpha += xp[i] * xp[i];
          beta += xq[i] * xq[i];
          gamma += xp[i] * xq[i];
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-13 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        const vq = vc.subarray(q * c, (q + 1) * c);
        for (let i = 0; i < c; i++) {
          const x = xp[i];
          const y = xq[i];
          xp[i] = cs * x - sn * y;
          xq[i] = sn * x + cs * y;
          const vx = vp[i];
          const vy = vq[i];
          vp[i] = cs * vx - sn * vy;
          vq[i] = sn * vx + cs * vy;
        }
      }
    }
    if (!rotated) break;
  }
  const sigma = new Float64Array(c);
  const v = new Float64Array(c * c);
  for (let j = 0; j < c; j++) {
    let s = 0;
    for (let i = 0; i < c; i++) {
      s += w[j * c + i] ** 2;
      v[i * c + j] = vc[j * c + i];
      a[i * c + j] = w[j * c + i];
    }
    sigma[j] = Math.sqrt(s);
  }
  return { sigma, v };
}

export interface TruncatedSvd {
  /** Components actually computed: min(k, n, m). */
  readonly rank: number;
  /** Singular values, largest first (`rank` of them). */
  readonly sigma: Float64Array;
  /** Left singular vectors, n × rank. */
  readonly u: Dense;
}

export interface SvdOptions {
  /** Extra test vectors beyond k (scikit-learn's n_oversamples): 10. */
  readonly oversamples?: number;
  /** Power iterations (scikit-learn TruncatedSVD's n_iter): 5. */
  readonly powerIterations?: number;
}

/** The top-k singular values and left singular vectors of sparse `a`, randomised and seeded by `rng`. */
export function randomizedSvd(a: Csr, k: number, rng: Rng, options: SvdOptions = {}): TruncatedSvd {
  if (!Number.isInteger(k) || k < 1) throw new Error(`SVD rank must be a positive integer: ${k}`);
  const rank = Math.min(k, a.rows, a.cols);
  const l = Math.min(rank + (options.oversamples ?? 10), a.rows, a.cols);
  const omega = new Float64Array(a.cols * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  const iterations = options.powerIterations ?? 5;
  let qn = csrTimesDense(a, { rows: a.cols, cols: l, data: omega });
  qrInPlace(qn, iterations === 0 ? 2 : 1);
  for (let it = 0; it < iterations; it++) {
    const z = csrTransposeTimesDense(a, qn);
    qrInPlace(z, 1);
    qn = csrTimesDense(a, z);
    qrInPlace(qn, it === iterations - 1 ? 2 : 1);
  }
  // Bᵀ = Aᵀ·Q (m × l) = Q₂·R, so B = Rᵀ·Q₂ᵀ has the left singular vectors of Rᵀ. One-sided Jacobi on R
  // gives R·V = W, R = (W/σ)·diag(σ)·Vᵀ, Rᵀ = V·diag(σ)·(W/σ)ᵀ: they are the columns of V.
  const bt = csrTransposeTimesDense(a, qn);
  const r = qrInPlace(bt, 1);
  const { sigma, v } = jacobiSvd(r, l);
  const order = Array.from({ length: l }, (_, j) => j).sort((x, y) => sigma[y] - sigma[x] || x - y);
  const n = a.rows;
  const u = new Float64Array(n * rank);
  const sig = new Float64Array(rank);
  for (let c = 0; c < rank; c++) {
    const j = order[c];
    sig[c] = sigma[j];
    // U[:, c] = Q · V[:, j]
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < l; t++) s += qn.data[i * l + t] * v[t * l + j];
      u[i * rank + c] = s;
    }
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(u[i * rank + c]) > Math.abs(big)) big = u[i * rank + c];
    if (big < 0) for (let i = 0; i < n; i++) u[i * rank + c] = -u[i * rank + c];
  }
  return { rank, sigma: sig, u: { rows: n, cols: rank, data: u } };
}
