import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type RefObject } from 'react';
import { BACKENDS, type BackendChoice, type BackendInfo } from '../engine/backendInfo';
import type { TrainEvent } from '../engine/protocol';
import { trainSchemaOf } from '../engine/topkTrainConfig';
import { TRAIN_SCHEMA } from '../engine/trainConfig';
import type { DemoOptions } from '../data/demo';
import { DEFAULT_SPLIT_CONFIG, type DataSourceRef, type LoadOutcome } from '../engine/importProtocol';
import { defaults, resolveConfig } from '../models/config';
import { defaultExperiment, type ExampleSelection, type Experiment } from '../state/experiment';
import { useShareLink } from './useShareLink';
import { MODEL_CATALOG as MODELS, getAnyModelInfo as getModel } from '../models/catalog';
import { TrainingCurves } from '../viz/TrainingCurves';
import { ConfigForm } from './ConfigForm';
import { DatasetPanel, type LoadedDataset } from './DatasetPanel';
import { ImportPanel, type ImportApi } from './import/ImportPanel';
import { EpochTable } from './EpochTable';
import { ModelPicker } from './ModelPicker';
import { TopkEpochTable } from './TopkEpochTable';
import { topkValidationCurves } from './topkMetrics';
import { IDLE_RUN, runReducer } from './runState';
import { StatusBar } from './StatusBar';
import { ViewsPanel } from './views/ViewsPanel';
import type { ViewId } from './views/capabilities';
import type { InspectApi } from './views/useInspection';
import type { ExplainApi } from './views/explainApi';
import { ShareButton } from './ShareButton';
import { ExportPanel, type ExportApi } from './export/ExportPanel';
import { ExportableView } from './export/ExportableView';
import { Comlink, startWorker, type WorkerClient } from './workerClient';
import { ContinueBanner, SavedRuns } from './SavedRuns';
import { useRunStore } from './useRunStore';
import type { ContinueOffer } from './resumePlan';

type Values = Readonly<Record<string, unknown>>;

const NO_SELECTION: ExampleSelection = { user: null, item: null };

interface RunParams {
  readonly modelId: string;
  readonly modelConfig: Values;
  readonly trainConfig: Values;
  readonly backend: BackendChoice;
}

function workerApi(client: RefObject<WorkerClient | null>) {
  if (!client.current) throw new Error('The training worker is not running.');
  return client.current.api;
}

/** What the worker was last given to build the dataset from, to rebuild it in a new worker after a crash. */
interface LastImport {
  readonly files: readonly File[];
  readonly mapping: Parameters<ImportApi['loadImport']>[0];
  readonly split: Parameters<ImportApi['loadImport']>[1];
}

