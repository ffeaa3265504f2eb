/**
 * `dnn`: field embeddings → MLP → sigmoid. The plain deep baseline every attention model is measured against.
 *
 * Reference: Covington et al., "Deep Neural Networks for YouTube Recommendations", RecSys 2016; DeepCTR's
 * `DNN` tower (https://github.com/shenweichen/DeepCTR-Torch).
 * Note: item modality vectors enter as extra fields (projected to `d`), as in every ctr model here.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ConfigOf } from './config';
import { dense, fieldEmbedding, mlp, Params } from './layers';
import type { CtrModelSpec } from './types';

const schema = {
  embeddingDim: {
    kind: 'number',
    label: 'Embedding size d',
    doc: 'Length of every field vector.',
    default: 16,
    min: 2,
    max: 128,
    integer: true,
  },
  hiddenUnits: {
    kind: 'layers',
    label: 'MLP layers',
    doc: 'Width of each hidden ReLU layer, input side first.',
    default: [128, 64],
    min: 1,
    max: 1024,
    maxLength: 5,
  },
  dropout: {
    kind: 'number',
    label: 'Dropout',
    doc: 'Share of hidden units dropped in training.',
    default: 0,
    min: 0,
    max: 0.9,
  },
  useModalities: {
    kind: 'boolean',
    label: 'Modality fields',
    doc: 'Feed the item modality vectors (visual, acoustic, text) as fields.',
    default: true,
  },
  initStd: {
    kind: 'number',
    label: 'Embedding init std',
    doc: 'Standard deviation of the normal initialiser of embeddings.',
    default: 0.01,
    min: 1e-5,
    max: 1,
    log: true,
  },
} as const;

export type DnnConfig = ConfigOf<typeof schema>;

export const dnnSpec: CtrModelSpec<typeof schema> = {
  id: 'dnn',
  family: 'ctr',
  label: 'DNN',
  description: 'Field embeddings concatenated into a multi-layer perceptron (baseline).',
  configSchema: schema,
  build(config, features, rng) {
    const p = new Params(rng);
    const fields = fieldEmbedding(p, features, config.embeddingDim, config);
    const inDim = fields.numFields * config.embeddingDim;
    const tower = mlp(p, 'mlp', inDim, config.hiddenUnits, config.dropout);
    const out = dense(p, 'out', tower.outDim, 1);
    return {
      trainableVariables: p.variables,
      logits(batch, training, seed) {
        return tf.tidy(() => {
          const e = fields.apply(batch);
          const flat = tf.reshape(e, [-1, inDim]) as tf.Tensor2D;
          return tf.reshape(out.apply(tower.apply(flat, training, seed)), [-1]) as tf.Tensor1D;
        });
      },
      dispose: () => p.dispose(),
    };
  },
};
