import { DatasetPanel } from './DatasetPanel';
import { ExportPanel } from './export/ExportPanel';
import { ImportPanel } from './import/ImportPanel';
import { Section } from './Section';
import { SettingsForm } from './SettingsForm';
import { TrainPresets } from './TrainPresets';
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

/** The training settings a person changes every run; the others fold away. */
const EVERYDAY_TRAIN_SETTINGS = ['epochs', 'learningRate', 'patience'];

/**
 * The left column: the data, the model's settings, the training settings, exports. The model picker, the
 * backend and the run buttons sit in the run bar above; this column scrolls on its own beside the results.
 */
export function SettingsPanel({ worker, data, experiment, runs }: Props) {
  const { run, training } = runs;
  return (
    <aside className="controls" aria-label="Settings">
      <DatasetPanel
        data={data.dataset}
        error={data.error}
        wizard={{
          disabled: training,
          onGenerate: (options, preset) => {
            experiment.setSelection({ user: null, item: null }); // indices of other data
            data.loadDemo(options);
            // A preset opens with the model that shows its signal, and the planted-vs-learned tab.
            if (preset) {
              experiment.chooseModel(preset.model);
              experiment.setView('planted');
            }
          },
        }}
      />
      <ModelCard experiment={experiment} disabled={training} />
      <TrainingCard experiment={experiment} disabled={training} />
      <ImportPanel
        api={data.importApi}
        disabled={training}
        onLoaded={experiment.onImported}
        onDemo={experiment.onDemo}
        demoLoaded={data.dataset?.source.kind === 'demo'}
      />
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
    <Section title={`Model · ${e.model.label}`} testId="model-card">
      <p className="hint">{e.model.description}</p>
      <SettingsForm
        key={`${e.model.id}/${e.formKey}`}
        schema={e.model.configSchema}
        values={e.settings.modelConfig}
        disabled={disabled}
        onChange={e.setModelValue}
        primary={[]}
        moreLabel="Model settings"
      />
    </Section>
  );
}

function TrainingCard({ experiment: e, disabled }: { experiment: ExperimentState; disabled: boolean }) {
  return (
    <Section title="Training" testId="training-card">
      <TrainPresets
        model={e.model}
        values={e.settings.trainConfig}
        disabled={disabled}
        onPick={e.applyTrainPreset}
      />
      <SettingsForm
        key={`${e.model.family}/${e.formKey}`}
        schema={e.trainSchema}
        values={e.settings.trainConfig}
        disabled={disabled}
        onChange={e.setTrainValue}
        primary={EVERYDAY_TRAIN_SETTINGS}
      />
    </Section>
  );
}
