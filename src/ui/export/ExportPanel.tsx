import { useState } from 'react';
import type { ModelImportOutcome } from '../../engine/exportProtocol';
import type { Experiment } from '../../state/experiment';
import { parseRunFile } from '../../state/runFile';
import type { RunRecord, RunState } from '../runState';
import {
  saveOutcome,
  importedLabel,
  modelTarget,
  runFileData,
  runFromFile,
  type ModelTarget,
} from './exportFiles';
import type { ExportApi } from './exportApi';
import { ExportGroup } from './ExportGroup';
import { ExportNotes } from './ExportNotes';
import { ImportBackControls } from './ImportBackControls';
import { ModelExports } from './ModelExports';
import { RunExport } from './RunExport';
import { useExportJob } from './useExportJob';
import './export.css';

export type { ExportApi } from './exportApi';

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
  const { busy, note, setNote, act } = useExportJob();
  // The run whose model the worker holds for exports: the last finished run, or an imported model.
  const [modelRun, setModelRun] = useState<ModelTarget | null>(null);
  const [imported, setImported] = useState<Extract<ModelImportOutcome, { type: 'ok' }> | null>(null);
  const target = modelTarget(run, modelRun);

  async function importModelFile(file: File) {
    await act('import-model', async () => {
      const runId = newRunId();
      const out = await api.importModel(new Uint8Array(await file.arrayBuffer()), runId);
      if (out.type === 'error') throw new Error(out.message);
      setImported(out);
      setModelRun({ runId, label: importedLabel(out.modelId, file.name) });
      return `Imported ${out.modelId} from ${file.name}.`;
    });
  }

  async function importRunFile(file: File) {
    await act('import-run', async () => {
      const parsed = parseRunFile(await file.text());
      if (!parsed.ok) throw new Error(parsed.message);
      const r = parsed.file.run;
      onImportRun(runFromFile(r, file.name, runFileData(parsed.file.experiment, parsed.warnings)));
      const extra = parsed.warnings.length ? ` Notes: ${parsed.warnings.join('; ')}.` : '';
      return `Added the run of ${file.name} (${r.modelId}, ${r.epochs.length} epochs) to the run comparison.${extra}`;
    });
  }

  return (
    <section className="card export-panel" aria-labelledby="export-h" data-testid="export-panel">
      <h2 id="export-h">Export &amp; import</h2>
      <p className="hint">Files are made in this tab and saved by your browser; nothing is uploaded.</p>

      <ModelExports
        api={api}
        target={target}
        disabled={busy !== null || !hasDataset || !target}
        busy={busy}
        act={act}
      />

      <ExportGroup title="Dataset">
        <button
          type="button"
          disabled={busy !== null || !hasDataset}
          data-testid="export-recbole"
          title=".inter, .item, .user atomic files and a RecBole yaml config, zipped"
          onClick={() => act('recbole', async () => saveOutcome(await api.exportDataset()))}
        >
          RecBole files (.zip)
        </button>
      </ExportGroup>

      <RunExport
        run={run}
        experiment={experiment}
        busy={busy !== null}
        onSaved={(text) => setNote({ kind: 'ok', text })}
      />

      <ImportBackControls
        busy={busy}
        modelDisabled={!hasDataset || training}
        onModelFile={(f) => void importModelFile(f)}
        onRunFile={(f) => void importRunFile(f)}
      />

      <ExportNotes imported={imported} busy={busy} note={note} />
    </section>
  );
}
