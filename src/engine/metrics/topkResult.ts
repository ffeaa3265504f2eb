/**
 * A top-k evaluation's result and how to read one metric from it: plain data, free of tfjs, so the page can
 * show results without loading the engine (the metrics themselves are computed in topk.ts).
 */

export type TopkMetricName = 'recall' | 'ndcg' | 'hit' | 'mrr' | 'precision';

export interface TopkResult {
  readonly ks: readonly number[];
  /** Users averaged over: those with ≥ 1 ground-truth item. */
  readonly numUsers: number;
  /** Mean per metric, one value per cutoff in `ks` order (NaN when no user has ground truth). */
  readonly values: Readonly<Partial<Record<TopkMetricName, readonly number[]>>>;
}

/** `result`'s `name@k`; throws for a metric or cutoff it does not hold. */
export function topkValue(result: TopkResult, name: TopkMetricName, k: number): number {
  const c = result.ks.indexOf(k);
  const row = result.values[name];
  if (c < 0 || !row) throw new Error(`No ${name}@${k} in this result.`);
  return row[c];
}
