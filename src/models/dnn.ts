/**
 * `dnn`: field embeddings → MLP → sigmoid. The plain deep baseline every attention model is measured against.
 *
 * Reference: Covington et al., "Deep Neural Networks for YouTube Recommendations", RecSys 2016; DeepCTR's
 * `DNN` tower (https://github.com/shenweichen/DeepCTR-Torch).
 * Note: item modality vectors enter as extra fields (projected to `d`), as in every ctr model here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { dnnInfo, type DnnSchema } from './dnn.config';
import { fieldEmbedding } from './fields';
import { dense, mlp, Params } from './layers';
import type { CtrModelSpec } from './types';

export const dnnSpec: CtrModelSpec<DnnSchema> = {
  ...dnnInfo,
  build(config, features, rng) {
    const p = new Params(rng);
    const fields = fieldEmbedding(p, features, config.embeddingDim, config);
    const inDim = fields.numFields * config.embeddingDim;
    const tower = mlp(p, 'mlp', inDim, config.hiddenUnits, config.dropout);
    const out = dense(p, 'out', tower.outDim, 1);
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
      dispose: () => p.dispose(),
    };
  },
};
