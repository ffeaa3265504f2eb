/**
 * `mmdin`: MultiHead MultiModal Deep Interest Network (MODELS.md §2).
 *
 * Paper: Yang et al., "MultiHead MultiModal Deep Interest Recommendation Network", arXiv 2110.10205, 2021,
 * extending DIN (Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD 2018).
 * Reference implementation: DeepCTR-Torch `DIN` and `AttentionSequencePoolingLayer`
 * (https://github.com/shenweichen/DeepCTR-Torch/blob/master/deepctr_torch/models/din.py).
 * Note: only the abstract is public, so the model follows MODELS.md's reconstruction. The item vector v
 * concatenates every item field (categorical, multi-valued means, projected modalities); with H > 1 head h
 * attends and pools in its own projection `W_h v` of size ⌊d_v/H⌋, and with H = 1 there is no projection,
 * which makes H = 1 without modalities exactly DIN. Against DeepCTR: the activation unit reads
 * `[v_j; v_A; v_j − v_A; v_j ⊙ v_A]` with MLP [36] (DeepCTR: [64, 16] with Dice), and our data have no
 * context fields. Against MODELS.md: both MLPs default to ReLU, not PReLU (picked on P1 validation AUC,
 * docs/TUNING.md); `din` keeps PReLU.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import type { Rng } from '../../data/random';
import type { ConfigOf } from '../config';
import type { CtrBatch, CtrModel, CtrModelEntry } from '../contract';
import {
  activation,
  dropout,
  embeddingDim,
  hiddenUnits,
  initStd,
  l2Embedding,
  useModalities,
} from '../params';

/** DIN's settings (the `din` entry's); mmdin extends them with heads and the multimodal module. */
export const dinSchema = {
  embeddingDim,
  attentionUnits: {
    kind: 'layers',
    label: 'Attention MLP',
    doc: 'Hidden widths of the activation unit that scores each behaviour against the candidate.',
    default: [36],
    min: 1,
    max: 256,
    maxLength: 3,
  },
  attentionActivation: {
    ...activation,
    label: 'Attention activation',
    doc: 'Hidden-layer activation of the activation unit: PReLU (DIN paper; Dice in DeepCTR) or ReLU.',
  },
  softmax: {
    kind: 'boolean',
    label: 'Softmax over behaviours',
    doc: 'Normalise behaviour weights to sum to 1. DIN does not (weights keep the intensity of interest).',
    default: false,
  },
  hiddenUnits: hiddenUnits([200, 80]),
  activation: { ...activation, label: 'MLP activation' },
  dropout,
  initStd,
  l2Embedding,
} as const;

const mmdinSchema = {
  ...dinSchema,
  // ReLU in both MLPs, not DIN's PReLU: chosen on P1 validation AUC (docs/TUNING.md).
  attentionActivation: { ...dinSchema.attentionActivation, default: 'relu' },
  activation: {
    ...dinSchema.activation,
    doc: 'Hidden-layer activation of the prediction MLP: ReLU, or PReLU (MODELS.md, DIN).',
    default: 'relu',
  },
  heads: {
    kind: 'number',
    label: 'Heads H',
    doc: 'Activation units, each attending in its own projection W_h v of size d_v/H (1 = DIN’s single unit).',
    default: 4,
    min: 1,
    max: 8,
    integer: true,
  },
  headSize: {
    kind: 'choice',
    label: 'Head size',
    doc: 'split: head h attends in W_h v of size d_v/H (heads share the width); full: each W_h v keeps size d_v.',
    default: 'split',
    options: ['split', 'full'],
  },
  useModalities: {
    ...useModalities,
    doc: 'Multimodal module: append each projected modality vector to the item representation.',
  },
  modalityDim: {
    kind: 'number',
    label: 'Modality projection size',
    doc: 'Length of each projected modality vector P_m x_m in the item representation.',
    default: 16,
    min: 1,
    max: 128,
    integer: true,
  },
} as const;

