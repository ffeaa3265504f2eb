/**
 * Data shaping for the run comparison: each run's settings against the defaults, its best validation and
 * test metrics (AUC for ctr runs; Recall@20, and NDCG@20 on test, for top-k runs), and the settings two
 * runs differ in. Pure functions over `RunRecord`s.
 */
import { topkValue, type TopkResult } from '../../engine/metrics/topkResult';
import { TOPK_TRAIN_SCHEMA, TRAIN_SCHEMA } from '../../engine/train/config';
import { resolveConfig, type ParamSchema } from '../../models/config';
import { REGISTRY } from '../../models/registry';
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

export interface RunRow {
  readonly runId: number;
  readonly name: string;
  readonly modelId: string;
  readonly status: RunStatus;
  /** Model and training settings that differ from their defaults. */
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
  readonly epochs: number;
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
    diff: [
      ...configDiff(modelSchema(r.modelId), r.modelConfig),
      ...configDiff(trainSchema(r), r.trainConfig),
    ],
    family: topk ? 'topk' : 'ctr',
    metric: topk ? 'R@20' : 'AUC',
    bestEpoch,
    bestValid: best,
    test,
    seconds: epochs.reduce((s, e) => s + e.trainSeconds + e.evalSeconds, 0),
    epochs: epochs.length,
  };
}

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
      const label = (schemaA[key] ?? schemaB[key]).label;
      rows.push({ key, label, a: fa, b: fb, differs: fa !== fb });
    }
  };
  add(modelSchema(a.modelId), modelSchema(b.modelId), a.modelConfig, b.modelConfig);
  add(trainSchema(a), trainSchema(b), a.trainConfig, b.trainConfig);
  return rows;
}
