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
import type * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import type { Rng } from '../../data/random';
import type { ConfigOf } from '../config';
import type { CtrBatch, CtrExplanation, CtrModel, CtrModelEntry } from '../contract';
import { dropout, embeddingDim, hiddenUnits, initStd, l2Embedding, useModalities } from '../params';

/** The internal (self-attention) branch and the prediction head: AutoInt's settings, which amfr extends. */
export const interactingSchema = {
  embeddingDim,
  useModalities: { ...useModalities, doc: 'One field per item modality vector (visual, acoustic, text).' },
  layers: {
    kind: 'number',
    label: 'Interacting layers L',
    doc: 'Stacked multi-head self-attention layers over the fields.',
    default: 2,
    min: 1,
    max: 6,
    integer: true,
  },
  heads: {
    kind: 'number',
    label: 'Heads H',
    doc: 'Attention heads per interacting layer.',
    default: 2,
    min: 1,
    max: 8,
    integer: true,
  },
  headDim: {
    kind: 'number',
    label: "Head size d'",
    doc: "Size of each head's query/key/value; a field's output has H·d' numbers (default 2·8 = d).",
    default: 8,
    min: 1,
    max: 64,
    integer: true,
  },
  residual: {
    kind: 'boolean',
    label: 'Residual',
    doc: 'Add E·W_res to each interacting layer’s output before the ReLU.',
    default: true,
  },
  hiddenUnits: hiddenUnits([64, 32]),
  dropout,
  useLinear: {
    kind: 'boolean',
    label: 'Linear term',
    doc: 'Add a linear function of the field vectors, linear(E), to the logit.',
    default: true,
  },
  initStd,
  l2Embedding,
} as const;

const amfrSchema = {
  ...interactingSchema,
  useInternal: {
    kind: 'boolean',
    label: 'Internal (self-attention)',
    doc: 'Self-attention over fields (AutoInt). Off with external off: the MLP reads the field vectors.',
    default: true,
  },
  useExternal: {
    kind: 'boolean',
    label: 'External (pair attention)',
    doc: 'Attention-weighted sum of the pairwise products e_i ⊙ e_j (AFM).',
    default: true,
  },
  pairAttentionSize: {
    kind: 'number',
    label: 'Pair attention size',
    doc: 'Hidden width of the pair-attention network hᵀReLU(W p + b).',
    default: 16,
    min: 1,
    max: 128,
    integer: true,
  },
} as const;

interface Forward {
  /** `[B]` */
  readonly logits: tf.Tensor1D;
  /** One `[B, H, M, M]` per interacting layer. */
  readonly fieldAttention: readonly tf.Tensor4D[];
  /** `[B, P]`, or null without the external branch. */
  readonly pairAttention: tf.Tensor2D | null;
}

/** Builds amfr, or AutoInt with `useExternal: false` (see `autoint.ts`). */
export async function buildAmfr(config: AmfrConfig, features: CtrEncoding, rng: Rng): Promise<CtrModel> {
  const { tf, layers: nn, fields: f, attention, explain } = await import('../kit');
  const p = new nn.Params(rng);
  const d = config.embeddingDim;
  const fields = f.fieldEmbedding(p, features, d, config);
  const M = fields.numFields;
  const layers = config.useInternal
    ? Array.from({ length: config.layers }, (_, l) =>
        attention.interactingLayer(
          p,
          `interacting${l}`,
          l === 0 ? d : config.heads * config.headDim,
          config.heads,
          config.headDim,
          config.residual,
        ),
      )
    : [];
  const external = config.useExternal
    ? attention.pairAttention(p, 'pair', M, d, config.pairAttentionSize)
    : null;
  const internalDim = layers.length > 0 ? M * layers[layers.length - 1].outDim : 0;
  const towerIn = internalDim + (external ? d : 0) || M * d;
  const tower = nn.mlp(p, 'mlp', towerIn, config.hiddenUnits, config.dropout);
  const out = nn.dense(p, 'out', tower.outDim, 1);
  const linear = config.useLinear ? nn.dense(p, 'linear', M * d, 1, 'none', false) : null;

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
    async explain(batch) {
      const means = tf.tidy(() => {
        const f = forward(batch, false, 0);
        const kept: { field?: tf.Tensor; pair?: tf.Tensor } = {};
        if (f.fieldAttention.length > 0) kept.field = tf.stack(f.fieldAttention.map((a) => tf.mean(a, 0)));
        if (f.pairAttention) kept.pair = tf.mean(f.pairAttention, 0);
        return kept;
      });
      const labels = fields.fieldNames;
      const result: { -readonly [K in keyof CtrExplanation]: CtrExplanation[K] } = {};
      if (means.field) {
        result.fieldAttention = {
          data: await explain.readAndDispose(means.field),
          shape: [layers.length, config.heads, M, M],
          labels,
        };
      }
      if (means.pair) {
        result.pairAttention = {
          data: explain.upperTriangle(await explain.readAndDispose(means.pair), M),
          shape: [M, M],
          labels,
        };
      }
      return result;
    },
    embeddings: (role) => f.idRows(fields.table as tf.Tensor2D, features, role),
    dispose: () => p.dispose(),
  };
}

type AmfrSchema = typeof amfrSchema;
export type AmfrConfig = ConfigOf<AmfrSchema>;

export const amfr = {
  id: 'amfr',
  family: 'ctr',
  label: 'AMFR',
  description:
    'Self-attention over fields (incl. modalities) plus attention over field pairs (Hasama & Li 2022).',
  citation:
    'Hasama & Li, "Attention-based Multimodal Feature Representation Model for Micro-video Recommendation", arXiv 2205.08982, 2022',
  configSchema: amfrSchema,
  views: ['heads', 'embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {
    modalities: {
      kind: 'used',
      without: 'attends over the user and item ids and fields only, without modality fields',
    },
  },
  // Its attention layers start slowly at the family's 1e-3 (best validation epoch 7–9 of 10, 89–137 s);
  // at 3e-3 the best epoch is 4–5 with the same validation AUC (seeds 42, 7, 1; docs/TUNING.md).
  quickTrain: { learningRate: 3e-3 },
  build: buildAmfr,
} as const satisfies CtrModelEntry<AmfrSchema>;
