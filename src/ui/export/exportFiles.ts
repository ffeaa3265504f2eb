/**
 * What the export panel saves and reads, as plain functions: the files of a worker export and the note
 * about them, a run as a run file and back, and which run or model the exports are of.
 */
import type { ExportFile, ExportOutcome } from '../../engine/exportProtocol';
import type { DataSourceRef } from '../../engine/importProtocol';
import type { Experiment } from '../../state/experiment';
import { serializeRunFile, type RunData } from '../../state/runFile';
import type { RunRecord, RunState } from '../runState';
import { downloadBytes } from './download';

/** A size as the notes give it: whole KB (at least 1) below 1 MB, MB with one decimal above. */
export const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`;

/** The files of an outcome that `pick` keeps, and the note saying so; throws the outcome's reason otherwise. */
export function filesToSave(
  out: ExportOutcome,
  pick: (name: string) => boolean = () => true,
): { files: readonly ExportFile[]; note: string } {
  if (out.type === 'unavailable') throw new Error(out.reason);
  if (out.type === 'error') throw new Error(out.message);
  const files = out.files.filter((f) => pick(f.name));
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  const note = `Saved ${files.map((f) => f.name).join(', ')} (${kb(total)}, built in ${out.seconds.toFixed(1)} s).`;
  return { files, note };
}

/** Saves the files of an outcome (only those `pick` keeps) and returns the note; throws its reason otherwise. */
export function saveOutcome(out: ExportOutcome, pick?: (name: string) => boolean): string {
  const { files, note } = filesToSave(out, pick);
  for (const f of files) downloadBytes(f.name, f.bytes, f.mime);
  return note;
}

/** The model the worker holds for exports: the last finished run's, or an imported one. */
export interface ModelTarget {
  readonly runId: number;
  readonly label: string;
  /** A ranking model has embeddings to export, but no model file or per-row predictions. */
  readonly ranking?: boolean;
}

const FINISHED = new Set(['done', 'stopped']);

/** Whichever came last of the finished current run and the imported model (null: neither). */
export function modelTarget(run: RunState, imported: ModelTarget | null): ModelTarget | null {
  const label = `run #${run.runId} ${run.modelId}`;
  const trained = !FINISHED.has(run.status)
    ? null
    : run.result
      ? { runId: run.runId, label }
      : run.topk?.result
        ? { runId: run.runId, label, ranking: true }
        : null;
  // A newer trained run replaces an imported model in the worker (and the other way round).
  return imported && imported.runId > run.runId ? imported : trained;
}

/** The imported model's label: its model id and file name, shortened to 40 characters. */
export function importedLabel(modelId: string, fileName: string): string {
  const shortName = fileName.length > 40 ? `${fileName.slice(0, 37)}…` : fileName;
  return `imported ${modelId} (${shortName})`;
}

/** The runs that can be saved as a run file: any not in progress. */
export function exportableRuns(runs: readonly RunRecord[]): RunRecord[] {
  return runs.filter((r) => r.status !== 'training' && r.status !== 'paused' && r.status !== 'stopping');
}

/** A run as a run file, under the experiment with the run's own model and training settings. */
export function runFileOf(
  experiment: Experiment,
  chosen: RunRecord,
  run: RunState,
): { name: string; text: string } {
  const loss = chosen.loss ?? (chosen.runId === run.runId ? run.loss : []);
  const text = serializeRunFile(
    {
      ...experiment,
      // The run's own data: the page may hold another dataset by now.
      data: chosen.data ?? experiment.data,
      modelId: chosen.modelId,
      model: chosen.modelConfig,
      train: chosen.trainConfig,
    },
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
  return { name: `recplay-run${chosen.runId}-${chosen.modelId}.json`, text };
}

/**
 * The dataset a run file names, undefined when its experiment or dataset could not be read (`fromWire` then
 * falls back to the default demo and says so in a warning, which would misname the run's data).
 */
export function runFileData(experiment: Experiment, warnings: readonly string[]): DataSourceRef | undefined {
  const unread = warnings.some(
    (w) => w.startsWith('dataset:') || w.startsWith('The link holds no experiment'),
  );
  return unread ? undefined : experiment.data;
}

/**
 * A run read from a run file, as one of the session's runs (the caller gives it an id); `data` is the file's
 * dataset, undefined when the file's could not be read (the run then shows as of an unknown dataset).
 */
export function runFromFile(r: RunData, fileName: string, data?: DataSourceRef): Omit<RunRecord, 'runId'> {
  return {
    ...(data ? { data } : {}),
    modelId: r.modelId,
    modelConfig: r.modelConfig,
    trainConfig: r.trainConfig,
    status: r.status === 'done' || r.status === 'stopped' || r.status === 'error' ? r.status : 'stopped',
    epochs: r.epochs,
    result: r.result,
    loss: r.loss,
    imported: fileName,
  };
}
