import { useMemo, useState } from 'react';
import { LineChart, OKABE_ITO } from '../../viz/LineChart';
import { fmtDuration, fmtMetric } from '../format';
import type { RunRecord } from '../runState';
import { runDataset, runDatasets, runName, runRow, validCurve, type RunRow } from './runsData';
import { RunSelect, SideBySide } from './RunSideBySide';
import './RunComparison.css';

const STATUS: Record<RunRecord['status'], string> = {
  idle: 'ready',
  training: 'training',
  paused: 'paused',
  stopping: 'stopping',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
};

const ALL = 'all';

/**
 * Every run of this session, with the dataset it trained on: a filter by dataset, its validation metric per
 * epoch (one chart per dataset and family, never mixing datasets: AUC for ctr runs, Recall@20 for top-k runs,
 * as their scales differ), a table, and two runs side by side.
 */
export function RunComparison({ runs }: { runs: readonly RunRecord[] }) {
  const datasets = useMemo(() => runDatasets(runs), [runs]);
  const [filter, setFilter] = useState(ALL);
  const only = datasets.find((d) => d.key === filter);
  const visible = useMemo(
    () => (only ? runs.filter((r) => runDataset(r.data).key === only.key) : runs),
    [runs, only],
  );
  const rows = useMemo(() => visible.map(runRow), [visible]);
  // A run keeps its colour in the charts and the table, by its place in the session.
  const colourOf = (runId: number) => OKABE_ITO[runs.findIndex((r) => r.runId === runId) % OKABE_ITO.length];
  const labelOf = (key: string) => datasets.find((d) => d.key === key)?.label ?? key;
  const charts = (only ? [only] : datasets).flatMap((ds) =>
    (['ctr', 'topk'] as const).flatMap((family) => {
      const mine = visible.filter((_, i) => rows[i].family === family && rows[i].dataset.key === ds.key);
      if (mine.length === 0) return [];
      const series = mine.map((r) => ({
        name: runName(r),
        color: colourOf(r.runId),
        dots: true,
        points: validCurve(r).map((e) => ({ x: e.epoch, y: e.value })),
      }));
      const maxEpochs = Math.max(2, ...mine.map((r) => validCurve(r).length));
      return [{ dataset: ds, family, series, maxEpochs }];
    }),
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
  const byId = (id: number | null) => visible.find((r) => r.runId === id);
  const a = byId(pickA) ?? visible[Math.max(0, visible.length - 2)];
  const b = byId(pickB) ?? visible[visible.length - 1];
  const optionLabel = (r: RunRecord) =>
    datasets.length > 1 && !only ? `${runName(r)} · ${labelOf(runDataset(r.data).key)}` : runName(r);
  return (
    <div className="run-comparison" data-testid="run-comparison">
      {datasets.length > 1 && (
        <div className="view-controls">
          <label className="inline-field">
            <span>Dataset</span>
            <select
              value={only ? only.key : ALL}
              data-testid="runs-dataset-filter"
              onChange={(e) => setFilter(e.target.value)}
            >
              <option value={ALL}>All datasets ({plural(runs.length, 'run')})</option>
              {datasets.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label} ({plural(runs.filter((r) => runDataset(r.data).key === d.key).length, 'run')})
                </option>
              ))}
            </select>
          </label>
          {!only && <span className="hint">One chart per dataset: their metrics do not compare.</span>}
        </div>
      )}
      <div className="runs-charts">
        {charts.map((c) => (
          <LineChart
            key={`${c.dataset.key} ${c.family}`}
            testId={c.family === 'ctr' ? 'runs-chart' : 'runs-chart-topk'}
            title={
              c.family === 'ctr'
                ? `Validation AUC of the ctr runs on ${c.dataset.label}`
                : `Validation Recall@20 of the top-k runs on ${c.dataset.label}`
            }
            xLabel="Epoch"
            yLabel={c.family === 'ctr' ? 'AUC' : 'Recall@20'}
            xDomain={[1, c.maxEpochs]}
            xIntegers
            series={c.series.filter((s) => s.points.length > 0)}
            empty="Measured after each epoch"
            // Several charts (datasets, families) sit two abreast in the column.
            width={charts.length > 1 ? 410 : 560}
          />
        ))}
      </div>
      <div className="runs-table-wrap">
        <table className="runs-table" data-testid="runs-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Dataset</th>
              <th scope="col">Settings changed from the defaults</th>
              <th scope="col" className="num">
                Epochs trained
              </th>
              <th scope="col" className="num">
                Epoch budget
              </th>
              <th scope="col">Best valid (AUC / R@20)</th>
              <th scope="col">Test</th>
              <th scope="col">Time</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RunTableRow
                key={r.runId}
                row={r}
                dataset={labelOf(r.dataset.key)}
                colour={colourOf(r.runId)}
              />
            ))}
          </tbody>
        </table>
      </div>
      {visible.length >= 2 ? (
        <div className="compare-two">
          <div className="view-controls">
            <RunSelect
              label="Compare"
              runs={visible}
              optionLabel={optionLabel}
              value={a.runId}
              onChange={setPickA}
              testId="compare-a"
            />
            <RunSelect
              label="with"
              runs={visible}
              optionLabel={optionLabel}
              value={b.runId}
              onChange={setPickB}
              testId="compare-b"
            />
            <label className="inline-field">
              <input type="checkbox" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />
              <span>only settings that differ</span>
            </label>
          </div>
          {runDataset(a.data).key !== runDataset(b.data).key && (
            <p className="hint" data-testid="compare-datasets">
              These two runs trained on different datasets: their metrics do not compare.
            </p>
          )}
          <SideBySide a={a} b={b} datasetOf={(r) => labelOf(runDataset(r.data).key)} onlyDiff={onlyDiff} />
        </div>
      ) : (
        <p className="hint">
          {only
            ? 'Train another model or setting on this dataset to compare two runs side by side.'
            : 'Train another model or setting to compare two runs side by side.'}
        </p>
      )}
    </div>
  );
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function RunTableRow({ row, dataset, colour }: { row: RunRow; dataset: string; colour: string }) {
  return (
    <tr data-testid="run-row">
      <th scope="row">
        <span className="swatch" style={{ background: colour }} />
        {row.name}
      </th>
      <td className="dataset-cell" data-testid="run-dataset" title={row.dataset.detail}>
        {dataset}
      </td>
      <td className="diff-cell">
        {row.diff.length === 0
          ? `none (${row.modelId} defaults)`
          : row.diff.map((d) => (
              <span key={d.key} className="setting" title={`default ${d.default}`}>
                {d.label} {d.value}
              </span>
            ))}
      </td>
      <td className="num" data-testid="run-epochs">
        {row.epochs}
      </td>
      <td className="num" data-testid="run-budget">
        {row.budget}
      </td>
      <td>
        {/* Lines break only between the value and its epoch. */}
        <span className="nowrap">
          {fmtMetric(row.bestValid)} <span className="hint">{row.metric}</span>
        </span>
        {row.bestEpoch > 0 && <span className="hint nowrap"> (epoch {row.bestEpoch})</span>}
      </td>
      <td data-testid="run-test">
        {row.test.map((t, i) => (
          <span key={t.label} className="nowrap">
            {i > 0 && ' · '}
            {t.label} {fmtMetric(t.value)}
          </span>
        ))}
      </td>
      <td className="nowrap">{row.epochs > 0 ? fmtDuration(row.seconds) : '—'}</td>
      <td>{STATUS[row.status]}</td>
    </tr>
  );
}
