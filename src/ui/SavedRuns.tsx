import type { DataSourceRef } from '../engine/importProtocol';
import type { StoredRun } from '../state/store';
import { fmtMetric } from './format';
import type { ContinueOffer } from './resumePlan';
import type { RunStoreState } from './useRunStore';
import { isTopkModel } from './modelList';
import './savedRuns.css';

const STATUS: Record<StoredRun['status'], string> = {
  training: 'training',
  paused: 'paused',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
  interrupted: 'interrupted',
};

function dataLabel(d: DataSourceRef): string {
  return d.kind === 'demo' ? `demo (seed ${d.seed}, ${d.users} users)` : d.name;
}

function fmtBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

/** The best validation AUC so far and its epoch; the test AUC once the run is done. */
function bestOf(run: StoredRun): { text: string; title: string } {
  if (run.result?.test) {
    return {
      text: `${fmtMetric(run.result.test.auc)} test`,
      title: `Test AUC, epoch ${run.result.bestEpoch}'s weights`,
    };
  }
  const best = run.epochs.reduce<StoredRun['epochs'][number] | null>(
    (b, e) => (!b || e.valid.auc > b.valid.auc ? e : b),
    null,
  );
  return best
    ? { text: `${fmtMetric(best.valid.auc)} valid`, title: `Validation AUC of epoch ${best.epoch}` }
    : { text: '—', title: 'No epoch finished' };
}

function when(t: number): string {
  return new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Every run kept in this browser, newest first, with delete and clear, and the storage they use. */
export function SavedRuns({ store, busy }: { store: RunStoreState; busy: boolean }) {
  const { runs, storage, error } = store;
  return (
    <section className="card saved-runs" aria-labelledby="saved-h" data-testid="saved-runs">
      <div className="saved-head">
        <h2 id="saved-h">Saved runs</h2>
        <span className="hint" data-testid="storage-use">
          {storage
            ? `${fmtBytes(storage.usage)} used of ${fmtBytes(storage.quota)} this site may use`
            : store.ready
              ? ''
              : 'Opening…'}
        </span>
        <button
          type="button"
          onClick={() => {
            if (window.confirm(`Delete all ${runs.length} saved runs and their checkpoints?`)) store.clear();
          }}
          disabled={runs.length === 0 || busy}
        >
          Clear all
        </button>
      </div>
      {error && (
        <p className="error" role="alert" data-testid="store-error">
          {error}
        </p>
      )}
      {runs.length === 0 ? (
        <p className="hint">
          {store.ready && !error ? 'Runs you train are kept here, in this browser only.' : ''}
        </p>
      ) : (
        <div className="saved-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Model</th>
                <th scope="col">Dataset</th>
                <th scope="col">Best AUC</th>
                <th scope="col">Epochs</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => {
                const best = bestOf(r);
                return (
                  <tr key={r.id} data-testid={`saved-run-${r.id}`}>
                    <td>#{r.id}</td>
                    <td>{r.modelId}</td>
                    <td className="saved-data" title={dataLabel(r.data)}>
                      {dataLabel(r.data)}
                    </td>
                    <td title={best.title}>{best.text}</td>
                    <td>
                      {/* Top-k runs are stored with their status only: no per-epoch curve to count. */}
                      {isTopkModel(r.modelId) ? `≤ ${r.totalEpochs}` : `${r.epochs.length}/${r.totalEpochs}`}
                      {r.checkpointEpoch !== null && r.status !== 'done' && (
                        <span className="hint" title="Epochs in the saved checkpoint">
                          {' '}
                          (ckpt {r.checkpointEpoch})
                        </span>
                      )}
                    </td>
                    <td>
                      <span className={`run-status run-${r.status}`} title={r.error ?? undefined}>
                        {STATUS[r.status]}
                      </span>
                    </td>
                    <td>{when(r.createdAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="small"
                        aria-label={`Delete run ${r.id}`}
                        onClick={() => store.remove(r.id)}
                        disabled={busy && (r.status === 'training' || r.status === 'paused')}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "Continue run N from epoch E": after a reload, a worker crash or a failed run with a checkpoint. */
export function ContinueBanner({
  offer,
  busy,
  onContinue,
  onDismiss,
}: {
  offer: ContinueOffer | null;
  busy: boolean;
  onContinue: (offer: ContinueOffer) => void;
  onDismiss: () => void;
}) {
  if (!offer) return null;
  const { run } = offer;
  const why = run.error
    ? `${run.error}${/[.!?]$/.test(run.error) ? '' : '.'}`
    : 'It was interrupted (the page was closed or reloaded).';
  return (
    <div className="continue-banner" role="status" data-testid="continue-banner">
      <p>
        Run #{run.id} ({run.modelId}, {dataLabel(run.data)}) did not finish. {why} Its checkpoint after epoch{' '}
        {offer.epoch} of {run.totalEpochs} is saved.
      </p>
      <div className="buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => onContinue(offer)}>
          Continue run {run.id} from epoch {offer.epoch}
          {offer.backendNote ? ` ${offer.backendNote}` : ''}
        </button>
        <button type="button" onClick={onDismiss}>
          Not now
        </button>
      </div>
    </div>
  );
}
