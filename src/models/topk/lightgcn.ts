/**
 * `lightgcn`: ID embeddings propagated over `Â = D^-1/2 [[0, R], [Rᵀ, 0]] D^-1/2`, final embedding the mean
 * of layers 0..L, score `u·i`, BPR loss.
 *
 * Paper: He et al., "LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation",
 * SIGIR 2020. Reference implementation: RecBole's `LightGCN`
 * (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/lightgcn.py).
 * Note: embeddings start normal(0, initStd) as in the authors' code (RecBole: Xavier); the L2 term is the
 * authors' λ·½‖e⁰‖²/B. The sparse products run through `engine/sparse.ts` (gradients included).
 */
import * as tf from '@tensorflow/tfjs-core';
import { bipartiteAdjacency } from '../../ops/graph';
import { disposeSparse, toSparse } from '../../ops/sparse';
import { Params } from '../layers';
import { EmbeddingCache, graphBprLoss, lightGcnPropagate } from './layers';
import { lightgcnInfo, type LightGcnSchema } from './lightgcn.config';
import type { TopkModelSpec } from './types';

export const lightgcnSpec: TopkModelSpec<LightGcnSchema> = {
  ...lightgcnInfo,
  async build(config, data, rng) {
    const { numUsers: U, numItems: I } = data;
    const p = new Params(rng);
    const users = p.normal('user', [U, config.embeddingDim], config.initStd);
    const items = p.normal('item', [I, config.embeddingDim], config.initStd);
    const adj = toSparse(bipartiteAdjacency(U, I, data.train));
    const propagate = () => {
      const all = lightGcnPropagate(adj, tf.concat([users, items], 0) as tf.Tensor2D, config.layers);
      return { users: tf.slice(all, [0, 0], [U, -1]), items: tf.slice(all, [U, 0], [I, -1]) };
    };
    const cache = new EmbeddingCache(propagate);
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      loss(batch) {
        cache.clear();
        return tf.tidy(() => graphBprLoss(propagate(), { users, items }, batch, config.l2));
      },
      scoreUsers: (ids) => cache.scores(ids),
      refresh: async () => cache.clear(),
      dispose() {
        cache.clear();
        disposeSparse(adj);
        p.dispose();
      },
    };
  },
};
