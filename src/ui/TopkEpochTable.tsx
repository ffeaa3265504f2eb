import { fmtDuration, fmtMetric } from './format';
import type { TopkRunView } from './runState';
import { TOPK_TEST_METRICS, topkMetric } from './topkMetrics';

const VALID_COLUMNS = TOPK_TEST_METRICS.slice(0, 4);

/** A top-k run's epochs (validation Recall / NDCG, full ranking), the best one marked; its test result below. */
export function TopkEpochTable({ run }: { run: TopkRunView }) {
  const result = run.result;
  if (run.epochs.length === 0 && !result?.test) return null;
  const best = result?.bestEpoch;
  return (
    <div className="epoch-table">
      {run.epochs.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">Train loss (BPR)</th>
              {VALID_COLUMNS.map((m) => (
                <th key={m.label} scope="col">
                  Valid {m.label}
                </th>
              ))}
              <th scope="col">Train time</th>
              <th scope="col">Eval time</th>
            </tr>
          </thead>
          <tbody>
            {run.epochs.map((e) => (
              <tr key={e.epoch} className={e.epoch === best ? 'best' : undefined}>
                <td>{e.epoch}</td>
                <td>{fmtMetric(e.trainLoss)}</td>
                {VALID_COLUMNS.map((m) => (
                  <td key={m.label}>{fmtMetric(topkMetric(e.valid, m.name, m.k))}</td>
                ))}
                <td>{fmtDuration(e.trainSeconds)}</td>
                <td>{fmtDuration(e.evalSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result?.test && (
        <p className="test-result" data-testid="test-result">
          Test ({best ? `weights of epoch ${best}` : 'no training'}, full ranking, training items masked):{' '}
          {TOPK_TEST_METRICS.map((m, i) => (
            <span key={m.label}>
              {i > 0 && ' · '}
              {m.label}{' '}
              {i === 1 ? (
                <strong>{fmtMetric(topkMetric(result.test, m.name, m.k))}</strong>
              ) : (
                fmtMetric(topkMetric(result.test, m.name, m.k))
              )}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
