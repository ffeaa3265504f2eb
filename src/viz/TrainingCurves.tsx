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
  /** The epochs the run may train (its configured epochs): the axis never reaches past them. */
  readonly budget: number;
  /** The run goes on (training, paused, stopping): its axis leaves room ahead of it. */
  readonly live: boolean;
}

/** 2, 5, 10, 20, 50, 100, …: the first at or past `n`. */
function roundUp125(n: number): number {
  let p = 1;
  for (; p < 1e9; p *= 10) for (const m of [2, 5, 10]) if (m * p >= n) return m * p;
  return p;
}

/**
 * Where the epoch axis ends, given the furthest epoch the curves reach (the loss is at 1.5 half-way through
 * epoch 2). A finished run's axis ends at the epochs it ran: 0–2 for a 2-epoch run, 0–11 for a run stopped
 * in epoch 11. A live run's (and an empty chart's) ends at the first of 2, 5, 10, 20, 50, 100, … at or past
 * the epoch in progress, or at the budget where that comes first: the line fills two fifths of the width or
 * more with room ahead, and the axis changes scale a few times a run (at epochs 3, 6, 11, 21, 51 and 101 of
 * 200), never spread over a budget still far away.
 */
export function epochAxisEnd(reached: number, budget: number, live: boolean): number {
  const done = Math.max(0, Math.ceil(reached));
  if (!live && done > 0) return done;
  const cap = Number.isFinite(budget) && budget >= 1 ? budget : Infinity;
  return Math.max(1, done, Math.min(cap, roundUp125(Math.floor(Math.max(0, reached)) + 1)));
}

/** Two charts side by side in the results column of a 1280-px-wide screen. */
const CHART_WIDTH = 400;

/**
 * Live training loss and per-epoch validation metrics (AUC / GAUC by default) on one epoch axis (see
 * `epochAxisEnd`): epoch e's validation dot sits where epoch e's loss ends.
 */
export function TrainingCurves({ loss, valid, validCurves, lossLabel, budget, live }: TrainingCurvesProps) {
  const series: readonly Series[] = validCurves
    ? validCurves.series.map((s) => ({ ...s, dots: true }))
    : [
        { name: 'AUC', points: valid.map((v) => ({ x: v.epoch, y: v.auc })), dots: true },
        { name: 'GAUC', points: valid.map((v) => ({ x: v.epoch, y: v.gauc })), dots: true },
      ];
  const reached = [loss, ...series.map((s) => s.points)].reduce(
    (m, points) => points.reduce((a, p) => Math.max(a, p.x), m),
    0,
  );
  const xDomain = [0, epochAxisEnd(reached, budget, live)] as const;
  return (
    <div className="curves">
      <LineChart
        testId="loss-chart"
        width={CHART_WIDTH}
        title="Training loss"
        xLabel="Epoch"
        yLabel={lossLabel ?? 'Binary cross-entropy'}
        xDomain={xDomain}
        xIntegers
        series={[{ name: 'train loss', points: loss }]}
        empty="Press Train to start"
      />
      <LineChart
        testId="auc-chart"
        width={CHART_WIDTH}
        title="Validation"
        xLabel="Epoch"
        yLabel={validCurves?.yLabel ?? 'AUC'}
        xDomain={xDomain}
        xIntegers
        series={series}
        empty="Measured after each epoch"
      />
    </div>
  );
}
