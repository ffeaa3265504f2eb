/**
 * `lr`: logistic regression, `σ(b + Σ_f w[token_f] + Σ_m w_mᵀ x_m)` (baseline).
 *
 * Paper: Richardson et al., "Predicting Clicks: Estimating the Click-Through Rate for New Ads", WWW 2007.
 * Reference implementation: DeepCTR-Torch's `Linear` part
 * (https://github.com/shenweichen/DeepCTR-Torch/blob/master/deepctr_torch/models/basemodel.py).
 * Note: a multi-valued field contributes the mean of its values' weights (the field definition of
 * MODELS.md), not their sum; each item modality adds a linear term `w_mᵀ x_m + b_m`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { itemTokens, modalityProjections, multiFieldMean, projectModality } from './fields';
import { embeddingL2, Params } from './layers';
import { lrInfo, type LrSchema } from './lr.config';
import type { CtrModelSpec } from './types';

export const lrSpec: CtrModelSpec<LrSchema> = {
  ...lrInfo,
  build(config, features, rng) {
    const p = new Params(rng);
    const weights = p.normal('weights', [features.totalVocab, 1], config.initStd);
    const bias = p.zeros('bias', [1]);
    const modalities = modalityProjections(p, config.useModalities ? features.modalities : [], 1);
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      logits(batch, training) {
        return tf.tidy(() => {
          const B = batch.fieldIds.shape[0];
          const l2 = training ? config.l2Embedding : 0;
          const terms: tf.Tensor2D[] = [
            tf.sum(embeddingL2(tf.gather(weights, batch.fieldIds), l2, B), 1) as tf.Tensor2D, // [B, 1]
          ];
          if (features.multiFields.length > 0) {
            if (!batch.multiIds) throw new Error('the batch lacks multiIds for the multi-valued fields');
            terms.push(tf.sum(multiFieldMean(weights, batch.multiIds, features.multiFields, l2, B), 1));
          }
          const tokens = itemTokens(batch.itemIdx);
          for (const m of modalities) terms.push(projectModality(m, tokens));
          return tf.reshape(tf.add(tf.addN(terms), bias), [B]) as tf.Tensor1D;
        });
      },
      dispose: () => p.dispose(),
    };
  },
};
