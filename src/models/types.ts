import type * as tf from '@tensorflow/tfjs-core';
import type { AttentionMap, BehaviourAttention } from '../contract/explain';
import type { CtrEncoding } from '../data/features';
import type { Rng } from '../data/random';
import type { ConfigOf, ParamSchema } from './config';

/** One batch of ctr rows, already on the device. */
export interface CtrBatch {
  /** `[B, F]` int32 global token ids into the shared embedding table. */
  readonly fieldIds: tf.Tensor2D;
  /** `[B]` int32 item index of each row, for modality lookups. */
  readonly itemIdx: tf.Tensor1D;
  /** `[B]` float32 0/1 labels. */
  readonly labels: tf.Tensor1D;
  /**
   * `[B, W]` int32 global ids of the row item's multi-valued fields (`CtrEncoding.itemMultiIds`), 0 = padding.
   * Present when the encoding has multi-valued fields.
   */
  readonly multiIds?: tf.Tensor2D;
  /**
   * `[B, T]` int32 behaviour sequence: global ids of `item_id` rows of the shared table, oldest first,
   * left-padded with 0. Present when the encoding has histories (and the batch was asked for them).
   */
  readonly history?: tf.Tensor2D;
}

/** What `CtrModel.inspect` returns; each model fills the keys it has. */
export interface ModelInspection {
  /**
   * `[L, H, M, M]` self-attention over fields, averaged over the batch (inspect a one-row batch for one
   * example); every row sums to 1.
   */
  readonly fieldAttention?: AttentionMap;
  /** `[M, M]` pair attention, batch mean; only the upper triangle (i < j) is used, and it sums to 1. */
  readonly pairAttention?: AttentionMap;
  /** `[B, T, H]` weight of each behaviour in each head (0 for padding). */
  readonly behaviourAttention?: BehaviourAttention;
}

/** A built pointwise model. Owns its variables and constants; `dispose()` frees them. */
export interface CtrModel {
  readonly trainableVariables: readonly tf.Variable[];
  /** Our name of each trainable variable, in the same order (for weight copies and exports). */
  readonly variableNames?: readonly string[];
  /**
   * @returns `[B]` logits (pre-sigmoid). `training` switches dropout on; `seed` makes dropout masks
   * reproducible.
   */
  logits(batch: CtrBatch, training: boolean, seed: number): tf.Tensor1D;
  /**
   * The model's attention on a batch, as plain arrays for the views. A separate forward pass without
   * gradients or dropout, so training never pays for it; leaves no tensors behind.
   */
  inspect?(batch: CtrBatch): Promise<ModelInspection>;
  dispose(): void;
}

/** What the page needs to offer a model: plain data, no tfjs (see `catalog.ts`). */
export interface ModelInfo<S extends ParamSchema = ParamSchema> {
  readonly id: string;
  readonly family: 'ctr';
  readonly label: string;
  /** One sentence for the model picker. */
  readonly description: string;
  readonly configSchema: S;
  /** The model reads `CtrBatch.history`; build fails on an encoding without histories. */
  readonly needsHistory?: boolean;
}

export interface CtrModelSpec<S extends ParamSchema = ParamSchema> extends ModelInfo<S> {
  build(config: ConfigOf<S>, features: CtrEncoding, rng: Rng): CtrModel;
}

export type ModelSpec = CtrModelSpec;
