/**
 * `lr`: logistic regression, `σ(b + Σ_f w[token_f] + Σ_m w_mᵀ x_m)` (baseline).
 *
 * Paper: Richardson et al., "Predicting Clicks: Estimating the Click-Through Rate for New Ads", WWW 2007.
 * Reference implementation: DeepCTR-Torch's `Linear` part
 * (https://github.com/shenweichen/DeepCTR-Torch/blob/master/deepctr_torch/models/basemodel.py).
 * Note: a multi-valued field contributes the mean of its values' weights (the field definition of
 * MODELS.md), not their sum; each item modality adds a linear term `w_mᵀ x_m + b_m`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CtrModelEntry } from '../contract';
import { l2Embedding, useModalities } from '../params';

const schema = {
  useModalities: {
    ...useModalities,
    doc: 'Add a linear term wᵀx per item modality vector (visual, acoustic, text).',
  },
  initStd: {
    kind: 'number',
    label: 'Weight init std',
    doc: 'Standard deviation of the normal initialiser of the per-token weights (DeepCTR: 1e-4).',
    default: 1e-4,
    min: 1e-6,
    max: 1,
    log: true,
  },
  l2Embedding: { ...l2Embedding, label: 'Weight L2', doc: 'L2 penalty on the token weights a batch uses.' },
} as const;

export const lr = {
  id: 'lr',
  family: 'ctr',
  label: 'LR',
  description: 'Logistic regression: one weight per field value plus a bias (baseline).',
  citation: 'Richardson et al., "Predicting Clicks: Estimating the Click-Through Rate for New Ads", WWW 2007',
  configSchema: schema,
  // One weight per id: an "embedding" of size 1 (vectors.tsv exports it), nothing to map.
  views: ['recommend'],
  embeddings: ['item', 'user'],
  needs: {
    modalities: {
      kind: 'used',
      without: 'weighs only the user and item ids and fields, with no modality terms',
    },
  },
  async build(config, features, rng) {
    const { tf, layers, fields } = await import('../kit');
    const p = new layers.Params(rng);
    const weights = p.normal('weights', [features.totalVocab, 1], config.initStd);
    const bias = p.zeros('bias', [1]);
    const modalities = fields.modalityProjections(p, config.useModalities ? features.modalities : [], 1);
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      logits(batch, training) {
        return tf.tidy(() => {
          const B = batch.fieldIds.shape[0];
          const l2 = training ? config.l2Embedding : 0;
          const terms: tf.Tensor2D[] = [
            tf.sum(layers.embeddingL2(tf.gather(weights, batch.fieldIds), l2, B), 1) as tf.Tensor2D, // [B, 1]
          ];
          if (features.multiFields.length > 0) {
            if (!batch.multiIds) throw new Error('the batch lacks multiIds for the multi-valued fields');
            terms.push(
              tf.sum(fields.multiFieldMean(weights, batch.multiIds, features.multiFields, l2, B), 1),
            );
          }
          const tokens = fields.itemTokens(batch.itemIdx);
          for (const m of modalities) terms.push(fields.projectModality(m, tokens));
          return tf.reshape(tf.add(tf.addN(terms), bias), [B]) as tf.Tensor1D;
        });
      },
      embeddings: (role) => fields.idRows(weights as tf.Tensor2D, features, role),
      dispose: () => p.dispose(),
    };
  },
} as const satisfies CtrModelEntry<typeof schema>;
