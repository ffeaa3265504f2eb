import { fmtDuration, fmtMetric } from './format';
import type { RunState } from './runState';

/** One row per finished epoch, the best one marked; the test score of the best epoch below. */
export function EpochTable({ run }: { run: RunState }) {
  if (run.epochs.length === 0) return null;
  const best = run.result?.bestEpoch;
  return (
    <div className="epoch-table">
      <table>
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col">Train loss</th>
            <th scope="col">Valid AUC</th>
            <th scope="col">Valid GAUC</th>
            <th scope="col">Valid logloss</th>
            <th scope="col">Train time</th>
          </tr>
        </thead>
        <tbody>
          {run.epochs.map((e) => (
            <tr key={e.epoch} className={e.epoch === best ? 'best' : undefined}>
              <td>{e.epoch}</td>
              <td>{fmtMetric(e.trainLoss)}</td>
              <td>{fmtMetric(e.valid.auc)}</td>
              <td>{fmtMetric(e.valid.gauc)}</td>
              <td>{fmtMetric(e.valid.logloss)}</td>
              <td>{fmtDuration(e.trainSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.result?.test && (
        <p className="test-result" data-testid="test-result">
          Test (weights of epoch {best}): AUC <strong>{fmtMetric(run.result.test.auc)}</strong> · GAUC{' '}
          {fmtMetric(run.result.test.gauc)} · logloss {fmtMetric(run.result.test.logloss)}
        </p>
      )}
    </div>
  );
}
