/**
 * Data shaping for the run comparison: each run's dataset, its settings against the defaults, its epochs
 * against its budget, its best validation and test metrics (AUC for ctr runs; Recall@20, and NDCG@20 on
 * test, for top-k runs), and the settings two runs differ in. Pure functions over `RunRecord`s.
 */
import { DEMO_DEFAULTS } from '../../data/demo';
import { matchingPreset } from '../../data/demo/presets';
import type { DataSourceRef } from '../../engine/importProtocol';
import { topkValue, type TopkResult } from '../../engine/metrics/topkResult';
import { TOPK_TRAIN_SCHEMA, TRAIN_SCHEMA } from '../../engine/train/config';
import { resolveConfig, type ParamSchema } from '../../models/config';
import { REGISTRY } from '../../models/registry';
import { datasetKey } from '../../state/storedRecords';
import type { RunRecord, RunStatus } from '../runState';

export interface SettingDiff {
  readonly key: string;
  readonly label: string;
  /** Formatted values. */
  readonly value: string;
  readonly default: string;
}

/** A setting's value as text: lists as "64, 32", numbers without float noise. */
export function fmtSetting(v: unknown): string {
  if (Array.isArray(v)) return v.map(fmtSetting).join(', ');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return String(v);
}

const same = (a: unknown, b: unknown) => fmtSetting(a) === fmtSetting(b);

/**
 * The settings of `values` that differ from the schema's defaults, after resolving them as the worker does
 * (so "5" and 5 are the same, and an out-of-range value shows as what was used).
 */
export function configDiff(schema: ParamSchema, values: Readonly<Record<string, unknown>>): SettingDiff[] {
  const { config } = resolveConfig(schema, values);
  const resolved = config as Readonly<Record<string, unknown>>;
  return Object.entries(schema).flatMap(([key, p]) =>
    same(resolved[key], p.default)
      ? []
      : [{ key, label: p.label, value: fmtSetting(resolved[key]), default: fmtSetting(p.default) }],
  );
}

/** A dataset as the comparison names it. */
export interface RunDataset {
  /** Stable across reloads and renames: the demo's seed and size, an upload's content hash. */
  readonly key: string;
  /** "Demo micro-videos", "Demo micro-videos (500 users × 200 items)", an upload's file name. */
  readonly label: string;
  /** A longer description, for a tooltip. */
  readonly detail: string;
}

export const UNKNOWN_DATASET: RunDataset = {
  key: 'unknown',
  label: 'unknown dataset',
  detail: 'This run was recorded without its dataset.',
};

const count = (n: number) => n.toLocaleString('en-US');

/** How a run's data is named; `undefined` (an older record) is the unknown dataset. */
export function runDataset(data: DataSourceRef | undefined): RunDataset {
  if (!data) return UNKNOWN_DATASET;
  const key = datasetKey(data);
  if (data.kind === 'upload') {
    return { key, label: data.name, detail: `Uploaded: ${data.name} (content hash ${data.hash})` };
  }
  const size = `${count(data.users)} users × ${count(data.items)} items`;
  // The data wizard's knobs: the preset they are, or "own knobs" (each named in the detail).
  const knobs = data.knobs && Object.entries(data.knobs).map(([k, v]) => `${k} ${String(v)}`);
  const preset = data.knobs && matchingPreset(data.knobs);
  const differs = [
    ...(data.users !== DEMO_DEFAULTS.users || data.items !== DEMO_DEFAULTS.items ? [size] : []),
    ...(data.seed !== DEMO_DEFAULTS.seed ? [`seed ${data.seed}`] : []),
    ...(data.knobs ? [preset ? preset.name.toLowerCase() : 'own knobs'] : []),
  ];
  return {
    key,
    label: differs.length > 0 ? `Demo micro-videos (${differs.join(', ')})` : 'Demo micro-videos',
    detail: `Generated demo data: ${size}, seed ${data.seed}${knobs ? `; data wizard: ${knobs.join(', ')}` : ''}`,
  };
}

/**
 * The datasets of `runs`, in the order they first appear; two uploads of the same name but other contents
 * get their hash's start added, so that no two datasets read the same.
 */
export function runDatasets(runs: readonly RunRecord[]): RunDataset[] {
  const byKey = new Map<string, { ds: RunDataset; data: DataSourceRef | undefined }>();
  for (const r of runs) {
    const ds = runDataset(r.data);
    if (!byKey.has(ds.key)) byKey.set(ds.key, { ds, data: r.data });
  }
  const all = [...byKey.values()];
  return all.map(({ ds, data }) => {
    const clash = all.some((o) => o.ds.key !== ds.key && o.ds.label === ds.label);
    return clash && data?.kind === 'upload' ? { ...ds, label: `${ds.label} · ${data.hash.slice(0, 6)}` } : ds;
  });
}

