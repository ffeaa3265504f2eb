/**
 * What `useRunStore` writes about a run, as plain functions (no React, no IndexedDB): the record a new run
 * starts as, the patch each training event and the outcome make, which checkpoint to continue from, and how
 * a storage failure is worded.
 */
import type { LabelRule } from '../data/import/types';
import type { SplitConfig } from '../data/split';
import type { Dataset } from '../data/types';
import type { BackendChoice } from '../engine/backendInfo';
import type { DataSourceRef, LoadOutcome } from '../engine/importProtocol';
import type { TrainEvent, TrainOutcome } from '../engine/protocol';
import { TRAIN_SCHEMA } from '../engine/train/config';
import { resolveConfig } from '../models/config';
import { StoreError, type NewRun, type RunPatch } from '../state/store';
import type { CtrEpochReport } from '../engine/train/ctr';

export interface RunMeta {
  readonly modelId: string;
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly trainConfig: Readonly<Record<string, unknown>>;
  readonly backend: BackendChoice;
  readonly data: DataSourceRef;
  readonly split: SplitConfig;
  readonly label: LabelRule | null;
  /** An upload's built dataset, read from the worker only if the store does not have it yet. */
  readonly snapshotDataset: () => Promise<Dataset | null>;
}

/** A storage problem, worded for the user. */
export function storeWording(err: unknown): string {
  return err instanceof StoreError ? err.message : `Saving failed: ${String(err)}`;
}

/** The record a run starts as, training with no epoch yet. */
export function newStoredRun(meta: RunMeta): NewRun {
  return {
    modelId: meta.modelId,
    modelConfig: meta.modelConfig,
    trainConfig: meta.trainConfig,
    backend: meta.backend,
    backendUsed: null,
    data: meta.data,
    split: meta.split,
    label: meta.label,
    status: 'training',
    totalEpochs: resolveConfig(TRAIN_SCHEMA, meta.trainConfig).config.epochs,
    epochs: [],
    result: null,
    error: null,
  };
}

/**
 * What a training event changes on the stored run, given the epochs and status stored so far; null when
 * nothing (checkpoints are stored apart, see `RunStore.putCheckpoint`).
 */
/** The stored statuses of a run the worker may still report on. */
export const LIVE_STATUS: ReadonlySet<string> = new Set(['training', 'paused']);

export function eventPatch(
  e: TrainEvent,
  epochs: readonly CtrEpochReport[],
  status: string,
): RunPatch | null {
  // The worker's events and its outcome travel apart: an event that lands after the outcome is stale, and a
  // late "resumed" progress would turn a finished run back into a training one.
  if (!LIVE_STATUS.has(status)) return null;
  if (e.type === 'backend') return { backendUsed: e.info.name };
  // Top-k runs are listed with their status only: the store keeps ctr curves and metrics.
  if (e.type === 'epoch' && e.family !== 'topk') {
    return { epochs: [...epochs.filter((r) => r.epoch < e.report.epoch), e.report] };
  }
  if (e.type === 'progress' && e.progress.paused !== undefined) {
    const next = e.progress.paused ? 'paused' : 'training';
    return next !== status ? { status: next } : null;
  }
  return null;
}

/** What the run's outcome changes on the stored run. */
export function outcomePatch(o: TrainOutcome): RunPatch {
  if (o.type === 'error') return { status: 'error', error: o.message };
  if (o.family === 'topk') return { status: o.result.stopped ? 'stopped' : 'done', error: null };
  const { bestEpoch, test, stopped } = o.result;
  return {
    status: stopped ? 'stopped' : 'done',
    epochs: o.result.epochs,
    result: { bestEpoch, test, stopped },
    error: null,
  };
}

/** The checkpoint to continue from: the one kept in memory if it is at least as far along as the stored one. */
export function newerCheckpoint(
  stored: { readonly epoch: number; readonly bytes: Uint8Array } | null | undefined,
  memory: { readonly epoch: number; readonly bytes: Uint8Array } | null,
): Uint8Array | null {
  if (memory && (!stored || stored.epoch <= memory.epoch)) return memory.bytes;
  return stored?.bytes ?? null;
}

/** The load outcome for an upload whose dataset this browser has not kept. */
export function notSavedHere(source: { readonly name: string }): LoadOutcome {
  const message = `${source.name} is not saved in this browser: load its files again under Your data.`;
  return { type: 'error', issue: { severity: 'fatal', file: '', message } };
}
