/**
 * The views of a sweep's trials (issue 23): settings → metric as parallel coordinates, the metric by trial with
 * the best so far, each setting's importance, and a sortable table. Loaded with the first sweep (lazily, from
 * SweepPanel): they carry D3.
 */
import { memo, useState } from 'react';
import { importances } from '../../engine/sweep/importance';
import { plannedTrials, type SweepSpec } from '../../engine/sweep/samplers';
import { sweepBest, type TrialRecord } from '../../engine/sweep/runner';
import { dimId, paramOf, type Dimension, type SpaceSchemas } from '../../engine/sweep/space';
import { ParallelCoordinates, type PcAxis } from '../../viz/ParallelCoordinates';
import { ImportanceBars, MetricOverTrials } from '../../viz/SweepCharts';
import { fmtValue } from './sweepFormat';

type SortKey = 'index' | 'valid' | 'ms' | string;

/** The views of a sweep's trials: drawn again when a trial is recorded, not on every epoch of one. */
export const SweepViews = memo(function SweepViews({
  spec,
  trials,
  schemas,
}: {
  spec: SweepSpec;
  trials: readonly TrialRecord[];
  schemas: SpaceSchemas;
}) {
  const labelOf = (d: Dimension) => paramOf(schemas, d)?.label ?? dimId(d);
  const dims = spec.space.dims;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'index', desc: false });
  const best = sweepBest(spec, trials);
  const axes: PcAxis[] = dims.map((d) =>
    d.kind === 'number'
      ? { id: dimId(d), label: labelOf(d), kind: 'number', domain: [d.min, d.max], log: d.scale === 'log' }
      : {
          id: dimId(d),
          label: labelOf(d),
          kind: 'category',
          categories: d.kind === 'boolean' ? ['off', 'on'] : [...d.options],
        },
  );
  const lines = trials.map((t) => ({
    key: String(t.index),
    values: Object.fromEntries(
      dims.map((d) => {
        const v = t.values[dimId(d)];
        return [dimId(d), typeof v === 'boolean' ? (v ? 'on' : 'off') : v];
      }),
    ) as Record<string, number | string>,
    metric: t.status === 'ok' ? t.valid : null,
    highlight: best?.index === t.index,
  }));
  const imp = importances(
    dims,
    trials
      .filter((t) => t.status === 'ok' && t.valid !== null)
      .map((t) => ({ values: t.values, metric: t.valid as number })),
  );
  const okCount = imp[0]?.n ?? 0;
  const rows = [...trials].sort((a, b) => {
    const get = (t: TrialRecord): number | string =>
      sort.key === 'index'
        ? t.index
        : sort.key === 'valid'
          ? (t.valid ?? -Infinity)
          : sort.key === 'ms'
            ? t.ms
            : String(t.values[sort.key] ?? '');
    const x = get(a);
    const y = get(b);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sort.desc ? -c : c;
  });
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="link"
        onClick={() => setSort((p) => ({ key, desc: p.key === key ? !p.desc : key === 'valid' }))}
      >
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );
  return (
    <div className="sweep-views">
      <div className="sweep-charts">
        <ParallelCoordinates
          axes={axes}
          lines={lines}
          metricLabel={`valid ${spec.metric}`}
          testId="sweep-parallel"
        />
        <MetricOverTrials
          points={trials.map((t) => ({
            trial: t.index,
            metric: t.status === 'ok' ? t.valid : null,
            rung: t.rung,
          }))}
          planned={plannedTrials(spec)}
          metricLabel={spec.metric}
          smallerIsBetter={spec.smallerIsBetter}
        />
        {okCount >= 3 ? (
          <ImportanceBars
            n={okCount}
            bars={imp.map((x, i) => ({ label: labelOf(dims[i]), share: x.varianceShare, rho: x.spearman }))}
          />
        ) : (
          <p className="sweep-note" data-testid="sweep-importance-wait">
            Importance shows from 3 finished trials.
          </p>
        )}
      </div>
      <table className="sweep-table" data-testid="sweep-table">
        <thead>
          <tr>
            {header('index', '#')}
            {spec.search === 'halving' && <th scope="col">Rung</th>}
            {dims.map((d) => header(dimId(d), labelOf(d)))}
            <th scope="col">Epochs</th>
            {header('valid', `Valid ${spec.metric}`)}
            {header('ms', 'Time')}
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr
              key={t.index}
              data-index={t.index}
              data-tensors={t.tensors}
              data-status={t.status}
              className={best?.index === t.index ? 'best' : undefined}
            >
              <td>{t.index + 1}</td>
              {spec.search === 'halving' && <td>{t.rung}</td>}
              {dims.map((d) => (
                <td key={dimId(d)}>{fmtValue(t.values[dimId(d)])}</td>
              ))}
              <td>{t.epochs}</td>
              <td title={t.message}>
                {t.status === 'ok' ? t.valid?.toFixed(4) : t.status === 'nan' ? 'NaN' : 'failed'}
              </td>
              <td>{(t.ms / 1000).toFixed(1)} s</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
