/**
 * Ctr metrics with RecBole's / scikit-learn's definitions. Plain typed arrays in, numbers out.
 */

/**
 * ROC AUC: the probability that a random positive scores above a random negative, ties counting half
 * (Mann–Whitney U with average ranks). NaN when only one class is present.
 */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let numPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based average rank of the tie group
    for (let k = i; k <= j; k++) {
      if (labels[order[k]] > 0.5) {
        rankSumPos += avgRank;
        numPos++;
      }
    }
    i = j + 1;
  }
  const numNeg = n - numPos;
  if (numPos === 0 || numNeg === 0) return NaN;
  return (rankSumPos - (numPos * (numPos + 1)) / 2) / (numPos * numNeg);
}

/** Mean binary cross-entropy of probabilities, clipped to [eps, 1 − eps] as scikit-learn does. */
export function logloss(probs: ArrayLike<number>, labels: ArrayLike<number>, eps = 1e-7): number {
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1 - eps, Math.max(eps, probs[i]));
    sum += labels[i] > 0.5 ? -Math.log(p) : -Math.log(1 - p);
  }
  return sum / probs.length;
}

/**
 * Group AUC (DIN paper, RecBole): per-user AUC weighted by the user's number of rows, over users that have
 * both a positive and a negative (the others have no AUC).
 */
export function gauc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
): number {
  const byGroup = new Map<number, number[]>();
  for (let i = 0; i < scores.length; i++) {
    let rows = byGroup.get(groups[i]);
    if (!rows) byGroup.set(groups[i], (rows = []));
    rows.push(i);
  }
  let weighted = 0;
  let weight = 0;
  for (const rows of byGroup.values()) {
    const a = auc(
      rows.map((r) => scores[r]),
      rows.map((r) => labels[r]),
    );
    if (Number.isNaN(a)) continue;
    weighted += a * rows.length;
    weight += rows.length;
  }
  return weight === 0 ? NaN : weighted / weight;
}

export interface CtrMetrics {
  readonly auc: number;
  readonly gauc: number;
  readonly logloss: number;
}

export function ctrMetrics(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: ArrayLike<number>,
): CtrMetrics {
  return { auc: auc(probs, labels), gauc: gauc(probs, labels, groups), logloss: logloss(probs, labels) };
}

export type CtrMetricName = keyof CtrMetrics;

/** Which direction is better, per ctr metric (early stopping and the best epoch use it). */
export const CTR_METRIC_INFO: Readonly<Record<CtrMetricName, { readonly smallerIsBetter: boolean }>> = {
  auc: { smallerIsBetter: false },
  gauc: { smallerIsBetter: false },
  logloss: { smallerIsBetter: true },
};

/** True when `value` strictly beats `best`; NaN never beats anything, and anything beats a NaN best. */
export function isImprovement(value: number, best: number, smallerIsBetter: boolean): boolean {
  if (Number.isNaN(value)) return false;
  if (Number.isNaN(best)) return true;
  return smallerIsBetter ? value < best : value > best;
}
