/**
 * `ease`: Embarrassingly Shallow Autoencoder, a closed-form linear item–item model.
 *
 * Paper: Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019. Reference implementation:
 * RecBole's `EASE` (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/ease.py).
 *
 * With X the binary `[users, items]` training matrix: P = (XᵀX + λI)⁻¹, B = I − P·diag(1/diag(P)) (so
 * B_ij = −P_ij / P_jj and diag(B) = 0), scores X_u·B. Computed once in `build` (`ops/itemItem.ts`: host
 * co-occurrence counts, a Float64 Cholesky inverse in `ops/linalg.ts`), then B `[I, I]` lives on the backend
 * and a batch of users is one matmul.
 * Note: no trainable parameters, so `loss` is a constant 0 and the trainer only evaluates. B is dense, so the
 * model refuses a catalogue above `maxItems` (its memory grows as n², its time as n³) and suggests `itemknn`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { TopkModelEntry } from '../contract';

const schema = {
  lambda: {
    kind: 'number',
    label: 'L2 weight λ',
    doc: 'Added to the diagonal of XᵀX before the inverse; larger λ gives smaller, smoother item–item weights.',
    default: 250,
    min: 1,
    max: 100000,
    log: true,
  },
  maxItems: {
    kind: 'number',
    label: 'Item limit',
    doc:
      'EASE refuses a catalogue with more items: its dense item–item matrices take n² × 16 bytes at the ' +
      'peak (20,000 items: 6.4 GB) and the inverse n³/2 multiply-adds.',
    default: 20000,
    min: 2,
    max: 100000,
    integer: true,
  },
} as const;

/** Bytes EASE holds at its peak for `n` items: the Float64 n × n working matrix, and the float32 B twice. */
export function easeBytes(n: number): number {
  return n * n * (8 + 4 + 4);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/** Why EASE will not build for `numItems` items under `maxItems`, or null when it will. */
export function easeRefusal(numItems: number, maxItems: number): string | null {
  if (numItems <= maxItems) return null;
  const n = numItems.toLocaleString('en-US');
  return (
    `EASE needs a dense ${n} × ${n} item–item matrix for these ${n} items: about ` +
    `${formatBytes(easeBytes(numItems))} of memory, over its limit of ${maxItems.toLocaleString('en-US')} ` +
    'items. Use itemknn instead, which keeps only k neighbours per item.'
  );
}

export const ease = {
  id: 'ease',
  family: 'topk',
  label: 'EASE',
  description:
    'Closed-form linear item–item model: B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹ (baseline, no training).',
  citation: 'Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019',
  configSchema: schema,
  views: ['recommend'],
  embeddings: [],
  needs: {},
  trains: false,
  async build(config, data, _rng, hooks?) {
    const I = data.numItems;
    const refusal = easeRefusal(I, config.maxItems);
    if (refusal) throw new Error(refusal);
    const { tf, itemItem } = await import('../kit');
    let b: tf.Tensor2D;
    try {
      const weights = itemItem.easeWeights(data.train, I, config.lambda, (stage, done, total) =>
        hooks?.onProgress?.({ stage, done, total }),
      );
      b = tf.keep(tf.tensor2d(weights, [I, I]));
    } catch (err) {
      // Under the limit, but this device would not give the memory (a typed array or the backend's heap).
      if (!(err instanceof RangeError)) throw err;
      throw new Error(
        `EASE could not get the ${formatBytes(easeBytes(I))} its ${I.toLocaleString('en-US')} items need ` +
          `(${err.message}). Use itemknn instead, which keeps only k neighbours per item.`,
      );
    }
    return {
      trainableVariables: [],
      variableNames: [],
      loss: () => tf.scalar(0),
      scoreUsers: (users) =>
        tf.tidy(
          () =>
            tf.matMul(
              tf.tensor2d(itemItem.userRows(data.train, users, I), [users.length, I]),
              b,
            ) as tf.Tensor2D,
        ),
      refresh: async () => {},
      // B is item × item: no user or item embedding table.
      embeddings: () => null,
      dispose: () => b.dispose(),
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