export function App() {
  const client = useRef<WorkerClient | null>(null);
  const lastRead = useRef<readonly File[]>([]);
  const lastImport = useRef<LastImport | null>(null);
  const [dataset, setDataset] = useState<LoadedDataset | null>(null);
  // Reads the worker through the ref at call time, so the panel needs no state of its own for it.
  const importApi = useMemo<ImportApi>(
    () => ({
      readImport: (files, onProgress) => {
        lastRead.current = files;
        return workerApi(client).readImport(files, Comlink.proxy(onProgress));
      },
      loadImport: async (mapping, split) => {
        const files = lastRead.current;
        const out = await workerApi(client).loadImport(mapping, split);
        if (out.type === 'ok') lastImport.current = { files, mapping, split };
        return out;
      },
    }),
    [],
  );
  const inspectApi = useMemo<InspectApi & ExplainApi>(
    () => ({
      inspect: (request) => workerApi(client).inspect(request),
      searchExamples: (request) => workerApi(client).searchExamples(request),
      embeddingMap: (request) => workerApi(client).embeddingMap(request),
      recommend: (request) => workerApi(client).recommend(request),
      explainGraph: (request) => workerApi(client).explainGraph(request),
    }),
    [],
  );
  const exportApi = useMemo<ExportApi>(
    () => ({
      exportModel: (runId) => workerApi(client).exportModel(runId),
      exportEmbeddings: (runId) => workerApi(client).exportEmbeddings(runId),
      exportPredictions: (request) => workerApi(client).exportPredictions(request),
      exportDataset: () => workerApi(client).exportDataset(),
      importModel: (bytes, runId) =>
        workerApi(client).importModel(Comlink.transfer(bytes, [bytes.buffer]), runId),
    }),
    [],
  );
  const [datasetError, setDatasetError] = useState<string | null>(null);
  const [backendChoice, setBackendChoice] = useState<BackendChoice>('auto');
  const [backendInfo, setBackendInfo] = useState<BackendInfo | null>(null);
  const [modelId, setModelId] = useState(MODELS[0].id);
  const [modelValues, setModelValues] = useState<Values>(() => defaults(MODELS[0].configSchema));
  const [trainValues, setTrainValues] = useState<Values>(() => defaults(TRAIN_SCHEMA));
  const [run, dispatch] = useReducer(runReducer, IDLE_RUN);
  const nextRunId = useRef(1);

  // The uploaded data a share link refers to, until the user loads it; and what we found when they did.
  const [linkData, setLinkData] = useState<Extract<DataSourceRef, { kind: 'upload' }> | null>(null);
  const [linkDataCheck, setLinkDataCheck] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const datasetSource = useRef<DataSourceRef | null>(null);
  const dataSplit = useRef(DEFAULT_SPLIT_CONFIG);
  const dataLabel = useRef<LoadedDataset['label']>(null);

  const showDataset = useCallback((out: Extract<LoadOutcome, { type: 'ok' }>) => {
    datasetSource.current = out.source;
    dataSplit.current = out.splitConfig;
    dataLabel.current = out.label;
    setDatasetError(null);
    setDataset(out);
  }, []);

  const loadDemo = useCallback(
    (options: Partial<DemoOptions> = {}) => {
      client.current?.api
        .loadDemo(options)
        .then((out) => (out.type === 'ok' ? showDataset(out) : setDatasetError(out.issue.message)))
        .catch((e: unknown) => setDatasetError(String(e)));
    },
    [showDataset],
  );

  const runStore = useRunStore();
  const { crashed: storeCrashed, loadSource } = runStore;
  // A crashed worker is replaced at once (with the dataset reloaded), so the app stays usable; the run it
  // was training is offered for continuing from its checkpoint (useRunStore).
  const onWorkerCrash = useRef<(c: WorkerClient, message: string) => void>(() => {});
  const [workerGen, setWorkerGen] = useState(0);
  const connect = useCallback((): WorkerClient => {
    const c = startWorker();
    client.current = c;
    c.onCrash((message) => onWorkerCrash.current(c, message));
    return c;
  }, []);
  useEffect(() => {
    onWorkerCrash.current = (c, message) => {
      if (client.current !== c) return;
      const text = `The training worker stopped: ${message}`;
      dispatch({ type: 'crash', message: text });
      storeCrashed(text);
      c.terminate();
      const next = connect();
      setWorkerGen((g) => g + 1); // the new worker starts its backend (the effect below)
      const source = datasetSource.current;
      if (source) {
        void loadSource(next.api, source, dataSplit.current)
          .then(async (out) => {
            // An upload the store could not keep (private window, full disk): read its files again.
            const last = lastImport.current;
            if (out.type === 'ok' || source.kind !== 'upload' || !last) return out;
            const read = await next.api.readImport(
              last.files,
              Comlink.proxy(() => {}),
            );
            return read.type === 'ok' ? next.api.loadImport(last.mapping, last.split) : out;
          })
          .then((out) => {
            if (out.type !== 'ok') return setDatasetError(out.issue.message);
            // The same data again: keep the import report its first load gave (a stored copy has none).
            setDataset((prev) => (prev && out.report === null ? { ...out, report: prev.report } : out));
            datasetSource.current = out.source;
          });
      }
    };
  });

  useEffect(() => {
    const c = connect();
    return () => {
      client.current = null;
      c.terminate();
    };
  }, [connect]);

  // The Explain tab and example, as the link holds them (null tab: the model's first view).
  const [view, setView] = useState<ViewId | null>(null);
  const [selection, setSelection] = useState<ExampleSelection>(NO_SELECTION);

  // The experiment as the share link holds it; the URL fragment follows it (and back/forward restore it).
  const experiment = useMemo<Experiment>(() => {
    const info = getModel(modelId) ?? MODELS[0];
    return {
      data: linkData ?? dataset?.source ?? defaultExperiment().data,
      label: linkData ? null : (dataset?.label ?? null),
      split: dataset?.splitConfig ?? DEFAULT_SPLIT_CONFIG,
      modelId: info.id,
      model: resolveConfig(info.configSchema, modelValues).config,
      train: resolveConfig(trainSchemaOf(info.family), trainValues).config,
      backend: backendChoice,
      view: view ?? 'curves',
      selection,
    };
  }, [linkData, dataset, modelId, modelValues, trainValues, backendChoice, view, selection]);

  const applyExperiment = useCallback(
    (e: Experiment) => {
      setModelId(e.modelId);
      setModelValues(e.model);
      setTrainValues(e.train);
      setBackendChoice(e.backend);
      setView(e.view === 'curves' ? null : (e.view as ViewId));
      setSelection(e.selection);
      setFormKey((k) => k + 1);
      const loaded = datasetSource.current;
      if (e.data.kind === 'demo') {
        setLinkData(null);
        if (JSON.stringify(loaded) !== JSON.stringify(e.data)) {
          loadDemo({ seed: e.data.seed, users: e.data.users, items: e.data.items });
        }
      } else if (loaded?.kind !== 'upload' || loaded.hash !== e.data.hash) {
        setLinkData(e.data);
        if (!loaded) loadDemo();
      }
    },
    [loadDemo],
  );
  const link = useShareLink(experiment, applyExperiment);

  const onImported = useCallback(
    (out: Extract<LoadOutcome, { type: 'ok' }>) => {
      showDataset(out);
      if (linkData && out.source.kind === 'upload') {
        setLinkDataCheck(
          out.source.hash === linkData.hash
            ? `✓ Same data as the link (${linkData.hash}).`
            : `These files differ from the link's data (${out.source.hash}, the link expects ${linkData.hash}); results will differ.`,
        );
      }
      setLinkData(null);
    },
    [linkData, showDataset],
  );

  useEffect(() => {
    const api = client.current?.api;
    if (!api) return;
    let current = true;
    setBackendInfo(null);
    api
      .initBackend(backendChoice)
      .then((info) => current && setBackendInfo(info))
      .catch((e: unknown) => current && dispatch({ type: 'crash', message: `Backend: ${String(e)}` }));
    return () => {
      current = false;
    };
  }, [backendChoice, workerGen]);

  const training = run.status === 'training' || run.status === 'stopping' || run.status === 'paused';
  const spec = getModel(modelId) ?? MODELS[0];
  const trainSchema = trainSchemaOf(spec.family);

  const { track } = runStore;
  /** Trains (or, with `resume`, continues a stored run from its checkpoint), recording it in the store. */
  const startRun = useCallback(
    async (p: RunParams, resume?: { storedId: number; bytes: Uint8Array }) => {
      const c = client.current;
      const source = datasetSource.current;
      if (!c || !source) return;
      const runId = nextRunId.current++;
      dispatch({
        type: 'start',
        runId,
        modelId: p.modelId,
        family: getModel(p.modelId)?.family ?? 'ctr',
        modelConfig: p.modelConfig,
        trainConfig: p.trainConfig,
      });
      const tracker = track(
        {
          ...p,
          data: source,
          split: dataSplit.current,
          label: dataLabel.current,
          snapshotDataset: () => c.api.snapshotDataset(),
        },
        resume?.storedId,
      );
      const onEvent = Comlink.proxy((event: TrainEvent) => {
        if (client.current !== c) return; // a replaced (crashed) worker's late events
        if (event.type === 'backend') setBackendInfo(event.info);
        tracker.onEvent(event);
        dispatch({ type: 'event', event });
      });
      const request = { runId, ...p, checkpoints: true, resumeFrom: resume?.bytes };
      const outcome = await c.api
        .train(request, onEvent)
        .catch((e: unknown) => ({ type: 'error', runId, message: String(e) }) as const);
      if (client.current !== c) return;
      tracker.onOutcome(outcome);
      dispatch({ type: 'outcome', outcome });
    },
    [track],
  );
  const train = useCallback(
    () => startRun({ modelId, modelConfig: modelValues, trainConfig: trainValues, backend: backendChoice }),
    [startRun, modelId, modelValues, trainValues, backendChoice],
  );

  const continueRun = useCallback(
    async ({ run: stored, backend }: ContinueOffer) => {
      const c = client.current;
      if (!c) return;
      runStore.dismissOffer();
      const bytes = await runStore.checkpointOf(stored.id);
      if (!bytes) {
        dispatch({ type: 'crash', message: `Run ${stored.id} has no saved checkpoint any more.` });
        return;
      }
      // The form shows the run's settings, and its data is loaded again (the demo from its seed).
      setModelId(stored.modelId);
      setModelValues(stored.modelConfig);
      setTrainValues(stored.trainConfig);
      setBackendChoice(backend);
      setFormKey((k) => k + 1);
      const out = await loadSource(c.api, stored.data, stored.split);
      if (out.type !== 'ok') {
        setDatasetError(out.issue.message);
        return;
      }
      showDataset(out);
      const p = { modelId: stored.modelId, modelConfig: stored.modelConfig, trainConfig: stored.trainConfig };
      await startRun({ ...p, backend }, { storedId: stored.id, bytes });
    },
    [runStore, loadSource, showDataset, startRun],
  );

  // A link to a demo experiment re-trains it on opening (same seed, so the same results on cpu and wasm).
  const autoTrained = useRef(false);
  useEffect(() => {
    if (autoTrained.current || !link.openedFromLink || !backendInfo || run.status !== 'idle') return;
    // A reload mid-training reopens the same link: continuing the stored run is offered instead.
    if (!runStore.ready) return;
    if (runStore.offer) {
      autoTrained.current = true;
      return;
    }
    if (dataset?.source.kind !== 'demo' || JSON.stringify(dataset.source) !== JSON.stringify(experiment.data))
      return;
    autoTrained.current = true;
    void train();
  }, [
    link.openedFromLink,
    backendInfo,
    run.status,
    dataset,
    experiment.data,
    train,
    runStore.ready,
    runStore.offer,
  ]);

  const pauseOrResume = useCallback(() => {
    const api = client.current?.api;
    if (!api) return;
    if (run.status === 'paused') {
      dispatch({ type: 'resumed', runId: run.runId });
      void api.resume(run.runId);
    } else {
      void api.pause(run.runId);
    }
  }, [run.runId, run.status]);

  const stop = useCallback(() => {
    dispatch({ type: 'stopping', runId: run.runId });
    void client.current?.api.stop(run.runId);
  }, [run.runId]);

  const epochs = Number(trainValues.epochs ?? trainSchema.epochs.default);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          recplay <span>multimodal recommender playground</span>
        </h1>
        <p className="privacy">Everything runs in this tab: your data never leaves your browser.</p>
        <ShareButton />
      </header>
      {(link.warnings.length > 0 || linkData || linkDataCheck) && (
        <div className="link-notes" role="status" data-testid="link-notes">
          {link.warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
          {linkData && (
            <p>
              This link was made with your own data, <strong>{linkData.name}</strong> (content {linkData.hash}
              ). Load the same files under <em>Your data</em> to reproduce it; its model and settings are
              applied already.
            </p>
          )}
          {linkDataCheck && <p>{linkDataCheck}</p>}
        </div>
      )}
      <main className="layout">
        <aside className="controls">
          <DatasetPanel data={dataset} error={datasetError} />
          <ImportPanel
            api={importApi}
            disabled={training}
            onLoaded={(out) => {
              setSelection(NO_SELECTION); // indices of the previous data mean nothing in the new one
              onImported(out);
            }}
            onDemo={() => {
              setSelection(NO_SELECTION);
              loadDemo();
            }}
          />
          <section className="card" aria-labelledby="model-h">
            <h2 id="model-h">Model</h2>
            <ModelPicker
              value={modelId}
              disabled={training}
              onChange={(id) => {
                const next = getModel(id) ?? MODELS[0];
                setModelId(next.id);
                setModelValues(defaults(next.configSchema));
                // The families train differently (BPR epochs vs ctr epochs): their own settings.
                if (next.family !== spec.family) setTrainValues(defaults(trainSchemaOf(next.family)));
              }}
            />
            <p className="hint">{spec.description}</p>
            <ConfigForm
              key={`${spec.id}/${formKey}`}
              schema={spec.configSchema}
              values={modelValues}
              disabled={training}
              onChange={(k, v) => setModelValues((prev) => ({ ...prev, [k]: v }))}
            />
          </section>
          <section className="card" aria-labelledby="train-h">
            <h2 id="train-h">Training</h2>
            <ConfigForm
              key={`${spec.family}/${formKey}`}
              schema={trainSchema}
              values={trainValues}
              disabled={training}
              onChange={(k, v) => setTrainValues((prev) => ({ ...prev, [k]: v }))}
            />
            <label className="field">
              <span>Backend</span>
              <select
                value={backendChoice}
                disabled={training}
                data-testid="backend-picker"
                onChange={(e) => setBackendChoice(e.target.value as BackendChoice)}
              >
                <option value="auto">auto (fastest available)</option>
                {BACKENDS.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
            <div className="buttons">
              <button type="button" className="primary" onClick={train} disabled={training || !dataset}>
                Train
              </button>
              <button
                type="button"
                onClick={pauseOrResume}
                disabled={run.status !== 'training' && run.status !== 'paused'}
              >
                {run.status === 'paused' ? 'Resume' : 'Pause'}
              </button>
              <button
                type="button"
                onClick={stop}
                disabled={run.status !== 'training' && run.status !== 'paused'}
              >
                Stop
              </button>
            </div>
          </section>
          <ExportPanel
            api={exportApi}
            run={run}
            hasDataset={dataset !== null}
            experiment={experiment}
            training={training}
            onImportRun={(record) =>
              dispatch({ type: 'importRun', record: { ...record, runId: nextRunId.current++ } })
            }
            newRunId={() => nextRunId.current++}
          />
        </aside>
        <section className="results" aria-label="Training">
          <StatusBar run={run} backend={backendInfo} />
          {run.error && (
            <p className="error" role="alert">
              {run.error}
            </p>
          )}
          <ContinueBanner
            offer={runStore.offer}
            busy={training}
            onContinue={(o) => void continueRun(o)}
            onDismiss={runStore.dismissOffer}
          />
          {run.warnings.length > 0 && (
            <ul className="warnings" aria-label="Settings that were adjusted">
              {run.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <ExportableView name="training-curves" title="Training curves">
            <TrainingCurves
              loss={run.loss}
              valid={run.epochs.map((e) => ({ epoch: e.epoch, auc: e.valid.auc, gauc: e.valid.gauc }))}
              {...((run.status === 'idle' ? spec.family : run.family) === 'topk'
                ? { validCurves: topkValidationCurves(run.topk?.epochs ?? []), lossLabel: 'BPR loss' }
                : {})}
              epochs={
                run.status === 'idle' ? epochs : Math.max(run.progress?.epochs ?? epochs, run.epochs.length)
              }
            />
          </ExportableView>
          {run.topk ? <TopkEpochTable run={run.topk} /> : <EpochTable run={run} />}
          <ExportableView name="explain-view" title="Explain">
            <ViewsPanel
              api={inspectApi}
              run={run}
              dataset={dataset}
              view={view}
              onViewChange={setView}
              selection={selection}
              onSelectionChange={setSelection}
            />
          </ExportableView>
        </section>
      </main>
      <SavedRuns store={runStore} busy={training} />
    </div>
  );
}
