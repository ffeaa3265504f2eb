/** Batches for the ctr models, built from the encoding's typed arrays (no per-row objects). */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import type { CtrBatch } from '../../models/contract';

export interface BatchOptions {
  /**
   * Upload the rows' behaviour sequences (`history`). Default: whenever the encoding has them; pass false for
   * a model whose entry's `needs` has no `history`, to skip the upload.
   */
  readonly history?: boolean;
}

/** Copies the given rows into fresh typed arrays and uploads them as one batch. */
export function makeBatch(enc: CtrEncoding, rows: Int32Array, options: BatchOptions = {}): CtrBatch {
  const F = enc.fields.length;
  const W = enc.multiWidth;
  const B = rows.length;
  const ids = new Int32Array(B * F);
  const items = new Int32Array(B);
  const labels = new Float32Array(B);
  const multi = W > 0 ? new Int32Array(B * W) : null;
  for (let b = 0; b < B; b++) {
    const r = rows[b];
    const item = enc.itemIdx[r];
    ids.set(enc.fieldIds.subarray(r * F, r * F + F), b * F);
    items[b] = item;
    labels[b] = enc.labels[r];
    multi?.set(enc.itemMultiIds.subarray(item * W, item * W + W), b * W);
  }
  const batch: CtrBatch = {
    fieldIds: tf.tensor2d(ids, [B, F], 'int32'),
    itemIdx: tf.tensor1d(items, 'int32'),
    labels: tf.tensor1d(labels, 'float32'),
    ...(multi ? { multiIds: tf.tensor2d(multi, [B, W], 'int32') } : {}),
  };
  const h = enc.history;
  if (!h || options.history === false) return batch;
  const T = h.options.maxLength;
  const hist = new Int32Array(B * T);
  for (let b = 0; b < B; b++) hist.set(h.ids.subarray(rows[b] * T, rows[b] * T + T), b * T);
  return { ...batch, history: tf.tensor2d(hist, [B, T], 'int32'), items: distinctItems(enc, items, hist) };
}

/**
 * The distinct item tokens of candidates (`items`, item indices) and behaviours (`hist`, global ids of the
 * item_id field, 0 = padding), ascending, and the position of each among them (`CtrBatch.items`).
 */
function distinctItems(
  enc: CtrEncoding,
  items: Int32Array,
  hist: Int32Array,
): NonNullable<CtrBatch['items']> {
  const offset = enc.offsets[enc.itemFields[0]];
  const token = (id: number) => (id === 0 ? 0 : id - offset);
  const seen = new Uint8Array(enc.numItems + 1);
  for (const i of items) seen[i + 1] = 1;
  for (const id of hist) seen[token(id)] = 1;
  const slot = new Int32Array(enc.numItems + 1);
  const tokens: number[] = [];
  for (let t = 0; t < seen.length; t++) {
    if (!seen[t]) continue;
    slot[t] = tokens.length;
    tokens.push(t);
  }
  return {
    tokens: tf.tensor1d(tokens, 'int32'),
    cand: tf.tensor1d(
      Int32Array.from(items, (i) => slot[i + 1]),
      'int32',
    ),
    hist: tf.tensor1d(
      Int32Array.from(hist, (id) => slot[token(id)]),
      'int32',
    ),
  };
}

export function disposeBatch(batch: CtrBatch): void {
  batch.fieldIds.dispose();
  batch.itemIdx.dispose();
  batch.labels.dispose();
  batch.multiIds?.dispose();
  batch.history?.dispose();
  if (batch.items) tf.dispose([batch.items.tokens, batch.items.cand, batch.items.hist]);
}
