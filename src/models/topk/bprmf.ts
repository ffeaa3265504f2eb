/**
 * `bprmf`: matrix factorisation with the BPR loss, score `uᵀi`.
 *
 * Paper: Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009.
 * Reference implementation: RecBole's `BPR`
 * (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/bpr.py).
 * Note: the L2 term is LightGCN's (λ·½‖e‖²/B on the batch's embeddings) rather than RecBole BPR's none, so
 * the three embedding baselines share one regulariser; embeddings start normal(0, initStd), not Xavier.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Params } from '../layers';
import { bprmfInfo, type BprmfSchema } from './bprmf.config';
import { bprLoss, embeddingL2 } from './layers';
import type { TopkModelSpec } from './types';

export const bprmfSpec: TopkModelSpec<BprmfSchema> = {
  ...bprmfInfo,
  async build(config, data, rng) {
    const p = new Params(rng);
    const users = p.normal('user', [data.numUsers, config.embeddingDim], config.initStd);
    const items = p.normal('item', [data.numItems, config.embeddingDim], config.initStd);
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      loss(batch) {
        return tf.tidy(() => {
          const u = tf.gather(users, batch.users) as tf.Tensor2D;
          const i = tf.gather(items, batch.pos) as tf.Tensor2D;
          const j = tf.gather(items, batch.neg) as tf.Tensor2D;
          return tf.add(bprLoss(u, i, j), embeddingL2([u, i, j], config.l2, batch.size)) as tf.Scalar;
        });
      },
      scoreUsers: (ids) =>
        tf.tidy(
          () => tf.matMul(tf.gather(users, tf.tensor1d(ids, 'int32')), items, false, true) as tf.Tensor2D,
        ),
      refresh: async () => {},
      dispose: () => p.dispose(),
    };
  },
};