export interface RunRow {
  readonly runId: number;
  readonly name: string;
  readonly modelId: string;
  readonly status: RunStatus;
  readonly dataset: RunDataset;
  /** Model and training settings that differ from their defaults, but for the epoch budget (`budget`). */
  readonly diff: readonly SettingDiff[];
  readonly family: 'ctr' | 'topk';
  /** The validation metric runs of this family are compared by ('AUC' or 'R@20'). */
  readonly metric: string;
  readonly bestEpoch: number;
  /** Best validation metric over the epochs so far (NaN before the first). */
  readonly bestValid: number;
  /** Test metrics of the best epoch's weights (NaN until the run has finished, or when stopped). */
  readonly test: readonly { readonly label: string; readonly value: number }[];
  /** Training plus validation time so far. */
  readonly seconds: number;
  /** Epochs trained (and validated) so far. */
  readonly epochs: number;
  /** The epochs the run was set to train at most (early stopping or Stop may end it sooner). */
  readonly budget: number;
}

export const runName = (r: { runId: number; modelId: string }) => `#${r.runId} ${r.modelId}`;

export function modelSchema(modelId: string): ParamSchema {
  return REGISTRY.get(modelId)?.configSchema ?? {};
}

/** A top-k run (its reports are in `topk`); records from before top-k runs read as ctr. */
const isTopk = (r: RunRecord) => r.family === 'topk' || (r.topk ?? null) !== null;

export const trainSchema = (r: RunRecord): ParamSchema => (isTopk(r) ? TOPK_TRAIN_SCHEMA : TRAIN_SCHEMA);

/** `metric@k` of a top-k result, NaN where it lacks that cut-off. */
function topkMetric(result: TopkResult | null | undefined, name: 'recall' | 'ndcg', k: number): number {
  if (!result) return NaN;
  try {
    return topkValue(result, name, k);
  } catch {
    return NaN;
  }
}

/** The run's validation metric per epoch: AUC (ctr) or Recall@20 (top-k). */
export function validCurve(r: RunRecord): { epoch: number; value: number }[] {
  if (isTopk(r))
    return (r.topk?.epochs ?? []).map((e) => ({ epoch: e.epoch, value: topkMetric(e.valid, 'recall', 20) }));
  return r.epochs.map((e) => ({ epoch: e.epoch, value: e.valid.auc }));
}

export function runRow(r: RunRecord): RunRow {
  const topk = isTopk(r);
  let best = NaN;
  let bestEpoch = 0;
  for (const e of validCurve(r)) {
    if (!(e.value <= best)) {
      best = e.value;
      bestEpoch = e.epoch;
    }
  }
  const epochs = topk ? (r.topk?.epochs ?? []) : r.epochs;
  const test = topk
    ? [
        { label: 'R@20', value: topkMetric(r.topk?.result?.test, 'recall', 20) },
        { label: 'N@20', value: topkMetric(r.topk?.result?.test, 'ndcg', 20) },
      ]
    : [{ label: 'AUC', value: r.result?.test?.auc ?? NaN }];
  return {
    runId: r.runId,
    name: runName(r),
    modelId: r.modelId,
    status: r.status,
    dataset: runDataset(r.data),
    diff: [
      ...configDiff(modelSchema(r.modelId), r.modelConfig),
      ...configDiff(trainSchema(r), r.trainConfig).filter((d) => d.key !== 'epochs'),
    ],
    family: topk ? 'topk' : 'ctr',
    metric: topk ? 'R@20' : 'AUC',
    bestEpoch,
    bestValid: best,
    test,
    seconds: epochs.reduce((s, e) => s + e.trainSeconds + e.evalSeconds, 0),
    epochs: epochs.length,
    budget: Number(resolveConfig(trainSchema(r), r.trainConfig).config.epochs),
  };
}

/** Settings whose form label reads ambiguously beside the runs' metrics ("Epochs" beside epochs trained). */
const SIDE_LABELS: Readonly<Record<string, string>> = { epochs: 'Epoch budget' };

export interface ComparedSetting {
  readonly key: string;
  readonly label: string;
  /** '' when the run's model has no such setting. */
  readonly a: string;
  readonly b: string;
  readonly differs: boolean;
}

/**
 * Every setting of two runs side by side (model settings of both models, then training settings), marking
 * the ones that differ; a setting only one model has counts as different.
 */
export function compareSettings(a: RunRecord, b: RunRecord): ComparedSetting[] {
  const rows: ComparedSetting[] = [];
  const add = (
    schemaA: ParamSchema,
    schemaB: ParamSchema,
    va: RunRecord['modelConfig'],
    vb: RunRecord['modelConfig'],
  ) => {
    const ra = resolveConfig(schemaA, va).config as Readonly<Record<string, unknown>>;
    const rb = resolveConfig(schemaB, vb).config as Readonly<Record<string, unknown>>;
    const keys = [...Object.keys(schemaA), ...Object.keys(schemaB).filter((k) => !Object.hasOwn(schemaA, k))];
    for (const key of keys) {
      const fa = Object.hasOwn(schemaA, key) ? fmtSetting(ra[key]) : '';
      const fb = Object.hasOwn(schemaB, key) ? fmtSetting(rb[key]) : '';
      const label = SIDE_LABELS[key] ?? (schemaA[key] ?? schemaB[key]).label;
      rows.push({ key, label, a: fa, b: fb, differs: fa !== fb });
    }
  };
  add(modelSchema(a.modelId), modelSchema(b.modelId), a.modelConfig, b.modelConfig);
  add(trainSchema(a), trainSchema(b), a.trainConfig, b.trainConfig);
  return rows;
}
