import { useRef, useState, type ReactNode } from 'react';
import type { ExportOutcome, ModelImportOutcome, PredictionsRequest } from '../../engine/exportProtocol';
import type { Experiment } from '../../state/experiment';
import { parseRunFile, serializeRunFile } from '../../state/runFile';
import { fmtMetric } from '../format';
import type { RunRecord, RunState } from '../runState';
import { download, downloadBytes } from './download';
import './export.css';

/** The worker calls the panel makes (see `WorkerApi`). */
export interface ExportApi {
  exportModel(runId: number): Promise<ExportOutcome>;
  exportEmbeddings(runId: number): Promise<ExportOutcome>;
  exportPredictions(request: PredictionsRequest): Promise<ExportOutcome>;
  exportDataset(): Promise<ExportOutcome>;
  importModel(bytes: Uint8Array, runId: number): Promise<ModelImportOutcome>;
}

export interface ExportPanelProps {
  readonly api: ExportApi;
  readonly run: RunState;
  readonly hasDataset: boolean;
  /** The experiment as the share link holds it (data, split, backend); each run's own settings replace its model part. */
  readonly experiment: Experiment;
  /** A training run is active: model imports wait for it. */
  readonly training: boolean;
  /** Adds a run read from a file to the session's runs; the caller gives it a fresh id. */
  readonly onImportRun: (record: Omit<RunRecord, 'runId'>) => void;
  /** A fresh run id for an imported model. */
  readonly newRunId: () => number;
}

type Note = { readonly kind: 'ok' | 'error'; readonly text: string } | null;

