// The few statistics the seed and trace tables use.

/** The mean of a non-empty list. */
export const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean and sample standard deviation. */
export const meanSd = (xs) => {
  const m = mean(xs);
  return { mean: m, sd: Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)) };
};

/** Pearson correlation of two equally long lists (NaN when either is constant). */
export const correlation = (xs, ys) => {
  const a = meanSd(xs);
  const b = meanSd(ys);
  const cov = xs.reduce((acc, x, i) => acc + (x - a.mean) * (ys[i] - b.mean), 0) / (xs.length - 1);
  return cov / (a.sd * b.sd);
};
