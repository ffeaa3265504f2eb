import type { DatasetSummary } from '../data/types';
import { fmtDate, fmtInt, fmtPct } from './format';

/** Size and shape of the loaded dataset. */
export function DatasetPanel({ summary, error }: { summary: DatasetSummary | null; error: string | null }) {
  return (
    <section className="card" aria-labelledby="data-h" data-testid="dataset-panel">
      <h2 id="data-h">Dataset</h2>
      {error && (
        <p className="error" role="alert">
          Could not load the dataset: {error}
        </p>
      )}
      {!summary && !error && <p className="hint">Generating the demo dataset…</p>}
      {summary && (
        <>
          <p className="dataset-name">{summary.name}</p>
          <dl className="stats">
            <dt>Users</dt>
            <dd data-testid="num-users">{fmtInt(summary.numUsers)}</dd>
            <dt>Items</dt>
            <dd data-testid="num-items">{fmtInt(summary.numItems)}</dd>
            <dt>Interactions</dt>
            <dd data-testid="num-interactions">{fmtInt(summary.numInteractions)}</dd>
            <dt>Positive (like)</dt>
            <dd>{fmtPct(summary.positiveRate)}</dd>
            <dt>Density</dt>
            <dd>{fmtPct(summary.density, 2)}</dd>
            <dt>Time span</dt>
            <dd>
              {fmtDate(summary.timeRange[0])} → {fmtDate(summary.timeRange[1])}
            </dd>
          </dl>
          <p className="fields">
            <strong>User fields:</strong>{' '}
            {summary.userFields.map((f) => `${f.name} (${f.cardinality})`).join(', ')}
            <br />
            <strong>Item fields:</strong>{' '}
            {summary.itemFields.map((f) => `${f.name} (${f.cardinality})`).join(', ')}
            <br />
            <strong>Modalities:</strong> {summary.modalities.map((m) => `${m.name} ${m.dim}-d`).join(', ')}
          </p>
          <p className="hint">Split per user by time: 80 % train, 10 % validation, 10 % test.</p>
        </>
      )}
    </section>
  );
}