interface Forward {
  /** `[B]` */
  readonly logits: tf.Tensor1D;
  /** One `[B, T]` per head. */
  readonly weights: readonly tf.Tensor2D[];
}

/** Builds mmdin, or DIN with `heads: 1, useModalities: false` (see `din.ts`). */
export async function buildMmdin(config: MmdinConfig, features: CtrEncoding, rng: Rng): Promise<CtrModel> {
  if (!features.history) throw new Error('mmdin and din need behaviour sequences: encode with `history`.');
  const { tf, layers: nn, fields: f, attention: att, explain } = await import('../kit');
  const p = new nn.Params(rng);
  const d = config.embeddingDim;
  const H = config.heads;
  const table = f.embeddingTable(p, features, d, config.initStd);
  const item = f.itemEmbedding(p, features, table, d, config);
  const dv = item.dim;
  const dh = H === 1 || config.headSize === 'full' ? dv : Math.max(1, Math.floor(dv / H));
  // All heads' projections W_h side by side, so one matmul projects every head.
  const projection = H === 1 ? null : p.glorot('heads_projection', dv, H * dh);
  const units = Array.from({ length: H }, (_, h) =>
    att.activationUnit(
      p,
      `attention${h}`,
      dh,
      config.attentionUnits,
      config.attentionActivation,
      config.softmax,
    ),
  );
  const userCols = features.fields.flatMap((f, i) => (f.owner === 'user' ? [i] : []));
  const userColsT = p.constant(tf.tensor1d(userCols, 'int32'));
  const inDim = userCols.length * d + H * dh + dv;
  const tower = nn.mlp(p, 'mlp', inDim, config.hiddenUnits, config.dropout, config.activation);
  const out = nn.dense(p, 'out', tower.outDim, 1);
  const itemOffset = p.constant(tf.scalar(features.offsets[features.itemFields[0]], 'int32'));
  const allTokens = p.constant(tf.range(0, features.numItems + 1, 1, 'int32') as tf.Tensor1D);

  /** Head h's projection `W_h: [dv, dh]`, or null when H = 1 (no projection). */
  const headWeight = (h: number) =>
    projection ? (tf.slice(projection, [0, h * dh], [dv, dh]) as tf.Tensor2D) : null;

  /**
   * The candidate's vector `vA: [B, dv]` and, per head, its query `[B, dh]`, the behaviours' keys
   * `[B, T, dh]` and the activation unit's key term `[B·T, width]`. All of these depend on the item
   * alone, so they are computed once per distinct item of the batch and gathered: the same numbers for
   * far less work, and a cost that follows the batch, not the catalogue (at 10,000 items with tag lists
   * the per-slot path averaged 5,120 behaviours' lists a step). Embedding L2 must see the rows a batch
   * uses, so training with it computes per slot.
   */
  function itemSide(
    cand: tf.Tensor1D,
    hist: tf.Tensor1D,
    distinct: CtrBatch['items'],
    training: boolean,
    B: number,
    T: number,
  ) {
    const queries: tf.Tensor2D[] = [];
    const keys: tf.Tensor3D[] = [];
    const keyTerms: tf.Tensor2D[] = [];
    const project = (v: tf.Tensor2D, w: tf.Tensor2D | null) => (w ? (tf.matMul(v, w) as tf.Tensor2D) : v);
    // Items computed once each: the batch's distinct items (the batch names them), or else the whole
    // catalogue when it is smaller than the batch's item slots.
    const once =
      training && config.l2Embedding > 0
        ? null
        : (distinct ?? (features.numItems + 1 <= B * (T + 1) ? { tokens: allTokens, cand, hist } : null));
    if (once) {
      const V = item.apply(once.tokens, false, B); // [distinct items, dv]
      units.forEach((unit, h) => {
        const K = project(V, headWeight(h));
        queries.push(tf.gather(K, once.cand));
        keys.push(tf.reshape(tf.gather(K, once.hist), [B, T, dh]));
        keyTerms.push(tf.gather(unit.keyTerm(K), once.hist));
      });
      return { vA: tf.gather(V, once.cand) as tf.Tensor2D, queries, keys, keyTerms };
    }
    const vA = item.apply(cand, training, B);
    const vH = item.apply(hist, training, B);
    units.forEach((unit, h) => {
      const k = project(vH, headWeight(h));
      queries.push(project(vA, headWeight(h)));
      keys.push(tf.reshape(k, [B, T, dh]));
      keyTerms.push(unit.keyTerm(k));
    });
    return { vA, queries, keys, keyTerms };
  }

  function forward(batch: CtrBatch, training: boolean, seed: number): Forward {
    const history = batch.history;
    if (!history) throw new Error('the batch lacks `history` (behaviour sequences)');
    const [B, T] = history.shape;
    const real = tf.notEqual(history, 0);
    const mask = tf.cast(real, 'float32') as tf.Tensor2D; // [B, T]
    // Global item_id rows → item tokens (index + 1); padding stays 0.
    const hist = tf.reshape(tf.mul(tf.sub(history, itemOffset), tf.cast(real, 'int32')), [
      B * T,
    ]) as tf.Tensor1D;
    const side = itemSide(f.itemTokens(batch.itemIdx), hist, batch.items, training, B, T);
    const l2 = training ? config.l2Embedding : 0;
    const user = nn.embeddingL2(tf.gather(table, tf.gather(batch.fieldIds, userColsT, 1)), l2, B); // [B, Fu, d]
    const weights = units.map((unit, h) => unit.apply(side.queries[h], side.keys[h], mask, side.keyTerms[h]));
    const pooled = weights.map((a, h) => att.weightedSum(a, side.keys[h]));
    const x = tf.concat([tf.reshape(user, [B, userCols.length * d]), ...pooled, side.vA], 1) as tf.Tensor2D;
    const logit = out.apply(tower.apply(x, training, seed));
    return { logits: tf.reshape(logit, [B]), weights };
  }

  return {
    trainableVariables: p.variables,
    variableNames: p.names,
    logits: (batch, training, seed) => tf.tidy(() => forward(batch, training, seed).logits),
    async explain(batch) {
      const w = tf.tidy(() => tf.stack([...forward(batch, false, 0).weights], 2)); // [B, T, H]
      const [B, T] = w.shape;
      const data = await explain.readAndDispose(w);
      const ids = await batch.history!.data();
      const offset = features.offsets[features.itemFields[0]];
      const items = Int32Array.from(ids, (id) => (id === 0 ? -1 : id - offset - 1));
      return { behaviourAttention: { data, shape: [B, T, H], items } };
    },
    embeddings: (role) => f.idRows(table as tf.Tensor2D, features, role),
    dispose: () => p.dispose(),
  };
}

type MmdinSchema = typeof mmdinSchema;
export type MmdinConfig = ConfigOf<MmdinSchema>;

export const mmdin = {
  id: 'mmdin',
  family: 'ctr',
  label: 'MMDIN',
  description:
    'DIN with several attention heads and projected modality vectors in every item (Yang et al. 2021).',
  citation:
    'Yang et al., "MultiHead MultiModal Deep Interest Recommendation Network", arXiv 2110.10205, 2021',
  configSchema: mmdinSchema,
  views: ['behaviour', 'embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {
    history: { kind: 'required' },
    modalities: {
      kind: 'used',
      without: 'describes items by their ids and fields only, as DIN with several heads',
    },
  },
  // About 30 s an epoch on the demo (several heads over every behaviour): 10 epochs would take five minutes.
  // Its best validation epoch under the ctr quick start was 4, 4 and 2 (seeds 42, 7, 1; docs/TUNING.md).
  quickTrain: { epochs: 4 },
  build: buildMmdin,
} as const satisfies CtrModelEntry<MmdinSchema>;
