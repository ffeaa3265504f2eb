/**
 * `dnn`: field embeddings → MLP → sigmoid. The plain deep baseline every attention model is measured against.
 *
 * Reference: Covington et al., "Deep Neural Networks for YouTube Recommendations", RecSys 2016; DeepCTR's
 * `DNN` tower (https://github.com/shenweichen/DeepCTR-Torch).
 * Note: item modality vectors enter as extra fields (projected to `d`), as in every ctr model here.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CtrModelEntry } from '../contract';
import { dropout, embeddingDim, hiddenUnits, initStd, l2Embedding, useModalities } from '../params';

const schema = {
  embeddingDim,
  hiddenUnits: hiddenUnits([128, 64]),
  dropout,
  useModalities,
  initStd,
  l2Embedding,
} as const;

export const dnn = {
  id: 'dnn',
  family: 'ctr',
  label: 'DNN',
  description: 'Field embeddings concatenated into a multi-layer perceptron (baseline).',
  citation: 'Covington et al., "Deep Neural Networks for YouTube Recommendations", RecSys 2016',
  configSchema: schema,
  views: ['embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {
    modalities: { kind: 'used', without: 'reads only the user and item ids and fields' },
  },
  async build(config, features, rng) {
    const { tf, layers, fields: f } = await import('../kit');
    const p = new layers.Params(rng);
    const fields = f.fieldEmbedding(p, features, config.embeddingDim, config);
    const inDim = fields.numFields * config.embeddingDim;
    const tower = layers.mlp(p, 'mlp', inDim, config.hiddenUnits, config.dropout);
    const out = layers.dense(p, 'out', tower.outDim, 1);
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      logits(batch, training, seed) {
        return tf.tidy(() => {
          const e = fields.apply(batch, training);
          const flat = tf.reshape(e, [-1, inDim]) as tf.Tensor2D;
          return tf.reshape(out.apply(tower.apply(flat, training, seed)), [-1]) as tf.Tensor1D;
        });
      },
      embeddings: (role) => f.idRows(fields.table as tf.Tensor2D, features, role),
      dispose: () => p.dispose(),
    };
  },
} as const satisfies CtrModelEntry<typeof schema>;
