/**
 * Two-component PCA in plain JavaScript for the embedding map: centre the rows, form the `[d, d]` covariance,
 * take its top two eigenvectors by power iteration with deflation. Embeddings here have d ≤ a few hundred,
 * so the covariance is small and this is exact enough (and far smaller than a linear-algebra dependency).
 */

export interface Pca2 {
  /** `[n, 2]` row-major projections of the centred rows onto the two components. */
  readonly xy: Float32Array;
  /** `[2, d]` row-major unit eigenvectors; each component's largest-magnitude entry is positive. */
  readonly components: Float64Array;
  /** Share of the total variance each component explains (0 when the data have none). */
  readonly explained: readonly [number, number];
}

const MAX_ITER = 500;
const TOL = 1e-10;

/** Covariance `[d, d]` (divided by n − 1) of the rows of `x: [n, d]` about their mean. */
function covariance(x: Float32Array, n: number, d: number): { cov: Float64Array; mean: Float64Array } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= Math.max(1, n);
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += ra * row[b];
    }
  }
  const denom = Math.max(1, n - 1);
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= denom;
      cov[b * d + a] = cov[a * d + b];
    }
  }
  return { cov, mean };
}

/** The dominant eigenpair of the symmetric `m` by power iteration from a fixed start (deterministic). */
function powerIteration(m: Float64Array, d: number): { value: number; vector: Float64Array } {
  // A start with every coordinate non-zero and unequal, so it is not orthogonal to a coordinate axis.
  let v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = 1 + j / (d + 1);
  let norm = Math.hypot(...v);
  for (let j = 0; j < d; j++) v[j] /= norm;
  let value = 0;
  for (let it = 0; it < MAX_ITER; it++) {
    const w = new Float64Array(d);
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += m[a * d + b] * v[b];
      w[a] = s;
    }
    norm = Math.hypot(...w);
    if (norm === 0) return { value: 0, vector: v };
    let change = 0;
    for (let j = 0; j < d; j++) {
      w[j] /= norm;
      change += Math.abs(Math.abs(w[j]) - Math.abs(v[j]));
    }
    v = w;
    value = norm;
    if (change < TOL * d) break;
  }
  // The Rayleigh quotient is the eigenvalue (with its sign), whatever the convergence.
  let rq = 0;
  for (let a = 0; a < d; a++) {
    let s = 0;
    for (let b = 0; b < d; b++) s += m[a * d + b] * v[b];
    rq += v[a] * s;
  }
  return { value: Number.isFinite(rq) ? rq : value, vector: v };
}

/** Flips `v` so that its largest-magnitude entry (the first on ties) is positive. */
function fixSign(v: Float64Array): void {
  let k = 0;
  for (let j = 1; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(v[k]) + 1e-12) k = j;
  if (v[k] < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j];
}

/** PCA of `x: [n, d]` to 2-D. `d` must be ≥ 1; with d = 1 the second axis is 0. */
export function pca2(x: Float32Array, n: number, d: number): Pca2 {
  if (!(n >= 0 && d >= 1 && x.length === n * d)) {
    throw new Error(`pca2: expected ${n} × ${d} values, got ${x.length}`);
  }
  const { cov, mean } = covariance(x, n, d);
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j];
  const components = new Float64Array(2 * d);
  const values = [0, 0];
  const m = Float64Array.from(cov);
  for (let c = 0; c < Math.min(2, d); c++) {
    const { value, vector } = powerIteration(m, d);
    fixSign(vector);
    components.set(vector, c * d);
    values[c] = Math.max(0, value);
    // Deflate: m ← m − λ v vᵀ, so the next iteration finds the next eigenpair.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) m[a * d + b] -= value * vector[a] * vector[b];
  }
  const xy = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 2; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j] - mean[j]) * components[c * d + j];
      xy[i * 2 + c] = s;
    }
  }
  const explained: [number, number] = total > 0 ? [values[0] / total, values[1] / total] : [0, 0];
  return { xy, components, explained };
}
