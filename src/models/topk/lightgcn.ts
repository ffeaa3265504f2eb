/**
 * `lightgcn`: ID embeddings propagated over `Â = D^-1/2 [[0, R], [Rᵀ, 0]] D^-1/2`, final embedding the mean
 * of layers 0..L, score `u·i`, BPR loss.
 *
 * Paper: He et al., "LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation",
 * SIGIR 2020. Reference implementation: RecBole's `LightGCN`
 * (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/lightgcn.py).
 * Note: embeddings start normal(0, initStd) as in the authors' code (RecBole: Xavier); the L2 term is the
 * authors' λ·½‖e⁰‖²/B. The sparse products run through `ops/sparse.ts` (gradients included).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TopkModelEntry } from '../contract';
import { gcnLayers, topkEmbeddingDim, topkInitStd, topkL2 } from './params';

const schema = {
  embeddingDim: topkEmbeddingDim,
  layers: gcnLayers,
  initStd: topkInitStd,
  l2: topkL2,
} as const;

export const lightgcn = {
  id: 'lightgcn',
  family: 'topk',
  label: 'LightGCN',
  description: 'ID embeddings propagated over the normalised user–item graph, mean over layers (baseline).',
  citation:
    'He et al., "LightGCN: Simplifying and Powering Graph Convolution Network for Recommendation", SIGIR 2020',
  configSchema: schema,
  views: ['embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {},
  async build(config, data, rng) {
    const { numUsers: U, numItems: I } = data;
    const { tf, layers, topkLayers, graph, sparse } = await import('../kit');
    const p = new layers.Params(rng);
    const users = p.normal('user', [U, config.embeddingDim], config.initStd);
    const items = p.normal('item', [I, config.embeddingDim], config.initStd);
    const adj = sparse.toSparse(graph.bipartiteAdjacency(U, I, data.train));
    const propagate = () => {
      const all = topkLayers.lightGcnPropagate(
        adj,
        tf.concat([users, items], 0) as tf.Tensor2D,
        config.layers,
      );
      return { users: tf.slice(all, [0, 0], [U, -1]), items: tf.slice(all, [U, 0], [I, -1]) };
    };
    const cache = new topkLayers.EmbeddingCache(propagate);
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      loss(batch) {
        cache.clear();
        return tf.tidy(() => topkLayers.graphBprLoss(propagate(), { users, items }, batch, config.l2));
      },
      scoreUsers: (ids) => cache.scores(ids),
      refresh: async () => cache.clear(),
      // The propagated (final) embeddings, the ones the scores use.
      embeddings: (role) => tf.clone(role === 'user' ? cache.get().users : cache.get().items),
      dispose() {
        cache.clear();
        sparse.disposeSparse(adj);
        p.dispose();
      },
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
