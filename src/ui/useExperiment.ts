/**
 * The experiment the page is set up for, as the share link holds it: model and its config, training
 * settings, backend, the Explain tab and example, and which data. The URL fragment follows it (useShareLink),
 * and opening a link (or back/forward) applies one.
 */
import { useCallback, useMemo, useState } from 'react';
import type { BackendChoice } from '../engine/backendInfo';
import {
  protocolTrainDefaults,
  quickTrainDefaults,
  trainSchemaOf,
  type QuickStartOf,
} from '../engine/train/config';
import { defaults } from '../models/config';
import { checkData, type DataCheck } from '../models/dataCheck';
import type { ExampleSelection, Experiment } from '../state/experiment';
import type { SweepLink } from '../state/sweepLink';
import {
  experimentOf,
  linkDataCheck,
  linkDataPlan,
  settingsForModel,
  type UploadRef,
  type Values,
} from './experimentLink';
import type { ModelEntry } from '../models/contract';
import { DEFAULT_MODEL, modelInfo } from './modelList';
import type { DatasetState, LoadedOk } from './useDataset';
import { useShareLink, type ShareLink } from './useShareLink';
import type { ViewId } from './views/capabilities';

const NO_SELECTION: ExampleSelection = { user: null, item: null };

/** What a run trains: the model, its family, and the settings as the form holds them. */
export interface RunSettings {
  readonly modelId: string;
  readonly family: ModelEntry['family'];
  readonly modelConfig: Values;
  readonly trainConfig: Values;
  readonly backend: BackendChoice;
}

export interface ExperimentState {
  readonly experiment: Experiment;
  readonly link: ShareLink;
  /** The chosen model (the default one for an unknown id). */
  readonly model: ModelEntry;
  readonly trainSchema: ReturnType<typeof trainSchemaOf>;
  /** The settings a run started now would train with. */
  readonly settings: RunSettings;
  /** What the loaded data lack for the chosen model: a refusal, a warning, or null (nothing, or no data yet). */
  readonly dataCheck: DataCheck | null;
  /** Bumps when settings are set from outside the forms (a link, a continued run): the forms start over. */
  readonly formKey: number;
  chooseModel(id: string): void;
  setModelValue(key: string, value: unknown): void;
  setTrainValue(key: string, value: unknown): void;
  /** Puts the training settings on a preset: the page's quick start, or the paper protocol (the bench's). */
  applyTrainPreset(preset: TrainPreset): void;
  setBackend(choice: BackendChoice): void;
  /** Shows a stored run's settings in the forms; returns them as a run's settings. */
  showRun(run: Omit<RunSettings, 'family'>): RunSettings;
  readonly view: ViewId | null;
  setView(view: ViewId | null): void;
  readonly selection: ExampleSelection;
  setSelection(selection: ExampleSelection): void;
  /** The sweep the link carries (set by a link, or by the Sweep panel), null when none. */
  readonly sweep: SweepLink | null;
  setSweep(sweep: SweepLink | null): void;
  /** The link's upload, until the user loads it; and what was found when they did. */
  readonly linkData: UploadRef | null;
  readonly linkDataCheck: string | null;
  /** The import panel loaded a dataset. */
  onImported(out: LoadedOk): void;
  /** The user went back to the demo dataset. */
  onDemo(): void;
}

export type TrainPreset = 'quick' | 'protocol';

/** A preset's training settings for a model: its quick start, or its family's protocol. */
export function trainPresetValues(preset: TrainPreset, model: QuickStartOf): Values {
  return preset === 'quick' ? quickTrainDefaults(model) : protocolTrainDefaults(model.family, model);
}

