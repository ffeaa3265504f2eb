import { TrainingCurves } from '../viz/TrainingCurves';
import { EpochTable } from './EpochTable';
import { ExportableView } from './export/ExportableView';
import { ContinueBanner } from './SavedRuns';
import { topkValidationCurves } from './topkMetrics';
import type { DatasetState } from './useDataset';
import type { ExperimentState } from './useExperiment';
import type { RunControls } from './useRunControls';
import type { RunStoreState } from './useRunStore';
import type { WorkerHandle } from './useWorker';
import { ViewsPanel } from './views/ViewsPanel';

/** The element Train brings into view: the curves and the epoch table. */
export const LIVE_OUTPUT_ID = 'live-output';

interface Props {
  readonly worker: WorkerHandle;
  readonly store: RunStoreState;
  readonly data: DatasetState;
  readonly experiment: ExperimentState;
  readonly runs: RunControls;
}

/**
 * The right column: what went wrong or was adjusted, the live curves and epochs (the run bar's Train scrolls
 * them into view: `LIVE_OUTPUT_ID`), and the Explain views.
 */
export function ResultsPanel({ worker, store, data, experiment: e, runs }: Props) {
  const { run, training } = runs;
  // Before a run, the curves' axes follow the form (its family, its epochs); then the run's own.
  const family = run.status === 'idle' ? e.model.family : run.family;
  const planned = Number(e.settings.trainConfig.epochs ?? e.trainSchema.epochs.default);
  return (
    <section className="results" aria-label="Training">
      {run.error && (
        <p className="error" role="alert">
          {run.error}
        </p>
      )}
      <ContinueBanner
        offer={store.offer}
        busy={training}
        onContinue={runs.continueRun}
        onDismiss={store.dismissOffer}
      />
      {run.warnings.length > 0 && (
        <ul className="warnings" aria-label="Settings that were adjusted">
          {run.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div id={LIVE_OUTPUT_ID} className="live-output">
        <ExportableView name="training-curves" title="Training curves">
          <TrainingCurves
            loss={run.loss}
            valid={run.epochs.map((r) => ({ epoch: r.epoch, auc: r.valid.auc, gauc: r.valid.gauc }))}
            {...(family === 'topk'
              ? { validCurves: topkValidationCurves(run.topk?.epochs ?? []), lossLabel: 'BPR loss' }
              : {})}
            budget={run.status === 'idle' ? planned : (run.progress?.epochs ?? planned)}
            live={training}
          />
        </ExportableView>
        <EpochTable run={run} />
      </div>
      <ExportableView name="explain-view" title="Explain">
        <ViewsPanel
          api={worker.attentionApi}
          run={run}
          dataset={data.dataset}
          demo={data.dataset?.source.kind === 'demo'}
          view={e.view}
          onViewChange={e.setView}
          selection={e.selection}
          onSelectionChange={e.setSelection}
        />
      </ExportableView>
    </section>
  );
}
