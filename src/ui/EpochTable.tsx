import type { CtrMetrics } from '../engine/metrics/ctr';
import type { TopkResult } from '../engine/metrics/topkResult';
import type { EpochReport } from '../engine/train/family';
import { fmtDuration, fmtMetric } from './format';
import type { RunState } from './runState';
import { TOPK_TEST_METRICS, topkMetric } from './topkMetrics';

/** A metric column: its label and how to read it from a family's metrics. */
interface Column<V> {
  readonly label: string;
  readonly read: (v: V) => number | undefined;
}

/** What a family's table shows: validation columns per epoch, the test line, and its one bold figure. */
interface TableSpec<V> {
  readonly lossLabel: string;
  readonly valid: readonly Column<V>[];
  readonly test: readonly Column<V>[];
  /** The test metric in bold (the one the protocols report). */
  readonly strong: number;
  readonly evalTime: boolean;
  testNote(best: number | undefined): string;
}

const CTR: TableSpec<CtrMetrics> = {
  lossLabel: 'Train loss',
  valid: [
    { label: 'Valid AUC', read: (v) => v.auc },
    { label: 'Valid GAUC', read: (v) => v.gauc },
    { label: 'Valid logloss', read: (v) => v.logloss },
  ],
  test: [
    { label: 'AUC', read: (v) => v.auc },
    { label: 'GAUC', read: (v) => v.gauc },
    { label: 'logloss', read: (v) => v.logloss },
  ],
  strong: 0,
  evalTime: false,
  testNote: (best) => `weights of epoch ${best}`,
};

const topkColumns = (prefix: string, metrics: typeof TOPK_TEST_METRICS): Column<TopkResult>[] =>
  metrics.map((m) => ({ label: `${prefix}${m.label}`, read: (v) => topkMetric(v, m.name, m.k) }));

const TOPK: TableSpec<TopkResult> = {
  lossLabel: 'Train loss (BPR)',
  valid: topkColumns('Valid ', TOPK_TEST_METRICS.slice(0, 4)),
  test: topkColumns('', TOPK_TEST_METRICS),
  strong: 1,
  evalTime: true,
  testNote: (best) =>
    `${best ? `weights of epoch ${best}` : 'no training'}, full ranking, training items masked`,
};

interface TableProps<V> {
  readonly epochs: readonly EpochReport<V>[];
  readonly bestEpoch: number | undefined;
  readonly test: V | null | undefined;
  /** The run was stopped (its test line says after which epoch). */
  readonly stopped: boolean;
  readonly spec: TableSpec<V>;
}

/** One row per finished epoch, the best one marked; the test score of the best epoch below. */
function Table<V>({ epochs, bestEpoch: best, test, stopped, spec }: TableProps<V>) {
  if (epochs.length === 0 && !test) {
    return stopped ? (
      <p className="test-result" data-testid="test-result">
        Stopped before the first epoch ended: no test score.
      </p>
    ) : null;
  }
  const note = `${stopped ? `stopped after epoch ${epochs.at(-1)?.epoch}; ` : ''}${spec.testNote(best)}`;
  return (
    <div className="epoch-table">
      {epochs.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">{spec.lossLabel}</th>
              {spec.valid.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
              <th scope="col">Train time</th>
              {spec.evalTime && <th scope="col">Eval time</th>}
            </tr>
          </thead>
          <tbody>
            {epochs.map((e) => (
              <tr key={e.epoch} className={e.epoch === best ? 'best' : undefined}>
                <td>{e.epoch}</td>
                <td>{fmtMetric(e.trainLoss)}</td>
                {spec.valid.map((c) => (
                  <td key={c.label}>{fmtMetric(c.read(e.valid))}</td>
                ))}
                <td>{fmtDuration(e.trainSeconds)}</td>
                {spec.evalTime && <td>{fmtDuration(e.evalSeconds)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {test && (
        <p className="test-result" data-testid="test-result">
          Test ({note}):{' '}
          {spec.test.map((c, i) => (
            <span key={c.label}>
              {i > 0 && ' · '}
              {c.label}{' '}
              {i === spec.strong ? <strong>{fmtMetric(c.read(test))}</strong> : fmtMetric(c.read(test))}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The run's epochs and test result, with the columns of its model's family. */
export function EpochTable({ run }: { run: RunState }) {
  return run.topk ? (
    <Table
      epochs={run.topk.epochs}
      bestEpoch={run.topk.result?.bestEpoch}
      test={run.topk.result?.test}
      stopped={run.topk.result?.stopped === true}
      spec={TOPK}
    />
  ) : (
    <Table
      epochs={run.epochs}
      bestEpoch={run.result?.bestEpoch}
      test={run.result?.test}
      stopped={run.result?.stopped === true}
      spec={CTR}
    />
  );
}
