/**
 * The top-k (ranking) model contract (MODELS.md "topk" family; RecBole's `calculate_loss` /
 * `full_sort_predict`, STYLE §2): `loss(batch)` for BPR training, `scoreUsers(users)` for full ranking, and
 * `inspect()` for the views. Models that propagate over a graph cache the propagated embeddings for
 * `scoreUsers` and drop the cache at the start of every `loss` call (STYLE §3, RecBole's LightGCN).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { UserItemLists } from '../../ops/graph';
import type { Rng } from '../../data/random';
import type { Modality } from '../../data/types';
import type { ConfigOf, ParamSchema } from '../config';
import type { AttentionMap, NeighbourLists } from '../../contract/explain';

/** What a top-k model is built from: the training interactions and the item features (plain data). */
export interface TopkData {
  readonly numUsers: number;
  readonly numItems: number;
  /** Each user's training items (CSR, sorted, unique). Graphs and popularity come from these only. */
  readonly train: UserItemLists;
  /** Item modality matrices (`[numItems, dim]` each). */
  readonly modalities: readonly Modality[];
}

/** One batch of (user, positive item, negative item) triples on the device. */
export interface TopkBatch {
  readonly size: number;
  /** `[B]` int32 each. */
  readonly users: tf.Tensor1D;
  readonly pos: tf.Tensor1D;
  readonly neg: tf.Tensor1D;
  /** `[P]` int32: the batch's distinct positive items, ascending (for in-batch contrastive terms). */
  readonly uniquePos: tf.Tensor1D;
}

/** What `TopkModel.inspect` returns; each model fills the keys it has. Plain typed arrays. */
export interface TopkInspection {
  /** One per modality graph Ŝ^m. */
  readonly modalityGraphs?: readonly NeighbourLists[];
  /** The modality names, in the order of the attention's last axis and of `modalityGraphs`. */
  readonly modalities?: readonly string[];
  /** `[numItems, M]` attention α_i^m over the modalities (rows sum to 1). */
  readonly modalityAttention?: AttentionMap;
  /** `[M]` the mean attention ᾱ^m that weighs the fused graph. */
  readonly modalityWeights?: Float32Array;
  /** The fused item graph Ŝ = Σ_m ᾱ^m Ŝ^m. */
  readonly fusedGraph?: NeighbourLists;
}

/** A built top-k model. Owns its variables and constants; `dispose()` frees them. */
export interface TopkModel {
  readonly trainableVariables: readonly tf.Variable[];
  readonly variableNames: readonly string[];
  /**
   * Training loss of a batch (BPR plus the model's regularisers). Starts a training step: drops any cached
   * propagation, since the weights are about to change.
   */
  loss(batch: TopkBatch): tf.Scalar;
  /**
   * `[users.length, numItems]` scores of every item for the given users. Propagates once per weight state
   * and caches the result until the next `loss` or `refresh`.
   */
  scoreUsers(users: Int32Array): tf.Tensor2D;
  /**
   * Recomputes what derives from the weights outside a training step: drops the cache and (tmfun) rebuilds
   * the fused item graph. The trainer calls it after each epoch's steps and after restoring weights.
   */
  refresh(): Promise<void>;
  /** The model's graphs and attention as plain arrays (k neighbours per item); leaves no tensors behind. */
  inspect?(k?: number): Promise<TopkInspection>;
  dispose(): void;
}

/** What the page needs to offer a top-k model: plain data, no tfjs. */
export interface TopkModelInfo<S extends ParamSchema = ParamSchema> {
  readonly id: string;
  readonly family: 'topk';
  readonly label: string;
  readonly description: string;
  readonly configSchema: S;
}

/** How far a model's build is (tmfun's kNN graphs take seconds on large catalogues). */
export interface TopkBuildProgress {
  /** What is being built, for people ("visual kNN graph"). */
  readonly stage: string;
  /** Work done and total in the stage's own unit (items for a kNN graph). */
  readonly done: number;
  readonly total: number;
}

export interface TopkBuildHooks {
  onProgress?(p: TopkBuildProgress): void;
}

export interface TopkModelSpec<S extends ParamSchema = ParamSchema> extends TopkModelInfo<S> {
  /** Async: some models build item graphs on the backend first (reported through `hooks`). */
  build(config: ConfigOf<S>, data: TopkData, rng: Rng, hooks?: TopkBuildHooks): Promise<TopkModel>;
}
