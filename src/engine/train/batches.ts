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
  return { ...batch, history: tf.tensor2d(hist, [B, T], 'int32') };
}

export function disposeBatch(batch: CtrBatch): void {
  batch.fieldIds.dispose();
  batch.itemIdx.dispose();
  batch.labels.dispose();
  batch.multiIds?.dispose();
  batch.history?.dispose();
}
