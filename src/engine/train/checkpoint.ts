/**
 * Training checkpoints: model weights, optimizer state and the loop's bookkeeping (`loop.ts`), in the one
 * weights-file format of `../weights.ts` — `checkpoint.json` (the header and the tfjs weights manifest) and
 * `weights.bin`, zipped — so a checkpoint survives IndexedDB or a download and is read by the same code as a
 * model file.
 *
 * There is no rng state to save: the loop derives each epoch's order and dropout seeds from `(seed, epoch)`
 * and replays the draws of a partly done epoch, so `(config.seed, epoch, step)` is enough.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  checkShapes,
  entryTensor,
  readNamed,
  readVariables,
  readWeightsZip,
  unpackWeights,
  WeightsFileError,
  writeWeightsZip,
  type TensorEntry,
  type WeightSpec,
} from '../weights';
import type { OptimizerSettings } from './optimizers';

/** `C` / `R`: the run's training config and epoch report, plain JSON-safe data kept in the header. */
export interface Checkpoint<C extends object, R extends object> {
  readonly version: 2;
  /** Completed epochs. */
  readonly epoch: number;
  /** Optimizer steps done over the whole run (epochs × steps per epoch at an epoch boundary). */
  readonly step: number;
  /**
   * The model's trainable variables in order, named by the model's `variableNames`. Loading matches them by
   * position and shape.
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
  /**
   * Mid-epoch, for a model with per-epoch derived state (tmfun's fused graph): the weights at the epoch's
   * start, which that state was computed from. Null otherwise.
   */
  readonly epochStart: readonly TensorEntry[] | null;
}

export interface PartialEpoch {
  readonly lossSum: number;
  readonly rows: number;
}

interface HasVariables {
  readonly trainableVariables: readonly tf.Variable[];
  readonly variableNames: readonly string[];
}

/** Reads the optimizer's state; frees the tensors `getWeights` made for us (its `iter`), not its variables. */
export async function readOptimizer(optimizer: tf.Optimizer): Promise<TensorEntry[]> {
  const named = await optimizer.getWeights();
  try {
    return await readNamed(named);
  } finally {
    for (const n of named) if (!(n.tensor instanceof tf.Variable)) n.tensor.dispose();
  }
}

export interface CheckpointState<C extends object, R extends object> {
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
  readonly epochStart: readonly TensorEntry[] | null;
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
    version: 2,
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
    epochStart: state.epochStart,
  };
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
  if (c.version !== 2) throw new Error(`Unknown checkpoint version ${String(c.version)}.`);
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

/** Groups of a checkpoint's tensors in `weights.bin`, in order; entry names are prefixed with the group. */
const GROUPS = ['weights', 'optimizer', 'best', 'epochStart'] as const;
type Group = (typeof GROUPS)[number];
const CHECKPOINT_JSON = 'checkpoint.json';
/** Biggest checkpoint we open (weights, two optimizer moments, best and epoch-start copies of a big model). */
const MAX_CHECKPOINT_BYTES = 1024 * 1024 * 1024;

function groupsOf<C extends object, R extends object>(
  c: Checkpoint<C, R>,
): Record<Group, readonly TensorEntry[]> {
  return {
    weights: c.weights,
    optimizer: c.optimizer,
    best: c.best?.weights ?? [],
    epochStart: c.epochStart ?? [],
  };
}

/** The checkpoint as bytes (a zip of `checkpoint.json` + `weights.bin`, stored uncompressed). */
export function encodeCheckpoint<C extends object, R extends object>(c: Checkpoint<C, R>): Uint8Array {
  const groups = groupsOf(c);
  const entries = GROUPS.flatMap((g) => groups[g].map((e) => ({ ...e, name: `${g}/${e.name}` })));
  const header = {
    format: 'recplay-checkpoint',
    version: c.version,
    epoch: c.epoch,
    step: c.step,
    config: c.config,
    history: c.history,
    best: c.best ? { epoch: c.best.epoch, value: c.best.value } : null,
    partial: c.partial,
    hasEpochStart: c.epochStart !== null,
  };
  return writeWeightsZip(CHECKPOINT_JSON, header, entries, false);
}

interface Header<C, R> {
  readonly format: string;
  readonly version: number;
  readonly epoch: number;
  readonly step: number;
  readonly config: C;
  readonly history: R[];
  readonly best: { readonly epoch: number; readonly value: number } | null;
  readonly partial: PartialEpoch | null;
  readonly hasEpochStart: boolean;
  readonly weightsManifest: readonly { readonly weights: readonly WeightSpec[] }[];
}

/** The bytes' checkpoint; its config and history are the header's JSON as written (the caller knows their kind). */
export function decodeCheckpoint<C extends object, R extends object>(bytes: Uint8Array): Checkpoint<C, R> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new Error('Not a recplay checkpoint.');
  let read: { document: unknown; bin: Uint8Array };
  try {
    read = readWeightsZip(bytes, CHECKPOINT_JSON, MAX_CHECKPOINT_BYTES, 'of a checkpoint');
  } catch (e) {
    throw new Error(`The checkpoint is damaged (${e instanceof Error ? e.message : String(e)}).`);
  }
  const h = read.document as Header<C, R>;
  if (h?.format !== 'recplay-checkpoint' || h.version !== 2 || !Array.isArray(h.weightsManifest))
    throw new Error('Not a recplay checkpoint of this version (it was saved by another version of the app).');
  const entries = unpackWeights(
    h.weightsManifest.flatMap((g) => g.weights),
    read.bin,
    CHECKPOINT_JSON,
  );
  const groups: Record<Group, TensorEntry[]> = { weights: [], optimizer: [], best: [], epochStart: [] };
  for (const e of entries) {
    const slash = e.name.indexOf('/');
    const group = e.name.slice(0, slash) as Group;
    if (!GROUPS.includes(group)) throw new WeightsFileError(`Unknown checkpoint tensor ${e.name}.`);
    groups[group].push({ ...e, name: e.name.slice(slash + 1) });
  }
  return {
    version: 2,
    epoch: h.epoch,
    step: h.step,
    weights: groups.weights,
    optimizer: groups.optimizer,
    config: h.config,
    history: h.history,
    best: h.best ? { ...h.best, weights: groups.best } : null,
    partial: h.partial,
    epochStart: h.hasEpochStart ? groups.epochStart : null,
  };
}
