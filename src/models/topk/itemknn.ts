/**
 * `itemknn`: item-based k-nearest neighbours with a shrunk cosine similarity.
 *
 * Papers: Sarwar et al., "Item-based collaborative filtering recommendation algorithms", WWW 2001; Deshpande &
 * Karypis, "Item-based top-N recommendation algorithms", TOIS 2004. Reference implementation: RecBole's
 * `ItemKNN` (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/itemknn.py).
 *
 * sim(i, j) = x_i·x_j / (‖x_i‖‖x_j‖ + shrink + 1e-6) over the items' columns of the binary training matrix X,
 * never an item with itself; W keeps, for each item j, its k most similar items i (column j of W, as RecBole
 * truncates); score(u, j) = Σ_i x_ui W_ij, i.e. the user's items among j's neighbours, weighted by similarity.
 * Computed once in `build` (`ops/itemItem.ts`: co-occurrence rows on the host, similarity and top-k on the
 * backend a block of items at a time), kept as a sparse `[I, I]` matrix with at most k entries per row.
 * Note: no trainable parameters, so `loss` is a constant 0 and the trainer only evaluates. Ties among equal
 * similarities keep the lower item index (RecBole's `argpartition` leaves them unspecified). Similarities are
 * float32, where the `+ 1e-6` is mostly lost to rounding: values equal in exact arithmetic tie here
 * and are split by it in float64 (P2 test R@20 0.00015 apart at k 200, docs/TUNING.md). k 200 is chosen on
 * P2 validation (RecBole's default is 100).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TopkModelEntry } from '../contract';

const schema = {
  k: {
    kind: 'number',
    label: 'Neighbours k',
    doc: 'Most similar items kept per item; an item’s score sums over the user’s items among its k neighbours.',
    default: 200,
    min: 1,
    max: 1000,
    integer: true,
  },
  shrink: {
    kind: 'number',
    label: 'Shrinkage',
    doc: 'Added to the cosine’s denominator: pulls down similarities that rest on few common users.',
    default: 0,
    min: 0,
    max: 1000,
  },
} as const;

/** Floats of the largest `[nnz, users]` intermediate a scoring call may make (64 MB). */
const SCORE_FLOATS = 1 << 24;

export const itemknn = {
  id: 'itemknn',
  family: 'topk',
  label: 'ItemKNN',
  description:
    'Scores an item by the user’s items among its k most cosine-similar items (baseline, no training).',
  citation: 'Sarwar et al., "Item-based collaborative filtering recommendation algorithms", WWW 2001',
  configSchema: schema,
  views: ['recommend'],
  embeddings: [],
  needs: {},
  trains: false,
  async build(config, data, _rng, hooks?) {
    const I = data.numItems;
    const { tf, itemItem, sparse, graph } = await import('../kit');
    const stage = 'item–item similarity';
    hooks?.onProgress?.({ stage, done: 0, total: I });
    const neighbours = await itemItem.itemKnnSimilarity(data.train, I, {
      k: config.k,
      shrink: config.shrink,
      onProgress: (done, total) => hooks?.onProgress?.({ stage, done, total }),
    });
    // Row j: j's neighbours i with sim(i, j), i.e. Wᵀ; scores = (Wᵀ·Xᵀ)ᵀ.
    const wt = sparse.toSparse(neighbours);
    return {
      trainableVariables: [],
      variableNames: [],
      loss: () => tf.scalar(0),
      // Users in chunks of at most SCORE_FLOATS / nnz: off the host backends spmm gathers an [nnz, users]
      // intermediate (ml-100k at k 200: 336,400 × 256 users would be 86 M floats).
      scoreUsers: (users) =>
        tf.tidy(() => {
          const chunk = Math.max(1, Math.floor(SCORE_FLOATS / Math.max(1, wt.nnz)));
          const parts: tf.Tensor2D[] = [];
          for (let s = 0; s < users.length; s += chunk) {
            const ids = users.subarray(s, s + chunk);
            const xt = tf.tensor2d(itemItem.userRowsTransposed(data.train, ids, I), [I, ids.length]);
            parts.push(tf.transpose(sparse.spmm(wt, xt)) as tf.Tensor2D);
          }
          return (parts.length === 1 ? parts[0] : tf.concat(parts, 0)) as tf.Tensor2D;
        }),
      refresh: async () => {},
      // Each item's strongest neighbours: the recommendations list gives them as a recommendation's reasons
      // (the user's items among them are what its score sums).
      explain: async (k = 10) => ({
        fusedGraph: { name: 'item similarity', k, ...graph.topNeighbours(neighbours, k) },
      }),
      // W is item × item: no user or item embedding table.
      embeddings: () => null,
      dispose: () => sparse.disposeSparse(wt),
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
