/**
 * `amfr`: Attention-based Multimodal Feature Representation (MODELS.md §1).
 *
 * Paper: Hasama & Li, "Attention-based Multimodal Feature Representation Model for Micro-video
 * Recommendation", arXiv 2205.08982, 2022. Its two branches come from AutoInt (Song et al., "AutoInt:
 * Automatic Feature Interaction Learning via Self-Attentive Neural Networks", CIKM 2019) and AFM (Xiao et
 * al., "Attentional Factorization Machines", IJCAI 2017).
 * Reference implementation: DeepCTR-Torch `InteractingLayer` and `AFMLayer`
 * (https://github.com/shenweichen/DeepCTR-Torch/blob/master/deepctr_torch/layers/interaction.py).
 * Note: only the abstract is public, so the model follows MODELS.md's reconstruction. Against DeepCTR:
 * attention scores are scaled by 1/√d' (DeepCTR-Torch's `scaling` defaults to off); `linear(E)` is a
 * linear map of the field vectors, not DeepCTR's separate per-token linear part; each item modality is a
 * field. With both branches off the MLP reads flatten(E) (a DNN), so every ablation still trains.
 */
import * as tf from '@tensorflow/tfjs-core';
import { amfrInfo, type AmfrConfig, type AmfrSchema } from './amfr.config';
import { interactingLayer, pairAttention } from './attention';
import { fieldEmbedding } from './fields';
import { readAndDispose, upperTriangle } from './inspect';
import { dense, mlp, Params } from './layers';
import type { CtrBatch, CtrModel, CtrModelSpec, ModelInspection } from './types';
import type { CtrEncoding } from '../data/features';
import type { Rng } from '../data/random';

interface Forward {
  /** `[B]` */
  readonly logits: tf.Tensor1D;
  /** One `[B, H, M, M]` per interacting layer. */
  readonly fieldAttention: readonly tf.Tensor4D[];
  /** `[B, P]`, or null without the external branch. */
  readonly pairAttention: tf.Tensor2D | null;
}

/** Builds amfr, or AutoInt with `useExternal: false` (see `autoint.ts`). */
export function buildAmfr(config: AmfrConfig, features: CtrEncoding, rng: Rng): CtrModel {
  const p = new Params(rng);
  const d = config.embeddingDim;
  const fields = fieldEmbedding(p, features, d, config);
  const M = fields.numFields;
  const layers = config.useInternal
    ? Array.from({ length: config.layers }, (_, l) =>
        interactingLayer(
          p,
          `interacting${l}`,
          l === 0 ? d : config.heads * config.headDim,
          config.heads,
          config.headDim,
          config.residual,
        ),
      )
    : [];
  const external = config.useExternal ? pairAttention(p, 'pair', M, d, config.pairAttentionSize) : null;
  const internalDim = layers.length > 0 ? M * layers[layers.length - 1].outDim : 0;
  const towerIn = internalDim + (external ? d : 0) || M * d;
  const tower = mlp(p, 'mlp', towerIn, config.hiddenUnits, config.dropout);
  const out = dense(p, 'out', tower.outDim, 1);
  const linear = config.useLinear ? dense(p, 'linear', M * d, 1, 'none', false) : null;

  function forward(batch: CtrBatch, training: boolean, seed: number): Forward {
    const e = fields.apply(batch, training); // [B, M, d]
    const B = e.shape[0];
    const flatE = tf.reshape(e, [B, M * d]) as tf.Tensor2D;
    const fieldAttention: tf.Tensor4D[] = [];
    let h = e;
    for (const layer of layers) {
      const r = layer.apply(h);
      h = r.out;
      fieldAttention.push(r.attention);
    }
    const parts: tf.Tensor2D[] = [];
    if (layers.length > 0) parts.push(tf.reshape(h, [B, internalDim]));
    let pair: tf.Tensor2D | null = null;
    if (external) {
      const r = external.apply(e);
      parts.push(r.out);
      pair = r.attention;
    }
    if (parts.length === 0) parts.push(flatE);
    const x = parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor2D);
    let logit = out.apply(tower.apply(x, training, seed));
    if (linear) logit = tf.add(logit, linear.apply(flatE));
    return { logits: tf.reshape(logit, [B]), fieldAttention, pairAttention: pair };
  }

  return {
    trainableVariables: p.variables,
    variableNames: p.names,
    logits: (batch, training, seed) => tf.tidy(() => forward(batch, training, seed).logits),
    async inspect(batch) {
      const means = tf.tidy(() => {
        const f = forward(batch, false, 0);
        const kept: { field?: tf.Tensor; pair?: tf.Tensor } = {};
        if (f.fieldAttention.length > 0) kept.field = tf.stack(f.fieldAttention.map((a) => tf.mean(a, 0)));
        if (f.pairAttention) kept.pair = tf.mean(f.pairAttention, 0);
        return kept;
      });
      const labels = fields.fieldNames;
      const result: { -readonly [K in keyof ModelInspection]: ModelInspection[K] } = {};
      if (means.field) {
        result.fieldAttention = {
          data: await readAndDispose(means.field),
          shape: [layers.length, config.heads, M, M],
          labels,
        };
      }
      if (means.pair) {
        result.pairAttention = {
          data: upperTriangle(await readAndDispose(means.pair), M),
          shape: [M, M],
          labels,
        };
      }
      return result;
    },
    dispose: () => p.dispose(),
  };
}

export const amfrSpec: CtrModelSpec<AmfrSchema> = {
  ...amfrInfo,
  build: buildAmfr,
};
