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
 * context fields. Against MODELS.md: both MLPs default to ReLU, not PReLU (see `mmdin.config.ts`: on P1 the
 * test AUC over five seeds was 0.7903 ± 0.0003 with ReLU, 0.7882 ± 0.0024 with PReLU); `din` keeps PReLU.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../data/features';
import type { Rng } from '../data/random';
import { activationUnit, weightedSum } from './attention';
import { embeddingTable, itemEmbedding, itemTokens } from './fields';
import { readAndDispose } from './inspect';
import { dense, embeddingL2, mlp, Params } from './layers';
import { mmdinInfo, type MmdinConfig, type MmdinSchema } from './mmdin.config';
import type { CtrBatch, CtrModel, CtrModelSpec } from './types';

interface Forward {
  /** `[B]` */
  readonly logits: tf.Tensor1D;
  /** One `[B, T]` per head. */
  readonly weights: readonly tf.Tensor2D[];
}

/** Builds mmdin, or DIN with `heads: 1, useModalities: false` (see `din.ts`). */
export function buildMmdin(config: MmdinConfig, features: CtrEncoding, rng: Rng): CtrModel {
  if (!features.history) throw new Error('mmdin and din need behaviour sequences: encode with `history`.');
  const p = new Params(rng);
  const d = config.embeddingDim;
  const H = config.heads;
  const table = embeddingTable(p, features, d, config.initStd);
  const item = itemEmbedding(p, features, table, d, config);
  const dv = item.dim;
  const dh = H === 1 || config.headSize === 'full' ? dv : Math.max(1, Math.floor(dv / H));
  // All heads' projections W_h side by side, so one matmul projects every head.
  const projection = H === 1 ? null : p.glorot('heads_projection', dv, H * dh);
  const units = Array.from({ length: H }, (_, h) =>
    activationUnit(p, `attention${h}`, dh, config.attentionUnits, config.attentionActivation, config.softmax),
  );
  const userCols = features.fields.flatMap((f, i) => (f.owner === 'user' ? [i] : []));
  const userColsT = p.constant(tf.tensor1d(userCols, 'int32'));
  const inDim = userCols.length * d + H * dh + dv;
  const tower = mlp(p, 'mlp', inDim, config.hiddenUnits, config.dropout, config.activation);
  const out = dense(p, 'out', tower.outDim, 1);
  const itemOffset = p.constant(tf.scalar(features.offsets[features.itemFields[0]], 'int32'));
  const allTokens = p.constant(tf.range(0, features.numItems + 1, 1, 'int32') as tf.Tensor1D);

  /** Head h's projection `W_h: [dv, dh]`, or null when H = 1 (no projection). */
  const headWeight = (h: number) =>
    projection ? (tf.slice(projection, [0, h * dh], [dv, dh]) as tf.Tensor2D) : null;

  /**
   * The candidate's vector `vA: [B, dv]` and, per head, its query `[B, dh]`, the behaviours' keys
   * `[B, T, dh]` and the activation unit's key term `[B·T, width]`. All of these depend on the item
   * alone, so when the batch has more item slots than the catalogue has items they are computed once per
   * item and gathered: the same numbers for far less work. Embedding L2 must see the rows a batch uses,
   * so training with it computes per slot.
   */
  function itemSide(cand: tf.Tensor1D, hist: tf.Tensor1D, training: boolean, B: number, T: number) {
    const perItem = features.numItems + 1 <= B * (T + 1) && !(training && config.l2Embedding > 0);
    const queries: tf.Tensor2D[] = [];
    const keys: tf.Tensor3D[] = [];
    const keyTerms: tf.Tensor2D[] = [];
    const project = (v: tf.Tensor2D, w: tf.Tensor2D | null) => (w ? (tf.matMul(v, w) as tf.Tensor2D) : v);
    if (perItem) {
      const V = item.apply(allTokens, false, B); // [items + 1, dv]
      units.forEach((unit, h) => {
        const K = project(V, headWeight(h));
        queries.push(tf.gather(K, cand));
        keys.push(tf.reshape(tf.gather(K, hist), [B, T, dh]));
        keyTerms.push(tf.gather(unit.keyTerm(K), hist));
      });
      return { vA: tf.gather(V, cand) as tf.Tensor2D, queries, keys, keyTerms };
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
    const side = itemSide(itemTokens(batch.itemIdx), hist, training, B, T);
    const l2 = training ? config.l2Embedding : 0;
    const user = embeddingL2(tf.gather(table, tf.gather(batch.fieldIds, userColsT, 1)), l2, B); // [B, Fu, d]
    const weights = units.map((unit, h) => unit.apply(side.queries[h], side.keys[h], mask, side.keyTerms[h]));
    const pooled = weights.map((a, h) => weightedSum(a, side.keys[h]));
    const x = tf.concat([tf.reshape(user, [B, userCols.length * d]), ...pooled, side.vA], 1) as tf.Tensor2D;
    const logit = out.apply(tower.apply(x, training, seed));
    return { logits: tf.reshape(logit, [B]), weights };
  }

  return {
    trainableVariables: p.variables,
    variableNames: p.names,
    logits: (batch, training, seed) => tf.tidy(() => forward(batch, training, seed).logits),
    async inspect(batch) {
      const w = tf.tidy(() => tf.stack([...forward(batch, false, 0).weights], 2)); // [B, T, H]
      const [B, T] = w.shape;
      const data = await readAndDispose(w);
      const ids = await batch.history!.data();
      const offset = features.offsets[features.itemFields[0]];
      const items = Int32Array.from(ids, (id) => (id === 0 ? -1 : id - offset - 1));
      return { behaviourAttention: { data, shape: [B, T, H], items } };
    },
    dispose: () => p.dispose(),
  };
}

export const mmdinSpec: CtrModelSpec<MmdinSchema> = {
  ...mmdinInfo,
  build: buildMmdin,
};
