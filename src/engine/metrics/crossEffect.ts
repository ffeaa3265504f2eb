/**
 * How much of a two-field interaction (e.g. age × category) a model's scores carry: the scores' cell means
 * over the two fields, with each field's own (main) effect taken out. Compared with the same table of the
 * true logits on the same rows, it says whether a model learned a planted cross, independent of its AUC.
 * Plain typed arrays in, numbers out.
 */

/** A two-way table of score means over fields a × b with the main effects removed. */
export interface InteractionTable {
  readonly rows: number;
  readonly cols: number;
  /** Row-major `[rows, cols]` interaction effects (NaN for empty cells). */
  readonly effect: Float64Array;
  /** Row-major `[rows, cols]` number of scored rows per cell. */
  readonly count: Float64Array;
}

/**
 * Cell means of `scores` over (a[i], b[i]) (tokens 0..rows−1 and 0..cols−1) less the best additive fit
 * r(a) + c(b) to them (count-weighted least squares, by backfitting), so that purely additive scores give
 * zero in every cell however unbalanced the cells are.
 */
export function interactionTable(
  scores: ArrayLike<number>,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  rows: number,
  cols: number,
  sweeps = 200,
): InteractionTable {
  const mean = new Float64Array(rows * cols);
  const count = new Float64Array(rows * cols);
  for (let i = 0; i < scores.length; i++) {
    const c = a[i] * cols + b[i];
    mean[c] += scores[i];
    count[c] += 1;
  }
  for (let c = 0; c < mean.length; c++) if (count[c] > 0) mean[c] /= count[c];
  const rowEffect = new Float64Array(rows);
  const colEffect = new Float64Array(cols);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      let w = 0;
      for (let k = 0; k < cols; k++) {
        s += count[r * cols + k] * (mean[r * cols + k] - colEffect[k]);
        w += count[r * cols + k];
      }
      rowEffect[r] = w > 0 ? s / w : 0;
    }
    for (let k = 0; k < cols; k++) {
      let s = 0;
      let w = 0;
      for (let r = 0; r < rows; r++) {
        s += count[r * cols + k] * (mean[r * cols + k] - rowEffect[r]);
        w += count[r * cols + k];
      }
      colEffect[k] = w > 0 ? s / w : 0;
    }
  }
  const effect = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < cols; k++) {
      const c = r * cols + k;
      effect[c] = count[c] > 0 ? mean[c] - rowEffect[r] - colEffect[k] : NaN;
    }
  }
  return { rows, cols, effect, count };
}

/** How a model's interaction table matches the true one. */
export interface CrossRecovery {
  /** Count-weighted Pearson correlation of the two tables' effects (1: the same shape). */
  readonly correlation: number;
  /** Count-weighted least-squares slope of model on truth (1: the full size, 0: none of it). */
  readonly slope: number;
  /** Count-weighted standard deviation of the true effects, in logits: how big the planted cross is. */
  readonly trueSpread: number;
}

/** Compares `model` with `truth` over the cells both have with at least `minCount` rows. */
export function crossRecovery(
  model: InteractionTable,
  truth: InteractionTable,
  minCount = 20,
): CrossRecovery {
  let w = 0;
  let mx = 0;
  let my = 0;
  const cells: number[] = [];
  for (let c = 0; c < truth.effect.length; c++) {
    if (truth.count[c] < minCount || !Number.isFinite(model.effect[c]) || !Number.isFinite(truth.effect[c]))
      continue;
    cells.push(c);
    w += truth.count[c];
    mx += truth.count[c] * truth.effect[c];
    my += truth.count[c] * model.effect[c];
  }
  mx /= w;
  my /= w;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const c of cells) {
    const dx = truth.effect[c] - mx;
    const dy = model.effect[c] - my;
    sxx += truth.count[c] * dx * dx;
    syy += truth.count[c] * dy * dy;
    sxy += truth.count[c] * dx * dy;
  }
  return { correlation: sxy / Math.sqrt(sxx * syy), slope: sxy / sxx, trueSpread: Math.sqrt(sxx / w) };
}
