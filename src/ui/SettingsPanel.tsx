import { BACKENDS, type BackendChoice } from '../engine/backendInfo';
import { ConfigForm } from './ConfigForm';
import { DatasetPanel } from './DatasetPanel';
import { ExportPanel } from './export/ExportPanel';
import { ImportPanel } from './import/ImportPanel';
import { ModelPicker } from './ModelPicker';
import { RunButtons } from './RunButtons';
import type { DatasetState } from './useDataset';
import type { ExperimentState } from './useExperiment';
import type { RunControls } from './useRunControls';
import type { WorkerHandle } from './useWorker';

interface Props {
  readonly worker: WorkerHandle;
  readonly data: DatasetState;
  readonly experiment: ExperimentState;
  readonly runs: RunControls;
}

/** The left column: the data, the model and its config, the training settings and buttons, exports. */
export function SettingsPanel({ worker, data, experiment, runs }: Props) {
  const { run, training } = runs;
  return (
    <aside className="controls">
      <DatasetPanel data={data.dataset} error={data.error} />
      <ImportPanel
        api={data.importApi}
        disabled={training}
        onLoaded={experiment.onImported}
        onDemo={experiment.onDemo}
        demoLoaded={data.dataset?.source.kind === 'demo'}
      />
      <ModelCard experiment={experiment} disabled={training} />
      <TrainingCard experiment={experiment} runs={runs} hasDataset={data.dataset !== null} />
      <ExportPanel
        api={worker.exportApi}
        run={run}
        hasDataset={data.dataset !== null}
        experiment={experiment.experiment}
        training={training}
        onImportRun={runs.importRun}
        newRunId={runs.newRunId}
      />
    </aside>
  );
}

function ModelCard({ experiment: e, disabled }: { experiment: ExperimentState; disabled: boolean }) {
  return (
    <section className="card" aria-labelledby="model-h">
      <h2 id="model-h">Model</h2>
      <ModelPicker value={e.settings.modelId} disabled={disabled} onChange={e.chooseModel} />
      <p className="hint">{e.model.description}</p>
      <ConfigForm
        key={`${e.model.id}/${e.formKey}`}
        schema={e.model.configSchema}
        values={e.settings.modelConfig}
        disabled={disabled}
        onChange={e.setModelValue}
      />
    </section>
  );
}

function TrainingCard({
  experiment: e,
  runs: { run, training, train, pauseOrResume, stop },
  hasDataset,
}: {
  experiment: ExperimentState;
  runs: RunControls;
  hasDataset: boolean;
}) {
  return (
    <section className="card" aria-labelledby="train-h">
      <h2 id="train-h">Training</h2>
      <ConfigForm
        key={`${e.model.family}/${e.formKey}`}
        schema={e.trainSchema}
        values={e.settings.trainConfig}
        disabled={training}
        onChange={e.setTrainValue}
      />
      <label className="field">
        <span>Backend</span>
        <select
          value={e.settings.backend}
          disabled={training}
          data-testid="backend-picker"
          onChange={(ev) => e.setBackend(ev.target.value as BackendChoice)}
        >
          <option value="auto">auto (fastest available)</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <RunButtons
        status={run.status}
        check={e.dataCheck}
        canTrain={!training && hasDataset}
        onTrain={train}
        onPauseOrResume={pauseOrResume}
        onStop={stop}
      />
    </section>
  );
}
