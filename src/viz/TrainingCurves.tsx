import { LineChart } from './LineChart';

export interface TrainingCurvesProps {
  /** Training loss per progress report; x in epochs. */
  readonly loss: readonly { x: number; y: number }[];
  /** Validation metrics per finished epoch (1-based). */
  readonly valid: readonly { epoch: number; auc: number; gauc: number }[];
  readonly epochs: number;
}

/** Live training loss and per-epoch validation AUC / GAUC, side by side. */
export function TrainingCurves({ loss, valid, epochs }: TrainingCurvesProps) {
  return (
    <div className="curves">
      <LineChart
        testId="loss-chart"
        title="Training loss"
        xLabel="Epoch"
        yLabel="Binary cross-entropy"
        xDomain={[0, Math.max(1, epochs)]}
        series={[{ name: 'train loss', points: loss }]}
        empty="Press Train to start"
      />
      <LineChart
        testId="auc-chart"
        title="Validation"
        xLabel="Epoch"
        yLabel="AUC"
        xDomain={[1, Math.max(2, epochs)]}
        series={[
          { name: 'AUC', points: valid.map((v) => ({ x: v.epoch, y: v.auc })), dots: true },
          { name: 'GAUC', points: valid.map((v) => ({ x: v.epoch, y: v.gauc })), dots: true },
        ]}
        empty="Measured after each epoch"
      />
    </div>
  );
}
