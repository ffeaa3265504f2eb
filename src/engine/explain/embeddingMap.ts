/**
 * The embedding map: a model's item (or user) embeddings (`embeddings(role)`), the most popular items / most
 * active users kept, projected to 2-D by PCA, with the fields the map can be coloured by.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import type { EmbeddingRole } from '../../models/contract';
import type { EmbeddingMapPayload } from '../../contract/explain';
import type { EmbeddingMapOutcome } from '../explainProtocol';
import { countBuckets, itemPopularity } from './catalogue';
import { pca2 } from './pca';

/** The most points one embedding map holds (the most popular items / most active users are kept). */
export const MAX_MAP_POINTS = 20_000;

/** The `[n, d]` rows `rows` of a model's `role` table, read to the page side; null when it has none. */
async function readRows(
  model: EmbeddingTarget['model'],
  role: EmbeddingRole,
  rows: Int32Array,
): Promise<{ data: Float32Array; dim: number } | null> {
  const table = model.embeddings(role);
  if (!table) return null;
  const t = tf.tidy(() => tf.gather(table, tf.tensor1d(rows, 'int32')));
  table.dispose();
  try {
    return { data: Float32Array.from(await t.data()), dim: t.shape[1] };
  } finally {
    t.dispose();
  }
}

/** The `limit` indices with the largest counts (all when fewer), ascending by index. */
function keepTop(counts: Int32Array, limit: number): Int32Array {
  if (counts.length <= limit) return Int32Array.from(counts.keys());
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  return Int32Array.from(order.slice(0, limit)).sort();
}

/** The model whose embeddings a map shows, of either family. */
export interface EmbeddingTarget {
  readonly runId: number;
  readonly modelId: string;
  readonly model: { embeddings(role: EmbeddingRole): tf.Tensor2D | null };
}

/**
 * PCA of the model's item or user embeddings, with the fields the map can be coloured by. `itemCounts`: the
 * items' training popularity as the model's family counts it (default: every training row).
 */
export async function embeddingMap(
  ds: Dataset,
  split: Split,
  target: EmbeddingTarget,
  kind: EmbeddingRole,
  itemCounts?: Int32Array,
): Promise<EmbeddingMapOutcome> {
  const { runId, modelId, model } = target;
  const counts =
    kind === 'item'
      ? (itemCounts ?? itemPopularity(ds, split.train))
      : (() => {
          const c = new Int32Array(ds.numUsers);
          for (const r of split.train) c[ds.interactions.user[r]]++;
          return c;
        })();
  const indices = keepTop(counts, MAX_MAP_POINTS);
  const x = await readRows(model, kind, indices);
  if (!x) {
    return { type: 'unavailable', runId, reason: `${modelId} has no ${kind} embeddings for these data.` };
  }
  if (x.dim < 2) {
    return { type: 'unavailable', runId, reason: `${modelId} learns one weight per id, not an embedding.` };
  }
  const { xy, explained } = pca2(x.data, indices.length, x.dim);
  const pick = <T>(all: readonly T[]) => Array.from(indices, (i) => all[i]);
  let labels: string[];
  let colourFields: { name: string; values: string[]; tokens?: Int32Array }[];
  if (kind === 'item') {
    labels = Array.from(indices, (i) => {
      const t = ds.itemTitles[i];
      return t && t !== ds.itemKeys[i] ? `${ds.itemKeys[i]} · ${t}` : ds.itemKeys[i];
    });
    colourFields = [
      ...ds.itemFields.map((c) => ({
        name: c.name,
        values: Array.from(indices, (i) => c.vocab[c.tokens[i]] ?? ''),
        tokens: Int32Array.from(indices, (i) => (c.tokens[i] > 0 ? c.tokens[i] : -1)),
      })),
      ...ds.itemMultiFields.map((c) => ({
        name: c.name,
        values: Array.from(
          indices,
          (i) => (c.offsets[i] < c.offsets[i + 1] ? c.vocab[c.tokens[c.offsets[i]]] : '') ?? '',
        ),
      })),
      { name: 'popularity', values: pick(countBuckets(counts)) },
    ];
  } else {
    labels = pick(ds.userKeys);
    colourFields = [
      ...ds.userFields.map((c) => ({
        name: c.name,
        values: Array.from(indices, (u) => c.vocab[c.tokens[u]] ?? ''),
        tokens: Int32Array.from(indices, (u) => (c.tokens[u] > 0 ? c.tokens[u] : -1)),
      })),
      { name: 'activity', values: pick(countBuckets(counts)) },
    ];
  }
  const payload: EmbeddingMapPayload = {
    runId,
    kind,
    count: indices.length,
    xy,
    explained,
    labels,
    indices,
    colourFields,
  };
  return { type: 'ok', payload };
}
