import { LineChart, type Series } from './LineChart';

/** Per-epoch validation metrics under other names than AUC / GAUC (top-k: Recall@20, NDCG@20). */
export interface ValidationCurves {
  /** Axis label, e.g. "Recall@20 / NDCG@20". */
  readonly yLabel: string;
  readonly series: readonly { readonly name: string; readonly points: readonly { x: number; y: number }[] }[];
}

export interface TrainingCurvesProps {
  /** Training loss per progress report; x in epochs. */
  readonly loss: readonly { x: number; y: number }[];
  /** Validation metrics per finished epoch (1-based): AUC and GAUC (ctr runs). */
  readonly valid: readonly { epoch: number; auc: number; gauc: number }[];
  /** Other validation metrics; replaces `valid` when given. */
  readonly validCurves?: ValidationCurves;
  /** The loss axis label; default binary cross-entropy. */
  readonly lossLabel?: string;
  readonly epochs: number;
}

/** Live training loss and per-epoch validation metrics (AUC / GAUC by default), side by side. */
export function TrainingCurves({ loss, valid, validCurves, lossLabel, epochs }: TrainingCurvesProps) {
  const series: readonly Series[] = validCurves
    ? validCurves.series.map((s) => ({ ...s, dots: true }))
    : [
        { name: 'AUC', points: valid.map((v) => ({ x: v.epoch, y: v.auc })), dots: true },
        { name: 'GAUC', points: valid.map((v) => ({ x: v.epoch, y: v.gauc })), dots: true },
      ];
  return (
    <div className="curves">
      <LineChart
        testId="loss-chart"
        title="Training loss"
        xLabel="Epoch"
        yLabel={lossLabel ?? 'Binary cross-entropy'}
        xDomain={[0, Math.max(1, epochs)]}
        series={[{ name: 'train loss', points: loss }]}
        empty="Press Train to start"
      />
      <LineChart
        testId="auc-chart"
        title="Validation"
        xLabel="Epoch"
        yLabel={validCurves?.yLabel ?? 'AUC'}
        xDomain={[1, Math.max(2, epochs)]}
        series={series}
        empty="Measured after each epoch"
      />
    </div>
  );
}
