/**
 * Training checkpoints: model weights, optimizer state and the trainer's bookkeeping as plain typed arrays,
 * so a checkpoint survives `postMessage` (structured clone) and, in its binary form, IndexedDB or a file.
 *
 * There is no rng state to save: the trainer derives each epoch's shuffle and dropout seeds from
 * `(seed, epoch)` and replays the draws of a partly done epoch, so `(config.seed, epoch, step)` is enough.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { OptimizerSettings } from './optimizers';
import type { TrainConfig } from './config';
import type { EpochReport } from './ctr';

/** One tensor's values. `data` is always float32; `dtype` says what to restore (int32 values are exact < 2²⁴). */
export interface TensorEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly data: Float32Array;
}

/**
 * `C` / `R`: the trainer's config and epoch report (ctr by default; the top-k trainer keeps its own). Both are
 * plain JSON-safe data, kept in the binary form's header.
 */
export interface Checkpoint<C extends object = TrainConfig, R extends object = EpochReport> {
  readonly version: 1;
  /** Completed epochs. */
  readonly epoch: number;
  /** Optimizer steps done over the whole run (epochs × steps per epoch at an epoch boundary). */
  readonly step: number;
  /**
   * The model's trainable variables in order, named by the model's `variableNames` (else `var/<index>`; tfjs's
   * own names differ per instance). Loading matches them by position and shape.
   */
  readonly weights: readonly TensorEntry[];
  /** `optimizer.getWeights()`: tfjs's `iter`, then its per-variable state in variable order. */
  readonly optimizer: readonly TensorEntry[];
  readonly config: C;
  /** Validation reports of the completed epochs. */
  readonly history: readonly R[];
  /** The best validation epoch so far and its weights (what the run ends with). */
  readonly best: {
    readonly epoch: number;
    readonly value: number;
    readonly weights: readonly TensorEntry[];
  } | null;
  /** Mid-epoch (a paused run): the epoch's loss sum so far (row-weighted, as the device held it) and rows. */
  readonly partial: PartialEpoch | null;
}

export interface PartialEpoch {
  readonly lossSum: number;
  readonly rows: number;
}

interface HasVariables {
  readonly trainableVariables: readonly tf.Variable[];
  readonly variableNames?: readonly string[];
}

async function toEntry(name: string, t: tf.Tensor): Promise<TensorEntry> {
  const values = await t.data();
  return {
    name,
    shape: [...t.shape],
    dtype: t.dtype === 'int32' ? 'int32' : 'float32',
    // A copy: `data()` may hand out the backend's own buffer.
    data: Float32Array.from(values as ArrayLike<number>),
  };
}

/** Reads tensors back as entries named `names[i]`, or `var/<index>` without names. */
export function readVariables(
  tensors: readonly tf.Tensor[],
  names?: readonly string[],
): Promise<TensorEntry[]> {
  return Promise.all(tensors.map((t, i) => toEntry(names?.[i] ?? `var/${i}`, t)));
}

/** A fresh tensor per entry; the caller owns them. */
export function entryTensor(e: TensorEntry): tf.Tensor {
  return e.dtype === 'int32'
    ? tf.tensor(Int32Array.from(e.data), [...e.shape], 'int32')
    : tf.tensor(e.data, [...e.shape], 'float32');
}

/** Reads the optimizer's state; frees the tensors `getWeights` made for us (its `iter`), not its variables. */
export async function readOptimizer(optimizer: tf.Optimizer): Promise<TensorEntry[]> {
  const named = await optimizer.getWeights();
  try {
    return await Promise.all(named.map((n) => toEntry(n.name, n.tensor)));
  } finally {
    for (const n of named) if (!(n.tensor instanceof tf.Variable)) n.tensor.dispose();
  }
}

export interface CheckpointState<C extends object = TrainConfig, R extends object = EpochReport> {
  readonly epoch: number;
  readonly step: number;
  readonly config: C;
  readonly history: readonly R[];
  readonly best: {
    readonly epoch: number;
    readonly value: number;
    readonly weights: readonly tf.Tensor[];
  } | null;
  readonly partial: PartialEpoch | null;
}

