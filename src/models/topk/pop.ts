/**
 * `pop`: most popular items first — every user gets the items ranked by training-interaction count.
 *
 * Reference implementation: RecBole's `Pop` (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/pop.py).
 * Note: no trainable parameters, so `loss` is a constant 0 and the trainer skips training. Ties rank by
 * ascending item index (`tf.topk`'s order, PROTOCOLS.md "ties by item id"): scores are exact integer counts.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TopkModelEntry } from '../contract';

const schema = {} as const;

export const pop = {
  id: 'pop',
  family: 'topk',
  label: 'MostPop',
  description:
    'Ranks items by their number of training interactions, ties by item id (baseline, no training).',
  citation: 'The most-popular baseline (RecBole `Pop`), no paper of its own',
  configSchema: schema,
  views: ['recommend'],
  embeddings: [],
  needs: {},
  trains: false,
  async build(_config, data) {
    const { tf } = await import('../kit');
    const counts = new Float32Array(data.numItems);
    for (const i of data.train.indices) counts[i]++;
    const row = tf.keep(tf.tensor2d(counts, [1, data.numItems]));
    return {
      trainableVariables: [],
      variableNames: [],
      loss: () => tf.scalar(0),
      scoreUsers: (users) => tf.tidy(() => tf.tile(row, [users.length, 1]) as tf.Tensor2D),
      refresh: async () => {},
      // Popularity has no embedding table.
      embeddings: () => null,
      dispose: () => row.dispose(),
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
