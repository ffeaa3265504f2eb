import type * as tf from '@tensorflow/tfjs-core';
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
}

/** A built pointwise model. Owns its variables and constants; `dispose()` frees them. */
export interface CtrModel {
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * @returns `[B]` logits (pre-sigmoid). `training` switches dropout on; `seed` makes dropout masks
   * reproducible.
   */
  logits(batch: CtrBatch, training: boolean, seed: number): tf.Tensor1D;
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
}

export interface CtrModelSpec<S extends ParamSchema = ParamSchema> extends ModelInfo<S> {
  build(config: ConfigOf<S>, features: CtrEncoding, rng: Rng): CtrModel;
}

export type ModelSpec = CtrModelSpec;
