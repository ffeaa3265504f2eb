import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type RefObject } from 'react';
import { BACKENDS, type BackendChoice, type BackendInfo } from '../engine/backendInfo';
import type { TrainEvent } from '../engine/protocol';
import { TRAIN_SCHEMA } from '../engine/trainConfig';
import type { DemoOptions } from '../data/demo';
import { DEFAULT_SPLIT_CONFIG, type DataSourceRef, type LoadOutcome } from '../engine/importProtocol';
import { defaults, resolveConfig } from '../models/config';
import { defaultExperiment, type Experiment } from '../state/experiment';
import { useShareLink } from '../state/useShareLink';
import { MODEL_CATALOG as MODELS, getModelInfo as getModel } from '../models/catalog';
import { TrainingCurves } from '../viz/TrainingCurves';
import { ConfigForm } from './ConfigForm';
import { DatasetPanel, type LoadedDataset } from './DatasetPanel';
import { ImportPanel, type ImportApi } from './import/ImportPanel';
import { EpochTable } from './EpochTable';
import { IDLE_RUN, runReducer } from './runState';
import { StatusBar } from './StatusBar';
import { ViewsPanel } from './views/ViewsPanel';
import type { InspectApi } from './views/useInspection';
import { ShareButton } from './ShareButton';
import { Comlink, startWorker, type WorkerClient } from './workerClient';

