/**
 * Planted vs learned for attention (issue 22): where a planted field interaction (the demo's age × category)
 * sits in a model's averaged attention, against uniform and against chance. Plain typed arrays in, numbers out.
 *
 * - pairs (amfr's external branch, a softmax over the P = M(M−1)/2 field pairs): the planted pair's rank among
 *   the P averaged weights (1 = heaviest; a model that ignores it ranks it (P + 1)/2 on average) and its
 *   weight over uniform 1/P;
 * - fields (the interacting layers, each row a softmax over M fields): the attention the two planted fields pay
 *   each other, averaged over layers, heads and both directions, over uniform 1/M, and its rank among the
 *   M(M−1)/2 such pair scores.
 */

export interface PlantedAgreement {
  /** 1-based rank of the planted pair among `of` candidates (ties count against it). */
  readonly rank: number;
  readonly of: number;
  /** The planted pair's weight over uniform. */
  readonly ratio: number;
  /** The largest ratio of any pair, for scale. */
  readonly topRatio: number;
}

function rankOf(scores: readonly number[], at: number): number {
  return 1 + scores.filter((s, k) => k !== at && s >= scores[at]).length;
}

/** `pair`: `[M, M]` averaged pair weights, upper triangle filled (as the models explain them). */
export function pairAgreement(pair: ArrayLike<number>, M: number, a: number, b: number): PlantedAgreement {
  const [i, j] = a < b ? [a, b] : [b, a];
  if (!(i >= 0 && j < M && i !== j))
    throw new Error(`planted pair (${a}, ${b}) is not a pair of ${M} fields`);
  const P = (M * (M - 1)) / 2;
  const scores: number[] = [];
  let at = -1;
  for (let r = 0; r < M; r++) {
    for (let c = r + 1; c < M; c++) {
      if (r === i && c === j) at = scores.length;
      scores.push(pair[r * M + c]);
    }
  }
  return { rank: rankOf(scores, at), of: P, ratio: scores[at] * P, topRatio: Math.max(...scores) * P };
}

/**
 * `field`: `[L, H, M, M]` averaged field attention (row = query field, a softmax over key fields). The score
 * of fields (r, c) is the mean over layers and heads of A[r→c] and A[c→r].
 */
export function fieldPairAgreement(
  field: ArrayLike<number>,
  shape: readonly number[],
  a: number,
  b: number,
): PlantedAgreement {
  const M = shape[shape.length - 1];
  const maps = field.length / (M * M);
  if (!(a >= 0 && b >= 0 && a < M && b < M && a !== b)) {
    throw new Error(`planted pair (${a}, ${b}) is not a pair of ${M} fields`);
  }
  const [i, j] = a < b ? [a, b] : [b, a];
  const scores: number[] = [];
  let at = -1;
  for (let r = 0; r < M; r++) {
    for (let c = r + 1; c < M; c++) {
      let s = 0;
      for (let m = 0; m < maps; m++) s += field[m * M * M + r * M + c] + field[m * M * M + c * M + r];
      if (r === i && c === j) at = scores.length;
      scores.push(s / (2 * maps));
    }
  }
  return {
    rank: rankOf(scores, at),
    of: scores.length,
    ratio: scores[at] * M,
    topRatio: Math.max(...scores) * M,
  };
}

/**
 * Behaviour attention against planted relevance (the demo's recency term: recent likes of the candidate's
 * topic raise the like): per row, the AUC of the behaviours' weights for telling the relevant behaviours
 * (`relevant[t]`) from the others, averaged over the rows that have both; 0.5 is chance, 1 every relevant
 * behaviour weighs more than every other. Rank-based, so it holds for DIN's unnormalised, signed weights.
 */
export function relevanceAuc(
  weights: ArrayLike<number>,
  relevant: ArrayLike<number>,
  rows: number,
  T: number,
  real: (row: number, t: number) => boolean,
): { auc: number; rows: number } {
  let sum = 0;
  let used = 0;
  for (let r = 0; r < rows; r++) {
    const pos: number[] = [];
    const neg: number[] = [];
    for (let t = 0; t < T; t++) {
      if (!real(r, t)) continue;
      (relevant[r * T + t] ? pos : neg).push(weights[r * T + t]);
    }
    if (pos.length === 0 || neg.length === 0) continue;
    let wins = 0;
    for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
    sum += wins / (pos.length * neg.length);
    used++;
  }
  return { auc: used > 0 ? sum / used : NaN, rows: used };
}