export function useExperiment(data: DatasetState): ExperimentState {
  const [modelId, setModelId] = useState(DEFAULT_MODEL.id);
  const [modelValues, setModelValues] = useState<Values>(() => defaults(DEFAULT_MODEL.configSchema));
  const [trainValues, setTrainValues] = useState<Values>(() => quickTrainDefaults(DEFAULT_MODEL));
  const [backend, setBackend] = useState<BackendChoice>('auto');
  const [formKey, setFormKey] = useState(0);
  // The Explain tab and example, as the link holds them (null tab: the model's first view).
  const [view, setView] = useState<ViewId | null>(null);
  const [selection, setSelection] = useState<ExampleSelection>(NO_SELECTION);
  const [linkData, setLinkData] = useState<UploadRef | null>(null);
  const [checked, setChecked] = useState<string | null>(null);
  const [sweep, setSweep] = useState<SweepLink | null>(null);

  const model = modelInfo(modelId);
  const { dataset, origin, loadDemo, show } = data;
  const experiment = useMemo(
    () =>
      experimentOf({
        linkData,
        dataset,
        model: modelInfo(modelId),
        modelValues,
        trainValues,
        backend,
        view,
        selection,
        sweep,
      }),
    [linkData, dataset, modelId, modelValues, trainValues, backend, view, selection, sweep],
  );

  const applyExperiment = useCallback(
    (e: Experiment) => {
      setModelId(e.modelId);
      setModelValues(e.model);
      setTrainValues(e.train);
      setBackend(e.backend);
      setView(e.view === 'curves' ? null : (e.view as ViewId));
      setSelection(e.selection);
      setSweep(e.sweep ?? null);
      setFormKey((k) => k + 1);
      const plan = linkDataPlan(e.data, origin()?.source ?? null);
      if (plan.linkData !== 'keep') setLinkData(plan.linkData);
      if (plan.demo) loadDemo(plan.demo);
    },
    [origin, loadDemo],
  );
  const link = useShareLink(experiment, applyExperiment);

  const chooseModel = useCallback(
    (id: string) => {
      const next = modelInfo(id);
      const after = settingsForModel(next, modelInfo(modelId), trainValues);
      setModelId(next.id);
      setModelValues(after.modelValues);
      setTrainValues(after.trainValues);
    },
    [modelId, trainValues],
  );

  const showRun = useCallback((run: Omit<RunSettings, 'family'>): RunSettings => {
    setModelId(run.modelId);
    setModelValues(run.modelConfig);
    setTrainValues(run.trainConfig);
    setBackend(run.backend);
    setFormKey((k) => k + 1);
    return { ...run, family: modelInfo(run.modelId).family };
  }, []);

  const onImported = useCallback(
    (out: LoadedOk) => {
      setSelection(NO_SELECTION); // indices of the previous data mean nothing in the new one
      show(out);
      if (linkData && out.source.kind === 'upload') setChecked(linkDataCheck(linkData, out.source));
      setLinkData(null);
    },
    [linkData, show],
  );
  const onDemo = useCallback(() => {
    setSelection(NO_SELECTION);
    loadDemo();
  }, [loadDemo]);

  const settings = useMemo<RunSettings>(
    () => ({ modelId, family: model.family, modelConfig: modelValues, trainConfig: trainValues, backend }),
    [modelId, model.family, modelValues, trainValues, backend],
  );

  const summary = dataset?.summary;
  const dataCheck = useMemo(() => (summary ? checkData(model, summary) : null), [model, summary]);

  return {
    experiment,
    link,
    model,
    trainSchema: trainSchemaOf(model.family),
    settings,
    dataCheck,
    formKey,
    chooseModel,
    setModelValue: (k, v) => setModelValues((prev) => ({ ...prev, [k]: v })),
    setTrainValue: (k, v) => setTrainValues((prev) => ({ ...prev, [k]: v })),
    applyTrainPreset: (preset) => {
      setTrainValues(trainPresetValues(preset, model));
      setFormKey((k) => k + 1); // the forms show the new values
    },
    setBackend,
    showRun,
    view,
    setView,
    selection,
    setSelection,
    sweep,
    setSweep,
    linkData,
    linkDataCheck: checked,
    onImported,
    onDemo,
  };
}
