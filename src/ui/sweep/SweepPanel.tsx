import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { plannedTrials, type SearchKind } from '../../engine/sweep/samplers';
import { sweepBest, type TrialRecord } from '../../engine/sweep/runner';
import { candidateDimensions, dimId, paramOf, type Dimension } from '../../engine/sweep/space';
import { sweepToWire } from '../../state/sweepLink';
import { download } from '../export/download';
import { Section } from '../Section';
import type { DatasetState } from '../useDataset';
import type { ExperimentState } from '../useExperiment';
import { defaultDraft, draftFromLink, schemasFor, specOf, sweepMetric, type SweepDraft } from './sweepForm';
import type { WorkerHandle } from '../useWorker';
import { useSweep, type SweepControls } from './useSweep';
import { fmtValue } from './sweepFormat';
import { TPE_RANDOM_EVERY, TPE_STARTUP } from '../../engine/sweep/tpe';

const ordinalWord = (n: number) => ({ 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth' })[n] ?? `${n}th`;
import './sweep.css';

// The trials' views carry D3: loaded with the first sweep, not with the page.
const SweepViews = lazy(() => import('./SweepViews').then((m) => ({ default: m.SweepViews })));

interface Props {
  readonly worker: WorkerHandle;
  readonly experiment: ExperimentState;
  readonly data: DatasetState;
  /** A single run is under way: a sweep cannot start. */
  readonly runBusy: boolean;
  /** Told whether a sweep is training (the run bar's Train waits meanwhile). */
  readonly onActiveChange?: (active: boolean) => void;
}

const SEARCH_LABELS: Record<SearchKind, string> = {
  grid: 'Grid',
  random: 'Random',
  halving: 'Successive halving',
  tpe: 'TPE (Bayesian)',
};

/**
 * The Sweep panel: choose settings of the selected model with their ranges, a budget, a search and a seed;
 * Start / Pause / Stop / Resume; then the live views (settings → metric, metric by trial, importance) and a
 * sortable table of trials. "Use best" puts the pick's settings in the forms; its test score shows once the
 * sweep has ended.
 */
export function SweepPanel({ worker, experiment: e, data, runBusy, onActiveChange }: Props) {
  // The sweep's state lives here, not in the App: a trial's epochs re-render this panel only.
  const s = useSweep(worker, data, e, runBusy);
  const model = e.model;
  const schemas = useMemo(() => schemasFor(model), [model]);
  const [draft, setDraft] = useState<SweepDraft>(() =>
    e.sweep ? draftFromLink(e.sweep) : defaultDraft(model),
  );
  // A link's sweep fills the form; another model starts from its own defaults (adjusted while rendering).
  const [seen, setSeen] = useState({ linked: e.sweep, modelId: model.id });
  if (seen.linked !== e.sweep || seen.modelId !== model.id) {
    setSeen({ linked: e.sweep, modelId: model.id });
    if (e.sweep && e.sweep !== seen.linked && e.sweep.spec.space.modelId === model.id)
      setDraft(draftFromLink(e.sweep));
    else if (draft.modelId !== model.id) setDraft(defaultDraft(model));
  }

  const active = s.status === 'running' || s.status === 'paused' || s.status === 'stopping';
  useEffect(() => onActiveChange?.(active), [active, onActiveChange]);
  const metric = sweepMetric(model, e.settings.trainConfig);
  const spec = specOf(draft, metric);
  const shown = s.sweep?.spec ?? (typeof spec === 'string' ? null : spec);
  const candidates = candidateDimensions(schemas).filter(
    (c) => !draft.dims.some((d) => dimId(d) === dimId(c)),
  );
  const labelOf = (d: Pick<Dimension, 'target' | 'key'>) => paramOf(schemas, d)?.label ?? dimId(d);
  const update = (patch: Partial<SweepDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setDim = (i: number, dim: Dimension) =>
    update({ dims: draft.dims.map((d, j) => (j === i ? dim : d)) });

  const trials = s.trials;
  const ended = s.status === 'done' || s.status === 'budget';
  const best = s.sweep ? sweepBest(s.sweep.spec, trials) : null;

  const canStart = !active && !runBusy && typeof spec !== 'string' && data.dataset !== null;
  return (
    <Section
      title="Sweep"
      note="hyperparameter search over the selected model"
      open={s.sweep !== null || e.sweep !== null}
      testId="sweep-panel"
    >
      <div className="sweep">
        <fieldset className="sweep-space" disabled={active}>
          <legend>Settings of {model.label} to vary</legend>
          <table className="sweep-dims">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Range or values</th>
                <th scope="col">Scale</th>
                <th scope="col" aria-label="Remove" />
              </tr>
            </thead>
            <tbody>
              {draft.dims.map((d, i) => {
                const label = labelOf(d);
                return (
                  <tr key={dimId(d)} data-dim={dimId(d)}>
                    <th scope="row">{label}</th>
                    <td>
                      {d.kind === 'number' ? (
                        <span className="sweep-range">
                          <input
                            type="number"
                            aria-label={`${label} from`}
                            value={d.min}
                            step="any"
                            onChange={(ev) => setDim(i, { ...d, min: Number(ev.target.value) })}
                          />
                          <span aria-hidden="true">–</span>
                          <input
                            type="number"
                            aria-label={`${label} to`}
                            value={d.max}
                            step="any"
                            onChange={(ev) => setDim(i, { ...d, max: Number(ev.target.value) })}
                          />
                        </span>
                      ) : d.kind === 'choice' ? (
                        d.options.join(', ')
                      ) : (
                        'on, off'
                      )}
                    </td>
                    <td>
                      {d.kind === 'number' ? (
                        <select
                          aria-label={`${label} scale`}
                          value={d.scale}
                          onChange={(ev) =>
                            setDim(i, {
                              ...d,
                              scale: ev.target.value === 'log' && d.min > 0 ? 'log' : 'linear',
                            })
                          }
                        >
                          <option value="linear">linear</option>
                          {d.min > 0 && <option value="log">log</option>}
                        </select>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-label={`Remove ${label}`}
                        onClick={() => update({ dims: draft.dims.filter((_, j) => j !== i) })}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <label className="sweep-add">
            <span>Add a setting</span>
            <select
              value=""
              onChange={(ev) => {
                const c = candidates.find((x) => dimId(x) === ev.target.value);
                if (c && draft.dims.length < 8) update({ dims: [...draft.dims, c] });
              }}
            >
              <option value="">…</option>
              {candidates.map((c) => (
                <option key={dimId(c)} value={dimId(c)}>
                  {labelOf(c)}
                  {c.target === 'train' ? ' (training)' : ''}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset className="sweep-budget" disabled={active}>
          <legend>Search and budget</legend>
          <label>
            <span>Search</span>
            <select
              aria-label="Search"
              value={draft.search}
              onChange={(ev) => update({ search: ev.target.value as SearchKind })}
            >
              {(Object.keys(SEARCH_LABELS) as SearchKind[]).map((k) => (
                <option key={k} value={k}>
                  {SEARCH_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Trials</span>
            <input
              type="number"
              aria-label="Sweep trials"
              min={1}
              max={500}
              value={draft.trials}
              onChange={(ev) => update({ trials: Number(ev.target.value) })}
            />
          </label>
          <label>
            <span>{draft.search === 'halving' ? 'Epochs (last rung)' : 'Epochs per trial'}</span>
            <input
              type="number"
              aria-label="Epochs per trial"
              min={1}
              max={200}
              value={draft.epochs}
              onChange={(ev) => update({ epochs: Number(ev.target.value) })}
            />
          </label>
          <label>
            <span>Minutes (0: no limit)</span>
            <input
              type="number"
              aria-label="Sweep minutes"
              min={0}
              value={draft.minutes}
              onChange={(ev) => update({ minutes: Number(ev.target.value) })}
            />
          </label>
          <label>
            <span>Seed</span>
            <input
              type="text"
              aria-label="Sweep seed"
              maxLength={64}
              value={draft.seed}
              onChange={(ev) => update({ seed: ev.target.value })}
            />
          </label>
          <p className="sweep-note">
            {typeof spec === 'string'
              ? spec
              : `${plannedTrials(spec)} trials, each picked on validation ${metric}` +
                (spec.search === 'halving' ? '; the best half of each rung train twice as long' : '') +
                (spec.search === 'tpe'
                  ? `; after ${TPE_STARTUP} random ones, each is drawn where the best quarter so far lies ` +
                    `(every ${ordinalWord(TPE_RANDOM_EVERY)} still random)`
                  : '') +
                '. Other settings are the forms’.'}
          </p>
        </fieldset>
        <div className="buttons" role="group" aria-label="Sweep">
          <button
            type="button"
            className="primary"
            disabled={!canStart}
            onClick={() => typeof spec !== 'string' && s.start(spec)}
          >
            Start sweep
          </button>
          <button
            type="button"
            disabled={s.status !== 'running' && s.status !== 'paused'}
            onClick={s.pauseOrResume}
          >
            {s.status === 'paused' ? 'Resume trial' : 'Pause sweep'}
          </button>
          <button type="button" disabled={!active} onClick={s.stop}>
            Stop sweep
          </button>
          <button
            type="button"
            disabled={
              !(s.status === 'stopped' || s.status === 'interrupted') || s.blocked !== null || runBusy
            }
            onClick={s.resume}
          >
            Resume sweep
          </button>
          <button type="button" disabled={!best || active} onClick={s.useBest}>
            Use best
          </button>
          <button
            type="button"
            disabled={!s.sweep}
            onClick={() =>
              s.sweep && download('sweep.json', exportBlob(s.sweep, trials, e.sweep?.summary ?? null))
            }
          >
            Export JSON
          </button>
        </div>
        <p className="sweep-status" role="status" data-testid="sweep-status" data-status={s.status}>
          {statusLine(s, shown ? plannedTrials(shown) : 0)}
        </p>
        {s.blocked && <p className="warnings">{s.blocked}</p>}
        {s.error && (
          <p className="error" role="alert">
            {s.error}
          </p>
        )}
        {e.sweep?.summary && trials.length === 0 && (
          <p data-testid="sweep-link-summary">
            The link’s sweep: {e.sweep.summary.trials} trials, best validation {e.sweep.spec.metric}{' '}
            {e.sweep.summary.best?.valid.toFixed(4) ?? '—'}. Start it to reproduce it (same seed, same
            trials).
          </p>
        )}
        {best && s.sweep && (
          <p className="sweep-best" data-testid="sweep-best">
            Best on validation: trial {best.index + 1},{' '}
            {s.sweep.spec.space.dims
              .map((d) => `${labelOf(d)} ${fmtValue(best.values[dimId(d)])}`)
              .join(', ')}{' '}
            — {s.sweep.spec.metric} {best.valid?.toFixed(4)}
            {ended ? (
              <strong data-testid="sweep-best-test">
                {' '}
                · test {s.sweep.spec.metric} {best.test === null ? '—' : best.test.toFixed(4)}
              </strong>
            ) : (
              ' (its test score shows when the sweep ends)'
            )}
          </p>
        )}
        {s.sweep && (
          <Suspense fallback={<p className="hint">Loading the sweep’s views…</p>}>
            <SweepViews spec={s.sweep.spec} trials={s.trials} schemas={schemas} />
          </Suspense>
        )}
      </div>
    </Section>
  );
}

function statusLine(s: SweepControls, planned: number): string {
  const n = s.trials.length;
  switch (s.status) {
    case 'idle':
      return 'No sweep yet.';
    case 'running':
    case 'paused':
    case 'stopping': {
      const c = s.current;
      const what = c
        ? `trial ${c.plan.index + 1} of ${planned}, epoch ${Math.min(c.epoch + 1, c.plan.epochs)}/${c.plan.epochs}`
        : `${n} of ${planned} trials`;
      return `${s.status === 'paused' ? 'Paused' : s.status === 'stopping' ? 'Stopping' : 'Sweeping'}: ${what}.`;
    }
    case 'stopped':
      return `Stopped after ${n} of ${planned} trials.`;
    case 'interrupted':
      return `Interrupted after ${n} of ${planned} trials (the page was reloaded).`;
    case 'done':
      return `Done: ${n} trials.`;
    case 'budget':
      return `Out of time: ${n} of ${planned} trials in the budget’s minutes.`;
  }
}

function exportBlob(
  sweep: NonNullable<SweepControls['sweep']>,
  trials: readonly TrialRecord[],
  summary: unknown,
): Blob {
  const doc = {
    sweep: sweepToWire({ spec: sweep.spec, summary: null }),
    summary,
    model: { id: sweep.modelId, config: sweep.modelConfig },
    train: sweep.trainConfig,
    backend: sweep.backend,
    data: sweep.data,
    trials: trials.map((t) => ({
      ...t,
      validCurve: t.validCurve.map((v) => (Number.isFinite(v) ? v : String(v))),
    })),
  };
  return new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
}
