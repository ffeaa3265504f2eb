import { fmtDuration, fmtMetric } from '../format';
import type { RunRecord } from '../runState';
import { compareSettings, runName, runRow, type RunRow } from './runsData';

/** "AUC 0.712" or "R@20 0.101 · N@20 0.054". */
const fmtTests = (row: RunRow) => row.test.map((t) => `${t.label} ${fmtMetric(t.value)}`).join(' · ');

/** A select of runs (the two the side-by-side table compares). */
export function RunSelect(props: {
  label: string;
  runs: readonly RunRecord[];
  optionLabel: (r: RunRecord) => string;
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
            {props.optionLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Two runs side by side: dataset, scores, epochs, time, then their settings (or only those that differ). */
export function SideBySide(props: {
  a: RunRecord;
  b: RunRecord;
  datasetOf: (r: RunRecord) => string;
  onlyDiff: boolean;
}) {
  const { a, b, datasetOf, onlyDiff } = props;
  const settings = compareSettings(a, b).filter((s) => !onlyDiff || s.differs);
  const ra = runRow(a);
  const rb = runRow(b);
  const metrics: [string, string, string][] = [
    ['Dataset', datasetOf(a), datasetOf(b)],
    ['Best valid', `${fmtMetric(ra.bestValid)} ${ra.metric}`, `${fmtMetric(rb.bestValid)} ${rb.metric}`],
    ['Test', fmtTests(ra), fmtTests(rb)],
    ['Final valid GAUC', fmtMetric(a.epochs.at(-1)?.valid.gauc), fmtMetric(b.epochs.at(-1)?.valid.gauc)],
    ['Epochs trained', String(ra.epochs), String(rb.epochs)],
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