const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`;
const FINISHED = new Set(['done', 'stopped']);

/**
 * Exports of the session as downloads (model, item embeddings, top-K predictions, the dataset, a run) and
 * imports of a model or a run. Files are built in the worker or on the page; nothing is uploaded.
 */
export function ExportPanel({
  api,
  run,
  hasDataset,
  experiment,
  training,
  onImportRun,
  newRunId,
}: ExportPanelProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [k, setK] = useState('10');
  const [users, setUsers] = useState('100');
  const [runChoice, setRunChoice] = useState<number | null>(null);
  // The run whose model the worker holds for exports: the last finished run, or an imported model.
  const [modelRun, setModelRun] = useState<{ runId: number; label: string } | null>(null);
  const [imported, setImported] = useState<Extract<ModelImportOutcome, { type: 'ok' }> | null>(null);
  const modelInput = useRef<HTMLInputElement>(null);
  const runInput = useRef<HTMLInputElement>(null);

  const trained =
    FINISHED.has(run.status) && run.result
      ? { runId: run.runId, label: `run #${run.runId} ${run.modelId}` }
      : null;
  // A newer trained run replaces an imported model in the worker (and the other way round).
  const target = modelRun && modelRun.runId > run.runId ? modelRun : trained;

  async function act(what: string, job: () => Promise<string>) {
    setBusy(what);
    setNote(null);
    try {
      setNote({ kind: 'ok', text: await job() });
    } catch (e) {
      setNote({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  }

  /** Saves the files of an outcome (only those `pick` keeps); throws its reason otherwise. */
  function save(out: ExportOutcome, pick: (name: string) => boolean = () => true): string {
    if (out.type === 'unavailable') throw new Error(out.reason);
    if (out.type === 'error') throw new Error(out.message);
    const files = out.files.filter((f) => pick(f.name));
    for (const f of files) downloadBytes(f.name, f.bytes, f.mime);
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    return `Saved ${files.map((f) => f.name).join(', ')} (${kb(total)}, built in ${out.seconds.toFixed(1)} s).`;
  }

  const runs = run.runs.filter(
    (r) => r.status !== 'training' && r.status !== 'paused' && r.status !== 'stopping',
  );
  const chosen = runs.find((r) => r.runId === runChoice) ?? runs.at(-1) ?? null;

  function exportRun() {
    if (!chosen) return;
    const loss = chosen.loss ?? (chosen.runId === run.runId ? run.loss : []);
    const text = serializeRunFile(
      { ...experiment, modelId: chosen.modelId, model: chosen.modelConfig, train: chosen.trainConfig },
      {
        modelId: chosen.modelId,
        modelConfig: chosen.modelConfig,
        trainConfig: chosen.trainConfig,
        status: chosen.status,
        epochs: chosen.epochs,
        result: chosen.result,
        loss,
      },
    );
    const name = `recplay-run${chosen.runId}-${chosen.modelId}.json`;
    download(name, new Blob([text], { type: 'application/json' }));
    setNote({ kind: 'ok', text: `Saved ${name} (${kb(text.length)}).` });
  }

  async function importModelFile(file: File) {
    await act('import-model', async () => {
      const runId = newRunId();
      const out = await api.importModel(new Uint8Array(await file.arrayBuffer()), runId);
      if (out.type === 'error') throw new Error(out.message);
      setImported(out);
      const shortName = file.name.length > 40 ? `${file.name.slice(0, 37)}…` : file.name;
      setModelRun({ runId, label: `imported ${out.modelId} (${shortName})` });
      return `Imported ${out.modelId} from ${file.name}.`;
    });
  }

  async function importRunFile(file: File) {
    await act('import-run', async () => {
      const parsed = parseRunFile(await file.text());
      if (!parsed.ok) throw new Error(parsed.message);
      const r = parsed.file.run;
      onImportRun({
        modelId: r.modelId,
        modelConfig: r.modelConfig,
        trainConfig: r.trainConfig,
        status: r.status === 'done' || r.status === 'stopped' || r.status === 'error' ? r.status : 'stopped',
        epochs: r.epochs,
        result: r.result,
        loss: r.loss,
        imported: file.name,
      });
      const extra = parsed.warnings.length ? ` Notes: ${parsed.warnings.join('; ')}.` : '';
      return `Added the run of ${file.name} (${r.modelId}, ${r.epochs.length} epochs) to the run comparison.${extra}`;
    });
  }

  const disabledFor = (needsModel: boolean) => busy !== null || !hasDataset || (needsModel && !target);

  return (
    <section className="card export-panel" aria-labelledby="export-h" data-testid="export-panel">
      <h2 id="export-h">Export &amp; import</h2>
      <p className="hint">Files are made in this tab and saved by your browser; nothing is uploaded.</p>

      <Group title={target ? `Model of ${target.label}` : 'Model (train or import one first)'}>
        <button
          type="button"
          disabled={disabledFor(true)}
          data-testid="export-model"
          title="model.json (tfjs weights manifest + recplay section) and weights.bin, zipped"
          onClick={() => target && act('model', async () => save(await api.exportModel(target.runId)))}
        >
          Model (tfjs, .zip)
        </button>
        <button
          type="button"
          disabled={disabledFor(true)}
          data-testid="export-vectors"
          title="Item embeddings, one row per item, for projector.tensorflow.org"
          onClick={() =>
            target &&
            act('vectors', async () =>
              save(await api.exportEmbeddings(target.runId), (n) => n.endsWith('vectors.tsv')),
            )
          }
        >
          vectors.tsv
        </button>
        <button
          type="button"
          disabled={disabledFor(true)}
          data-testid="export-metadata"
          title="Item key, title and fields, in the order of vectors.tsv"
          onClick={() =>
            target &&
            act('metadata', async () =>
              save(await api.exportEmbeddings(target.runId), (n) => n.endsWith('metadata.tsv')),
            )
          }
        >
          metadata.tsv
        </button>
        <div className="export-topk">
          <label>
            K{' '}
            <input
              type="text"
              inputMode="numeric"
              value={k}
              aria-label="Top K"
              onChange={(e) => setK(e.target.value)}
            />
          </label>
          <label>
            users{' '}
            <input
              type="text"
              inputMode="numeric"
              value={users}
              aria-label="Test users"
              onChange={(e) => setUsers(e.target.value)}
            />
          </label>
          <button
            type="button"
            disabled={disabledFor(true)}
            data-testid="export-topk"
            title="Every item scored for each test user (training items left out), the K best kept"
            onClick={() =>
              target &&
              act('topk', async () =>
                save(
                  await api.exportPredictions({ runId: target.runId, k: Number(k), users: Number(users) }),
                ),
              )
            }
          >
            {busy === 'topk' ? 'Scoring…' : 'Top-K (.csv)'}
          </button>
        </div>
      </Group>

      <Group title="Dataset">
        <button
          type="button"
          disabled={busy !== null || !hasDataset}
          data-testid="export-recbole"
          title=".inter, .item, .user atomic files and a RecBole yaml config, zipped"
          onClick={() => act('recbole', async () => save(await api.exportDataset()))}
        >
          RecBole files (.zip)
        </button>
      </Group>

      <Group title="Run">
        <select
          aria-label="Run to export"
          value={chosen?.runId ?? ''}
          disabled={runs.length === 0}
          onChange={(e) => setRunChoice(Number(e.target.value))}
        >
          {runs.length === 0 && <option value="">no finished run yet</option>}
          {runs.map((r) => (
            <option key={r.runId} value={r.runId}>
              #{r.runId} {r.modelId}
              {r.imported ? ' (imported)' : ''}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!chosen || busy !== null}
          data-testid="export-run"
          onClick={exportRun}
        >
          Run (.json)
        </button>
      </Group>

      <Group title="Import">
        <button
          type="button"
          disabled={busy !== null || !hasDataset || training}
          data-testid="import-model"
          title="A model .zip exported by recplay, for the same data"
          onClick={() => modelInput.current?.click()}
        >
          {busy === 'import-model' ? 'Importing…' : 'Model (.zip)…'}
        </button>
        <button
          type="button"
          disabled={busy !== null}
          data-testid="import-run"
          title="A run .json exported by recplay: added to the run comparison"
          onClick={() => runInput.current?.click()}
        >
          Run (.json)…
        </button>
        <input
          ref={modelInput}
          type="file"
          accept=".zip,application/zip"
          hidden
          data-testid="import-model-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importModelFile(f);
          }}
        />
        <input
          ref={runInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="import-run-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importRunFile(f);
          }}
        />
      </Group>

      {imported && (
        <p className="imported-model" data-testid="imported-model">
          Imported {imported.modelId} (trained on {imported.trainedOn}): test AUC{' '}
          <strong>{fmtMetric(imported.test.auc)}</strong> · GAUC {fmtMetric(imported.test.gauc)} · logloss{' '}
          {fmtMetric(imported.test.logloss)}
          {imported.savedTest?.auc != null && <> (the file says AUC {fmtMetric(imported.savedTest.auc)})</>}
        </p>
      )}
      {busy && busy !== 'topk' && busy !== 'import-model' && <p className="hint">Preparing…</p>}
      {note &&
        (note.kind === 'error' ? (
          <p className="error" role="alert" data-testid="export-note">
            {note.text}
          </p>
        ) : (
          <p className="hint" role="status" data-testid="export-note">
            {note.text}
          </p>
        ))}
    </section>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="export-group">
      <h3>{title}</h3>
      <div className="export-buttons">{children}</div>
    </div>
  );
}
