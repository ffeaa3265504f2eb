/**
 * Data shaping for the run comparison: each run's settings against the defaults, its best validation and
 * test AUC, and the settings two runs differ in. Pure functions over `RunRecord`s.
 */
import { TRAIN_SCHEMA } from '../../engine/trainConfig';
import { resolveConfig, type ParamSchema } from '../../models/config';
import { getModelInfo } from '../../models/catalog';
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
  readonly bestEpoch: number;
  /** Best validation AUC over the epochs so far (NaN before the first). */
  readonly bestValidAuc: number;
  /** Test AUC of the best epoch's weights; NaN until the run has finished (or when stopped). */
  readonly testAuc: number;
  /** Training plus validation time so far. */
  readonly seconds: number;
  readonly epochs: number;
}

export const runName = (r: { runId: number; modelId: string }) => `#${r.runId} ${r.modelId}`;

export function modelSchema(modelId: string): ParamSchema {
  return getModelInfo(modelId)?.configSchema ?? {};
}

export function runRow(r: RunRecord): RunRow {
  let best = NaN;
  let bestEpoch = 0;
  for (const e of r.epochs) {
    if (!(e.valid.auc <= best)) {
      best = e.valid.auc;
      bestEpoch = e.epoch;
    }
  }
  return {
    runId: r.runId,
    name: runName(r),
    modelId: r.modelId,
    status: r.status,
    diff: [...configDiff(modelSchema(r.modelId), r.modelConfig), ...configDiff(TRAIN_SCHEMA, r.trainConfig)],
    bestEpoch,
    bestValidAuc: best,
    testAuc: r.result?.test?.auc ?? NaN,
    seconds: r.epochs.reduce((s, e) => s + e.trainSeconds + e.evalSeconds, 0),
    epochs: r.epochs.length,
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
  add(TRAIN_SCHEMA, TRAIN_SCHEMA, a.trainConfig, b.trainConfig);
  return rows;
}
