import type { BuildReport } from '../data/import/report';
import { formatIssue } from '../data/import/types';
import type { DatasetSummary } from '../data/types';
import type { LabelRule } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import { demoOptionsOf, type DataSourceRef, type SplitSummary } from '../engine/importProtocol';
import { useId, useState } from 'react';
import { DataWizard, type DataWizardProps } from './DataWizard';
import { LongTail } from '../viz/LongTail';
import './datasetPanel.css';
import { fmtDate, fmtInt, fmtPct, fmtSpan } from './format';

export interface LoadedDataset {
  readonly source: DataSourceRef;
  readonly label: LabelRule | null;
  readonly splitConfig: SplitConfig;
  readonly summary: DatasetSummary;
  readonly split: SplitSummary;
  readonly report: BuildReport | null;
  readonly seconds: number;
}

const SPLIT_TEXT: Record<SplitSummary['method'], string> = {
  chronological: 'per user by time',
  leaveLastOut: 'per user, leave last out',
  random: 'per user, random',
};

/** Size and shape of the loaded dataset, how it was split, and what was left out while loading it. */
export function DatasetPanel({
  data,
  error,
  wizard,
}: {
  data: LoadedDataset | null;
  error: string | null;
  /** The data wizard's controls (absent: no wizard). */
  wizard?: Omit<DataWizardProps, 'current' | 'seconds' | 'id' | 'open'>;
}) {
  const summary = data?.summary;
  const current = data?.source.kind === 'demo' ? demoOptionsOf(data.source) : null;
  // The wizard opens from the card's head: a fold of its own would push the settings below a laptop's screen.
  const [wizardOpen, setWizardOpen] = useState(false);
  const wizardId = useId();
  return (
    <section className="card" aria-labelledby="data-h" data-testid="dataset-panel">
      <h2 id="data-h">Dataset</h2>
      {wizard && (
        <button
          type="button"
          className="link wizard-toggle"
          aria-expanded={wizardOpen}
          aria-controls={wizardId}
          data-testid="wizard-toggle"
          onClick={() => setWizardOpen((o) => !o)}
        >
          {wizardOpen ? '▾' : '▸'} Data wizard
        </button>
      )}
      {error && (
        <p className="error" role="alert">
          Could not load the dataset: {error}
        </p>
      )}
      {!summary && !error && <p className="hint">Generating the demo dataset…</p>}
      {summary && data && (
        <>
          <p className="dataset-name" data-testid="dataset-name">
            {summary.name}
          </p>
          <dl className="stats">
            <dt>Users</dt>
            <dd data-testid="num-users">{fmtInt(summary.numUsers)}</dd>
            <dt>Items</dt>
            <dd data-testid="num-items">{fmtInt(summary.numItems)}</dd>
            <dt>Interactions</dt>
            <dd data-testid="num-interactions">{fmtInt(summary.numInteractions)}</dd>
            <dt>Positive</dt>
            <dd>{fmtPct(summary.positiveRate)}</dd>
            <dt>Density</dt>
            <dd title="Distinct user–item pairs ÷ (users × items)" data-testid="density">
              {fmtPct(summary.density, 2)}
            </dd>
            {summary.numInteractions > summary.distinctPairs && (
              <>
                <dt>Interactions per pair</dt>
                <dd title="Interactions ÷ distinct user–item pairs" data-testid="per-pair">
                  {(summary.numInteractions / summary.distinctPairs).toFixed(2)}
                </dd>
              </>
            )}
            <dt>Time span</dt>
            <dd data-testid="time-length">{fmtSpan(summary.timeRange[1] - summary.timeRange[0])}</dd>
            {/* The dates get the card's whole width: beside the terms they wrapped onto two lines. */}
            <dd className="stats-wide" data-testid="time-span">
              {fmtDate(summary.timeRange[0])} → {fmtDate(summary.timeRange[1])}
            </dd>
            <dt>Items never seen</dt>
            <dd>{fmtInt(summary.coldItems)}</dd>
          </dl>
          <p className="fields">
            <strong>User fields:</strong>{' '}
            {summary.userFields.map((f) => `${f.name} (${f.cardinality})`).join(', ') || 'none'}
            <br />
            <strong>Item fields:</strong>{' '}
            {summary.itemFields.map((f) => `${f.name} (${f.cardinality})`).join(', ') || 'none'}
            <br />
            <strong>Modalities:</strong>{' '}
            {summary.modalities.map((m) => `${m.name} ${m.dim}-d`).join(', ') || 'none'}
          </p>
          <p className="hint" data-testid="split-summary">
            Split {SPLIT_TEXT[data.split.method]}: {fmtInt(data.split.train)} train ·{' '}
            {fmtInt(data.split.valid)} valid · {fmtInt(data.split.test)} test
            {data.split.coldTestItems > 0 &&
              ` · ${fmtInt(data.split.coldTestItems)} test items unseen in train`}
            {data.split.droppedUsers > 0 && ` · ${fmtInt(data.split.droppedUsers)} users dropped`}
          </p>
          {/* Folded: the model and training settings below should share the screen with the summary. */}
          <details className="more-settings" data-testid="long-tail-fold">
            <summary>Interactions per user and per item</summary>
            <LongTail users={summary.userActivity} items={summary.itemPopularity} />
          </details>
          {data.report && <BuildReportView report={data.report} seconds={data.seconds} />}
        </>
      )}
      {wizard && (
        <DataWizard
          id={wizardId}
          open={wizardOpen}
          current={current}
          seconds={data?.seconds ?? null}
          {...wizard}
        />
      )}
    </section>
  );
}

function BuildReportView({ report, seconds }: { report: BuildReport; seconds: number }) {
  const rows = [...report.dropped, ...report.notes];
  return (
    <div className="build-report" data-testid="build-report">
      <p className="hint">
        {report.formatName}: {fmtInt(report.rowsKept)} of {fmtInt(report.rowsRead)} rows kept
        {report.negativesSampled > 0 && `, ${fmtInt(report.negativesSampled)} negatives sampled`}, in{' '}
        {seconds.toFixed(1)} s.
      </p>
      {report.textFeaturizer && (
        <p className="hint" data-testid="text-featurizer">
          Item text vectors: {report.textFeaturizer}.
        </p>
      )}
      {rows.length > 0 && (
        <ul className="warnings">
          {rows.map((t) => (
            <li key={t.reason}>
              {fmtInt(t.count)} × {t.message}
              {t.example && <div className="hint">First: {formatIssue(t.example)}</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
