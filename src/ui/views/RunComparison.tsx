import { useMemo, useState } from 'react';
import { LineChart, OKABE_ITO } from '../../viz/LineChart';
import { fmtDuration, fmtMetric } from '../format';
import type { RunRecord } from '../runState';
import { compareSettings, runName, runRow, validCurve, type RunRow } from './runsData';

const STATUS: Record<RunRecord['status'], string> = {
  idle: 'ready',
  training: 'training',
  paused: 'paused',
  stopping: 'stopping',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
};

/**
 * Every run of this session: its validation metric per epoch (one chart per family: AUC for ctr runs,
 * Recall@20 for top-k runs, as their scales differ), a table, and two runs side by side.
 */
export function RunComparison({ runs }: { runs: readonly RunRecord[] }) {
  const rows = useMemo(() => runs.map(runRow), [runs]);
  // A run keeps its colour in the chart and the table, by its place in the session.
  const colourOf = (runId: number) => OKABE_ITO[runs.findIndex((r) => r.runId === runId) % OKABE_ITO.length];
  const charts = (['ctr', 'topk'] as const).map((family) => {
    const mine = runs.filter((_, i) => rows[i].family === family);
    return {
      family,
      series: mine.map((r) => ({
        name: runName(r),
        color: colourOf(r.runId),
        dots: true,
        points: validCurve(r).map((e) => ({ x: e.epoch, y: e.value })),
      })),
      maxEpochs: Math.max(2, ...mine.map((r) => validCurve(r).length)),
    };
  });
  // The ctr chart stays (empty) until a run exists; the top-k one shows once a top-k run does.
  const shown = charts.filter((c) =>
    c.family === 'ctr' ? c.series.length > 0 || charts[1].series.length === 0 : c.series.length > 0,
  );
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
      <div className="runs-charts">
        {shown.map((c) => (
          <LineChart
            key={c.family}
            testId={c.family === 'ctr' ? 'runs-chart' : 'runs-chart-topk'}
            title={
              c.family === 'ctr'
                ? 'Validation AUC of every ctr run'
                : 'Validation Recall@20 of every top-k run'
            }
            xLabel="Epoch"
            yLabel={c.family === 'ctr' ? 'AUC' : 'Recall@20'}
            xDomain={[1, c.maxEpochs]}
            series={c.series.filter((s) => s.points.length > 0)}
            empty="Measured after each epoch"
            width={560}
          />
        ))}
      </div>
      <table className="runs-table" data-testid="runs-table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Settings changed from the defaults</th>
            <th scope="col">Best valid (AUC / R@20)</th>
            <th scope="col">Test</th>
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

/** "AUC 0.712" or "R@20 0.101 · N@20 0.054". */
const fmtTests = (row: RunRow) => row.test.map((t) => `${t.label} ${fmtMetric(t.value)}`).join(' · ');

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
        {fmtMetric(row.bestValid)} <span className="hint">{row.metric}</span>
        {row.bestEpoch > 0 && <span className="hint"> (epoch {row.bestEpoch})</span>}
      </td>
      <td data-testid="run-test">{fmtTests(row)}</td>
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
    ['Best valid', `${fmtMetric(ra.bestValid)} ${ra.metric}`, `${fmtMetric(rb.bestValid)} ${rb.metric}`],
    ['Test', fmtTests(ra), fmtTests(rb)],
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
