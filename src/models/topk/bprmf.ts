/**
 * `bprmf`: matrix factorisation with the BPR loss, score `uᵀi`.
 *
 * Paper: Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009.
 * Reference implementation: RecBole's `BPR`
 * (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/bpr.py).
 * Note: the L2 term is LightGCN's (λ·½‖e‖²/B on the batch's embeddings) rather than RecBole BPR's none, so
 * the three embedding baselines share one regulariser; embeddings start normal(0, initStd), not Xavier.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TopkModelEntry } from '../contract';
import { topkEmbeddingDim, topkInitStd, topkL2 } from './params';

const schema = {
  embeddingDim: topkEmbeddingDim,
  initStd: topkInitStd,
  l2: topkL2,
} as const;

export const bprmf = {
  id: 'bprmf',
  family: 'topk',
  label: 'BPR-MF',
  description: 'Matrix factorisation trained with the BPR pairwise loss (baseline).',
  citation: 'Rendle et al., "BPR: Bayesian Personalized Ranking from Implicit Feedback", UAI 2009',
  configSchema: schema,
  views: ['embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {},
  async build(config, data, rng) {
    const { tf, layers, topkLayers } = await import('../kit');
    const p = new layers.Params(rng);
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
          return tf.add(
            topkLayers.bprLoss(u, i, j),
            topkLayers.embeddingL2([u, i, j], config.l2, batch.size),
          ) as tf.Scalar;
        });
      },
      scoreUsers: (ids) =>
        tf.tidy(
          () => tf.matMul(tf.gather(users, tf.tensor1d(ids, 'int32')), items, false, true) as tf.Tensor2D,
        ),
      refresh: async () => {},
      embeddings: (role) => tf.clone(role === 'user' ? users : items) as tf.Tensor2D,
      dispose: () => p.dispose(),
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
