/**
 * The worker side of the Export panel: each function builds one download from the loaded data and the
 * trained model, as plain bytes (see `exportProtocol.ts`). The worker only passes in what it holds.
 */
import { strToU8 } from 'fflate';
import type { CtrEncoding } from '../../data/features';
import { projectorFiles } from '../../data/export/projector';
import { recboleFiles, safeName, zipTextFiles } from '../../data/export/recbole';
import type { Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import type { CtrModel } from '../../models/contract';
import type { ExportFile, ExportOutcome, PredictionsRequest } from '../exportProtocol';
import { MAX_PREDICTION_USERS } from '../exportProtocol';
import type { CtrMetrics } from '../metrics/ctr';
import { exportModelZip } from './modelIo';
import { topkCsv, topkPerUser } from './predictions';

export interface ExportData {
  readonly dataset: Dataset;
  readonly encoding: CtrEncoding;
  readonly split: Split;
}

export interface ExportTarget {
  readonly runId: number;
  readonly modelId: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly model: CtrModel;
  /** Test metrics of the model's current weights, when known. */
  readonly test: CtrMetrics | null;
}

const TSV = 'text/tab-separated-values;charset=utf-8';

function ok(files: ExportFile[], t0: number): ExportOutcome {
  return { type: 'ok', files, seconds: (performance.now() - t0) / 1000 };
}

/** What names a run's files. */
interface RunRef {
  readonly runId: number;
  readonly modelId: string;
}

const baseName = (data: ExportData, target?: RunRef) =>
  `${safeName(data.dataset.name)}${target ? `-${target.modelId}-run${target.runId}` : ''}`;

export async function exportModel(data: ExportData, target: ExportTarget): Promise<ExportOutcome> {
  const t0 = performance.now();
  const bytes = await exportModelZip(target, data.encoding, data.dataset, target.test);
  return ok([{ name: `${baseName(data, target)}-model.zip`, mime: 'application/zip', bytes }], t0);
}

/** `[numItems, d]` item embeddings of the model (lr's per-token weights are a 1-d one); null without. */
export async function itemEmbeddings(
  model: Pick<CtrModel, 'embeddings'>,
): Promise<{ data: Float32Array; dim: number } | null> {
  const rows = model.embeddings('item');
  if (!rows) return null;
  try {
    return { data: Float32Array.from(await rows.data()), dim: rows.shape[1] };
  } finally {
    rows.dispose();
  }
}

/** The item embeddings of a model of either family, for the Embedding Projector. */
export async function exportEmbeddings(
  data: ExportData,
  target: RunRef & { readonly model: Pick<CtrModel, 'embeddings'> },
): Promise<ExportOutcome> {
  const t0 = performance.now();
  const emb = await itemEmbeddings(target.model);
  if (!emb) return { type: 'unavailable', reason: `${target.modelId} has no item embedding table.` };
  const { vectors, metadata } = projectorFiles(data.dataset, emb.data, emb.dim);
  const base = baseName(data, target);
  return ok(
    [
      { name: `${base}-vectors.tsv`, mime: TSV, bytes: strToU8(vectors) },
      { name: `${base}-metadata.tsv`, mime: TSV, bytes: strToU8(metadata) },
    ],
    t0,
  );
}

export async function exportPredictions(
  data: ExportData,
  target: ExportTarget,
  request: PredictionsRequest,
): Promise<ExportOutcome> {
  const t0 = performance.now();
  const k = Math.round(request.k);
  const users = Math.round(request.users);
  if (!(k >= 1 && k <= 100)) return { type: 'error', message: 'K must be between 1 and 100.' };
  if (!(users >= 1 && users <= MAX_PREDICTION_USERS)) {
    return { type: 'error', message: `Users must be between 1 and ${MAX_PREDICTION_USERS}.` };
  }
  if (data.split.test.length === 0) return { type: 'unavailable', reason: 'The test split is empty.' };
  const rows = await topkPerUser(target.model, data.encoding, data.split, data.dataset.numUsers, {
    k: Math.min(k, data.dataset.numItems),
    maxUsers: users,
  });
  const csv = topkCsv(data.dataset, rows);
  return ok(
    [{ name: `${baseName(data, target)}-top${k}.csv`, mime: 'text/csv;charset=utf-8', bytes: strToU8(csv) }],
    t0,
  );
}

export function exportDataset(data: ExportData): ExportOutcome {
  const t0 = performance.now();
  const { name, files } = recboleFiles(data.dataset);
  return ok([{ name: `${name}-recbole.zip`, mime: 'application/zip', bytes: zipTextFiles(name, files) }], t0);
}