/** Snapshot of a model, its optimizer and the trainer's state (reads everything back from the device). */
export async function saveCheckpoint<C extends object, R extends object>(
  model: HasVariables,
  optimizer: tf.Optimizer,
  state: CheckpointState<C, R>,
): Promise<Checkpoint<C, R>> {
  const [weights, opt, bestWeights] = await Promise.all([
    readVariables(model.trainableVariables, model.variableNames),
    readOptimizer(optimizer),
    state.best ? readVariables(state.best.weights, model.variableNames) : Promise.resolve(null),
  ]);
  return {
    version: 1,
    epoch: state.epoch,
    step: state.step,
    weights,
    optimizer: opt,
    config: { ...state.config },
    history: state.history.map((h) => structuredClone(h)),
    best:
      state.best && bestWeights
        ? { epoch: state.best.epoch, value: state.best.value, weights: bestWeights }
        : null,
    partial: state.partial ? { ...state.partial } : null,
  };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Throws unless the entries match the variables one to one in shape. */
export function checkShapes(entries: readonly TensorEntry[], vars: readonly tf.Tensor[], what: string): void {
  if (entries.length !== vars.length) {
    throw new Error(`Checkpoint has ${entries.length} ${what}, the model ${vars.length}.`);
  }
  entries.forEach((e, i) => {
    if (!sameShape(e.shape, vars[i].shape)) {
      throw new Error(`Checkpoint ${what} ${i} has shape [${e.shape}], the model [${vars[i].shape}].`);
    }
  });
}

type OptimizerKind = Pick<OptimizerSettings, 'optimizer' | 'momentum'>;

/** Which optimizer state a config keeps: SGD with momentum keeps velocities, plain SGD nothing. */
function stateKind(t: OptimizerKind): string {
  return t.optimizer === 'sgd' && t.momentum > 0 ? 'sgd+momentum' : t.optimizer;
}

/** Throws unless a run configured as `current` can take the optimizer state of a checkpoint made as `saved`. */
export function checkOptimizerKind(saved: OptimizerKind, current: OptimizerKind): void {
  if (stateKind(saved) !== stateKind(current)) {
    throw new Error(`The checkpoint holds ${stateKind(saved)} state; this run uses ${stateKind(current)}.`);
  }
}

/**
 * Restores the weights into `model` and the state into `optimizer`, which must be fresh (never stepped: tfjs's
 * `setWeights` would leak the state it replaces) and of the checkpoint's kind.
 */
export async function loadCheckpoint<C extends object, R extends object>(
  model: HasVariables,
  optimizer: tf.Optimizer,
  c: Checkpoint<C, R>,
): Promise<void> {
  if (c.version !== 1) throw new Error(`Unknown checkpoint version ${String(c.version)}.`);
  if (optimizer.iterations !== 0) throw new Error('loadCheckpoint needs a fresh optimizer.');
  checkShapes(c.weights, model.trainableVariables, 'weights');
  tf.tidy(() => model.trainableVariables.forEach((v, i) => v.assign(entryTensor(c.weights[i]))));
  const named = c.optimizer.map((e) => ({ name: e.name, tensor: entryTensor(e) }));
  try {
    await optimizer.setWeights(named);
  } finally {
    // The optimizer's new variables share these tensors' data (reference counted), so freeing ours is safe.
    tf.dispose(named.map((n) => n.tensor));
  }
}

/** The buffers to transfer with `postMessage(checkpoint, transferables)`. */
export function checkpointTransferables<C extends object, R extends object>(
  c: Checkpoint<C, R>,
): ArrayBuffer[] {
  return entriesOf(c).map((e) => e.data.buffer as ArrayBuffer);
}

function entriesOf<C extends object, R extends object>(c: Checkpoint<C, R>): readonly TensorEntry[] {
  return [...c.weights, ...c.optimizer, ...(c.best?.weights ?? [])];
}

// Binary form: "RPCK", u32 header length, UTF-8 JSON header (the checkpoint with each entry's data replaced by
// its length), zero padding to 4 bytes, then every entry's float32 values in header order, little-endian.
const MAGIC = [0x52, 0x50, 0x43, 0x4b];

interface EntryHeader {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly length: number;
}

// JSON has no NaN or ±Infinity (an AUC of a one-class split is NaN): write them as tagged strings.
const NON_FINITE = '$nonfinite:';
function replacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? `${NON_FINITE}${value}` : value;
}
function reviver(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.startsWith(NON_FINITE)
    ? Number(value.slice(NON_FINITE.length))
    : value;
}

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error('Binary checkpoints assume a little-endian platform.');
  }
}

export function encodeCheckpoint<C extends object, R extends object>(c: Checkpoint<C, R>): Uint8Array {
  assertLittleEndian();
  const head = (e: TensorEntry): EntryHeader => ({
    name: e.name,
    shape: e.shape,
    dtype: e.dtype,
    length: e.data.length,
  });
  const header = {
    ...c,
    weights: c.weights.map(head),
    optimizer: c.optimizer.map(head),
    best: c.best ? { ...c.best, weights: c.best.weights.map(head) } : null,
  };
  const json = new TextEncoder().encode(JSON.stringify(header, replacer));
  const dataStart = Math.ceil((8 + json.length) / 4) * 4;
  const entries = entriesOf(c);
  const floats = entries.reduce((n, e) => n + e.data.length, 0);
  const out = new Uint8Array(dataStart + floats * 4);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  const body = new Float32Array(out.buffer, dataStart, floats);
  let offset = 0;
  for (const e of entries) {
    body.set(e.data, offset);
    offset += e.data.length;
  }
  return out;
}

/** The bytes' checkpoint; its config and history are the header's JSON as written (the caller knows their kind). */
export function decodeCheckpoint<C extends object = TrainConfig, R extends object = EpochReport>(
  bytes: Uint8Array,
): Checkpoint<C, R> {
  assertLittleEndian();
  if (bytes.length < 8 || MAGIC.some((m, i) => bytes[i] !== m)) throw new Error('Not a recplay checkpoint.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength)), reviver) as Omit<
    Checkpoint<C, R>,
    'weights' | 'optimizer' | 'best'
  > & {
    weights: EntryHeader[];
    optimizer: EntryHeader[];
    best: { epoch: number; value: number; weights: EntryHeader[] } | null;
  };
  let offset = Math.ceil((8 + jsonLength) / 4) * 4;
  const take = (h: EntryHeader): TensorEntry => {
    if (offset + h.length * 4 > bytes.length) throw new Error('Checkpoint data is truncated.');
    // A copy into its own aligned buffer (the input may sit at any byte offset).
    const data = new Float32Array(bytes.slice(offset, offset + h.length * 4).buffer);
    offset += h.length * 4;
    return { name: h.name, shape: h.shape, dtype: h.dtype, data };
  };
  const weights = header.weights.map(take);
  const optimizer = header.optimizer.map(take);
  const best = header.best ? { ...header.best, weights: header.best.weights.map(take) } : null;
  return { ...header, weights, optimizer, best };
}