type Values = Readonly<Record<string, unknown>>;

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
  // Set when the worker died: the next Train starts a new one and gives it the dataset again.
  const workerDead = useRef(false);
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
  const inspectApi = useMemo<InspectApi>(
    () => ({
      inspect: (request) => workerApi(client).inspect(request),
      searchExamples: (request) => workerApi(client).searchExamples(request),
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

  const showDataset = useCallback((out: Extract<LoadOutcome, { type: 'ok' }>) => {
    datasetSource.current = out.source;
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

  const spawnWorker = useCallback(() => {
    const c = startWorker();
    client.current = c;
    workerDead.current = false;
    c.onCrash((message) => {
      if (client.current !== c) return;
      workerDead.current = true;
      dispatch({ type: 'crash', message });
    });
    return c;
  }, []);

  useEffect(() => {
    const c = spawnWorker();
    return () => {
      client.current = null;
      c.terminate();
    };
  }, [spawnWorker]);

  /** A new worker with the backend and the dataset of the dead one (the page's results stay as they are). */
  const restartWorker = useCallback(async () => {
    client.current?.terminate();
    const { api } = spawnWorker();
    setBackendInfo(await api.initBackend(backendChoice));
    const source = datasetSource.current;
    const split = dataset?.splitConfig ?? DEFAULT_SPLIT_CONFIG;
    const last = lastImport.current;
    let out: LoadOutcome | null = null;
    if (source?.kind === 'demo') {
      out = await api.loadDemo({ seed: source.seed, users: source.users, items: source.items }, split);
    } else if (source?.kind === 'upload' && last) {
      const read = await api.readImport(
        last.files,
        Comlink.proxy(() => {}),
      );
      if (read.type === 'error') throw new Error(read.issue.message);
      out = await api.loadImport(last.mapping, last.split);
    }
    if (out?.type === 'error') throw new Error(out.issue.message);
  }, [spawnWorker, backendChoice, dataset]);
  // Read at call time by `train`, which must not change (and re-run the link's auto-train effect) with it.
  const restartRef = useRef(restartWorker);
  useEffect(() => {
    restartRef.current = restartWorker;
  }, [restartWorker]);

  // The experiment as the share link holds it; the URL fragment follows it (and back/forward restore it).
  const experiment = useMemo<Experiment>(() => {
    const info = getModel(modelId) ?? MODELS[0];
    return {
      data: linkData ?? dataset?.source ?? defaultExperiment().data,
      label: linkData ? null : (dataset?.label ?? null),
      split: dataset?.splitConfig ?? DEFAULT_SPLIT_CONFIG,
      modelId: info.id,
      model: resolveConfig(info.configSchema, modelValues).config,
      train: resolveConfig(TRAIN_SCHEMA, trainValues).config,
      backend: backendChoice,
      view: 'curves',
    };
  }, [linkData, dataset, modelId, modelValues, trainValues, backendChoice]);

  const applyExperiment = useCallback(
    (e: Experiment) => {
      setModelId(e.modelId);
      setModelValues(e.model);
      setTrainValues(e.train);
      setBackendChoice(e.backend);
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
  }, [backendChoice]);

  const training = run.status === 'training' || run.status === 'stopping' || run.status === 'paused';
  const spec = getModel(modelId) ?? MODELS[0];

  const train = useCallback(async () => {
    if (workerDead.current) {
      try {
        await restartRef.current();
      } catch (e) {
        dispatch({ type: 'crash', message: `A new training worker could not be started: ${String(e)}` });
        return;
      }
    }
    const api = client.current?.api;
    if (!api) return;
    const runId = nextRunId.current++;
    dispatch({ type: 'start', runId, modelId, modelConfig: modelValues, trainConfig: trainValues });
    const onEvent = Comlink.proxy((event: TrainEvent) => {
      if (event.type === 'backend') setBackendInfo(event.info);
      dispatch({ type: 'event', event });
    });
    try {
      const outcome = await api.train(
        { runId, modelId, modelConfig: modelValues, trainConfig: trainValues, backend: backendChoice },
        onEvent,
      );
      dispatch({ type: 'outcome', outcome });
    } catch (e) {
      dispatch({ type: 'outcome', outcome: { type: 'error', runId, message: String(e) } });
    }
  }, [modelId, modelValues, trainValues, backendChoice]);

  // A link to a demo experiment re-trains it on opening (same seed, so the same results on cpu and wasm).
  const autoTrained = useRef(false);
  useEffect(() => {
    if (autoTrained.current || !link.openedFromLink || !backendInfo || run.status !== 'idle') return;
    if (dataset?.source.kind !== 'demo' || JSON.stringify(dataset.source) !== JSON.stringify(experiment.data))
      return;
    autoTrained.current = true;
    void train();
  }, [link.openedFromLink, backendInfo, run.status, dataset, experiment.data, train]);

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

  const epochs = Number(trainValues.epochs ?? TRAIN_SCHEMA.epochs.default);

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
          <ImportPanel api={importApi} disabled={training} onLoaded={onImported} onDemo={() => loadDemo()} />
          <section className="card" aria-labelledby="model-h">
            <h2 id="model-h">Model</h2>
            <label className="field">
              <span>Model</span>
              <select
                value={modelId}
                disabled={training}
                data-testid="model-picker"
                onChange={(e) => {
                  const next = getModel(e.target.value) ?? MODELS[0];
                  setModelId(next.id);
                  setModelValues(defaults(next.configSchema));
                }}
              >
                {MODELS.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.id} — {m.label}
                  </option>
                ))}
              </select>
            </label>
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
              key={formKey}
              schema={TRAIN_SCHEMA}
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
        </aside>
        <section className="results" aria-label="Training">
          <StatusBar run={run} backend={backendInfo} />
          {run.error && (
            <p className="error" role="alert">
              {run.error}
            </p>
          )}
          {run.warnings.length > 0 && (
            <ul className="warnings" aria-label="Settings that were adjusted">
              {run.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <TrainingCurves
            loss={run.loss}
            valid={run.epochs.map((e) => ({ epoch: e.epoch, auc: e.valid.auc, gauc: e.valid.gauc }))}
            epochs={
              run.status === 'idle' ? epochs : Math.max(run.progress?.epochs ?? epochs, run.epochs.length)
            }
          />
          <EpochTable run={run} />
          <ViewsPanel api={inspectApi} run={run} dataset={dataset} />
        </section>
      </main>
    </div>
  );
}
