/** Reading top-k results on the page (plain data; `engine/topk.ts` itself would load tfjs). */
import type { TopkMetricName, TopkResult } from '../engine/metrics/topkResult';
import type { TopkEpochReport } from '../engine/train/topk';
import type { ValidationCurves } from '../viz/TrainingCurves';

/** `name@k` of a result, or undefined when the result does not hold it. */
export function topkMetric(
  r: TopkResult | null | undefined,
  name: TopkMetricName,
  k: number,
): number | undefined {
  if (!r) return undefined;
  const c = r.ks.indexOf(k);
  return c < 0 ? undefined : r.values[name]?.[c];
}

/** The test metrics the page shows for a top-k run, in order. */
export const TOPK_TEST_METRICS: readonly { label: string; name: TopkMetricName; k: number }[] = [
  { label: 'R@10', name: 'recall', k: 10 },
  { label: 'R@20', name: 'recall', k: 20 },
  { label: 'N@10', name: 'ndcg', k: 10 },
  { label: 'N@20', name: 'ndcg', k: 20 },
  { label: 'Hit@20', name: 'hit', k: 20 },
];

/** Validation Recall@20 and NDCG@20 per epoch, for the curves. */
export function topkValidationCurves(epochs: readonly TopkEpochReport[]): ValidationCurves {
  const series = (label: string, name: TopkMetricName) => ({
    name: label,
    points: epochs.flatMap((e) => {
      const y = topkMetric(e.valid, name, 20);
      return y === undefined ? [] : [{ x: e.epoch, y }];
    }),
  });
  return {
    yLabel: 'Recall@20 / NDCG@20',
    series: [series('Recall@20', 'recall'), series('NDCG@20', 'ndcg')],
  };
}
