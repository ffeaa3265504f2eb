/**
 * A run as one JSON file: the experiment (in the share link's wire form, so it is read back by the same
 * validating `fromWire`), the run's settings, per-epoch curves, the loss curve and final metrics. Versioned;
 * `parseRunFile` validates everything (zod/mini) and never throws. JSON has no NaN: a NaN metric (an AUC of a
 * one-class split) is written as null and read back as NaN.
 */
import * as z from 'zod/mini';
import { fromJson, toJson } from '../data/json';
import { fromWire, toWire, type Experiment } from './experiment';
import type { CtrEpochReport, CtrTrainResult } from '../engine/train/ctr';

export const RUN_FILE_FORMAT = 'recplay-run';
export const RUN_FILE_VERSION = 1;
/** Bigger files are refused before parsing. */
export const MAX_RUN_FILE_BYTES = 20 * 1024 * 1024;

export type RunFileStatus = 'done' | 'stopped' | 'error' | 'training' | 'paused' | 'stopping' | 'idle';

/** What a run file holds of a run (structurally the page's `RunRecord` plus its loss curve). */
export interface RunData {
  readonly modelId: string;
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly status: RunFileStatus;
  readonly epochs: readonly CtrEpochReport[];
  readonly result: CtrTrainResult | null;
  /** Training loss per progress report, x in epochs. */
  readonly loss: readonly { readonly x: number; readonly y: number }[];
}

export interface RunFile {
  readonly experiment: Experiment;
  readonly run: RunData;
  readonly exportedAt: string;
}

/** The file's text. */
export function serializeRunFile(experiment: Experiment, run: RunData, exportedAt = new Date()): string {
  return toJson(
    {
      format: RUN_FILE_FORMAT,
      version: RUN_FILE_VERSION,
      exportedAt: exportedAt.toISOString(),
      experiment: toWire(experiment),
      run,
    },
    1,
  );
}

// Non-finite numbers are read back by `fromJson`; files from before that wrote null for NaN.
const num = z.pipe(
  z.union([z.number(), z.nan(), z.null()]),
  z.transform((x) => (x === null ? NaN : x)),
);
const count = z.number().check(z.int(), z.gte(0), z.lte(1e9));
const metrics = z.object({ auc: num, gauc: num, logloss: num });
const epochReport = z.object({
  epoch: count,
  trainLoss: num,
  valid: metrics,
  trainSeconds: num,
  evalSeconds: num,
  rowsPerSec: num,
});
const settings = z.record(z.string().check(z.maxLength(64)), z.unknown());
const runSchema = z.object({
  modelId: z.string().check(z.maxLength(64)),
  modelConfig: settings,
  trainConfig: settings,
  status: z.enum(['done', 'stopped', 'error', 'training', 'paused', 'stopping', 'idle']),
  epochs: z.array(epochReport).check(z.maxLength(10_000)),
  result: z.nullable(
    z.object({
      epochs: z.array(epochReport).check(z.maxLength(10_000)),
      bestEpoch: count,
      test: z.nullable(metrics),
      stopped: z.boolean(),
      stoppedEarly: z.optional(z.boolean()),
      rowsPerSec: num,
      peakTensors: count,
      valid: z.optional(z.nullable(metrics)),
      msPerEpoch: z.optional(num),
    }),
  ),
  loss: z.array(z.object({ x: num, y: num })).check(z.maxLength(200_000)),
});
const fileSchema = z.object({
  format: z.literal(RUN_FILE_FORMAT),
  version: z.number(),
  exportedAt: z.string().check(z.maxLength(64)),
  experiment: z.unknown(),
  run: runSchema,
});

export type ParsedRunFile =
  | { readonly ok: true; readonly file: RunFile; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Reads a run file's text. Never throws: a broken or foreign file gives a message. */
export function parseRunFile(text: string): ParsedRunFile {
  if (text.length > MAX_RUN_FILE_BYTES) {
    return { ok: false, message: `The file is over ${MAX_RUN_FILE_BYTES >> 20} MB: not a run file.` };
  }
  let raw: unknown;
  try {
    raw = fromJson(text);
  } catch {
    return { ok: false, message: 'The file is not JSON: choose a run file (.json) exported by recplay.' };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== RUN_FILE_FORMAT) {
    return { ok: false, message: 'This JSON is not a recplay run file.' };
  }
  const version = (raw as { version?: unknown }).version;
  if (version !== RUN_FILE_VERSION) {
    return {
      ok: false,
      message: `This run file has format version ${JSON.stringify(version)?.slice(0, 20)}; this app reads version ${RUN_FILE_VERSION}.`,
    };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error).split('\n').slice(0, 4).join(' ');
    return { ok: false, message: `The run file is damaged (${why}).` };
  }
  const { experiment, warnings } = fromWire(parsed.data.experiment);
  return {
    ok: true,
    file: { experiment, run: withResultDefaults(parsed.data.run), exportedAt: parsed.data.exportedAt },
    warnings,
  };
}

/** A run as read: results from files written before the loop reported them get its defaults. */
function withResultDefaults(run: z.infer<typeof runSchema>): RunData {
  const r = run.result;
  if (!r) return { ...run, result: null };
  return {
    ...run,
    result: {
      ...r,
      valid: r.valid ?? null,
      msPerEpoch: r.msPerEpoch ?? 0,
      stoppedEarly: r.stoppedEarly ?? false,
    },
  };
}
