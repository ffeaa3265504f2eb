/**
 * Which planted terms a model's logits carry: the least-squares fit of the logits on the true terms of the
 * logit (plus an intercept), one slope per term. A slope of 1 means the model moves its logit with that term
 * as the truth does; 0 means it ignores it. Plain typed arrays in, numbers out.
 */

/** Solves the square system `a x = b` (row-major `a`, n × n) by Gaussian elimination with partial pivoting. */
export function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    if (Math.abs(m[p * n + c]) < 1e-12) throw new Error(`singular system at column ${c}`);
    if (p !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[p * n + k]] = [m[p * n + k], m[c * n + k]];
      [x[c], x[p]] = [x[p], x[c]];
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] -= f * m[c * n + k];
      x[r] -= f * x[c];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c];
    for (let k = c + 1; k < n; k++) s -= m[c * n + k] * x[k];
    x[c] = s / m[c * n + c];
  }
  return x;
}

/**
 * Slopes of `y` on each column of `terms` jointly (ordinary least squares with an intercept). Columns that
 * are constant on these rows (e.g. a term that is zero everywhere) get NaN and stay out of the fit.
 */
export function termSlopes(
  terms: Readonly<Record<string, ArrayLike<number>>>,
  y: ArrayLike<number>,
): Record<string, number> {
  const n = y.length;
  const all = Object.keys(terms);
  const varies = (k: string) => {
    const col = terms[k];
    for (let i = 1; i < n; i++) if (Math.abs(col[i] - col[0]) > 1e-9) return true;
    return false;
  };
  const names = all.filter(varies);
  const p = names.length + 1; // intercept last
  const cols = names.map((k) => terms[k]);
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < names.length; j++) row[j] = cols[j][i];
    row[p - 1] = 1;
    for (let j = 0; j < p; j++) {
      xty[j] += row[j] * y[i];
      for (let k = j; k < p; k++) xtx[j * p + k] += row[j] * row[k];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xtx[j * p + k] = xtx[k * p + j];
  const beta = solve(xtx, xty, p);
  return Object.fromEntries(all.map((k) => [k, names.includes(k) ? beta[names.indexOf(k)] : NaN]));
}
