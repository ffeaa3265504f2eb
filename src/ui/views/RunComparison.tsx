import { useMemo, useState } from 'react';
import { LineChart, OKABE_ITO } from '../../viz/LineChart';
import { fmtDuration, fmtMetric } from '../format';
import type { RunRecord } from '../runState';
import { compareSettings, runName, runRow, type RunRow } from './runsData';

const STATUS: Record<RunRecord['status'], string> = {
  idle: 'ready',
  training: 'training',
  paused: 'paused',
  stopping: 'stopping',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
};

/** Every run of this session: validation AUC per epoch on one chart, a table, and two runs side by side. */
export function RunComparison({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => runs.map(runRow), [runs]);
  // A run keeps its colour in the chart and the table, by its place in the session.
  const colourOf = (runId: number) => OKABE_ITO[runs.findIndex((r) => r.runId === runId) % OKABE_ITO.length];
  const series = runs
    .filter((r) => r.epochs.length > 0)
    .map((r) => ({
      name: runName(r),
      color: colourOf(r.runId),
      dots: true,
      points: r.epochs.map((e) => ({ x: e.epoch, y: e.valid.auc })),
    }));
  const maxEpochs = Math.max(2, ...runs.map((r) => r.epochs.length));
  const [pickA, setPickA] = useState<number | null>(null);
  const [pickB, setPickB] = useState<number | null>(null);
  const [onlyDiff, setOnlyDiff] = useState(true);

  if (runs.length === 0) {
    return (
      <p className="hint" data-testid="runs-empty">
        No runs yet: press Train. Every run of this session is listed here to compare.
      </p>
    );
  }
  const byId = (id: number | null) => runs.find((r) => r.runId === id);
  const a = byId(pickA) ?? runs[Math.max(0, runs.length - 2)];
  const b = byId(pickB) ?? runs[runs.length - 1];
  return (
    <div className="run-comparison" data-testid="run-comparison">
      <LineChart
        testId="runs-chart"
        title="Validation AUC of every run"
        xLabel="Epoch"
        yLabel="AUC"
        xDomain={[1, maxEpochs]}
        series={series}
        empty="Measured after each epoch"
        width={560}
      />
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Settings changed from the defaults</th>
            <th scope="col">Best valid AUC</th>
            <th scope="col">Test AUC</th>
            <th scope="col">Time</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <RunTableRow key={r.runId} row={r} colour={colourOf(r.runId)} />
          ))}
        </tbody>
      </table>
      {runs.length >= 2 ? (
        <div className="compare-two">
          <div className="view-controls">
            <RunSelect label="Compare" runs={runs} value={a.runId} onChange={setPickA} testId="compare-a" />
            <RunSelect label="with" runs={runs} value={b.runId} onChange={setPickB} testId="compare-b" />
            <label className="inline-field">
              <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />
              <span>only settings that differ</span>
            </label>
          </div>
          <SideBySide a={a} b={b} onlyDiff={onlyDiff} />
        </div>
      ) : (
        <p className="hint">Train another model or setting to compare two runs side by side.</p>
      )}
    </div>
  );
}

function RunTableRow({ row, colour }: { row: RunRow; colour: string }) {
  return (
    <tr data-testid="run-row">
      <th scope="row">
        <span className="swatch" style={{ background: colour }} />
        {row.name}
      </th>
      <td className="diff-cell">
        {row.diff.length === 0
          ? 'defaults'
          : row.diff.map((d) => (
              <span key={d.key} className="setting" title={`default ${d.default}`}>
                {d.label} {d.value}
              </span>
            ))}
      </td>
      <td>
        {fmtMetric(row.bestValidAuc)}
        {row.bestEpoch > 0 && <span className="hint"> (epoch {row.bestEpoch})</span>}
      </td>
      <td>{fmtMetric(row.testAuc)}</td>
      <td>{row.epochs > 0 ? fmtDuration(row.seconds) : '—'}</td>
      <td>{STATUS[row.status]}</td>
    </tr>
  );
}

function RunSelect(props: {
  label: string;
  runs: readonly RunRecord[];
  value: number;
  onChange: (id: number) => void;
  testId: string;
}) {
  return (
    <label className="inline-field">
      <span>{props.label}</span>
      <select
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(Number(e.target.value))}
      >
        {props.runs.map((r) => (
          <option key={r.runId} value={r.runId}>
            {runName(r)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SideBySide({ a, b, onlyDiff }: { a: RunRecord; b: RunRecord; onlyDiff: boolean }) {
  const settings = compareSettings(a, b).filter((s) => !onlyDiff || s.differs);
  const ra = runRow(a);
  const rb = runRow(b);
  const metrics: [string, string, string][] = [
    ['Best valid AUC', fmtMetric(ra.bestValidAuc), fmtMetric(rb.bestValidAuc)],
    ['Test AUC', fmtMetric(ra.testAuc), fmtMetric(rb.testAuc)],
    ['Final valid GAUC', fmtMetric(a.epochs.at(-1)?.valid.gauc), fmtMetric(b.epochs.at(-1)?.valid.gauc)],
    ['Epochs', String(ra.epochs), String(rb.epochs)],
    ['Time', fmtDuration(ra.seconds), fmtDuration(rb.seconds)],
  ];
  return (
    <table className="side-by-side" data-testid="side-by-side">
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">{runName(a)}</th>
          <th scope="col">{runName(b)}</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map(([label, x, y]) => (
          <tr key={label} className="metric">
            <th scope="row">{label}</th>
            <td>{x}</td>
            <td>{y}</td>
          </tr>
        ))}
        {settings.length === 0 && (
          <tr>
            <td colSpan={3} className="hint">
              Same settings.
            </td>
          </tr>
        )}
        {settings.map((s) => (
          <tr key={s.key} className={s.differs ? 'differs' : undefined}>
            <th scope="row">{s.label}</th>
            <td>{s.a || '—'}</td>
            <td>{s.b || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
