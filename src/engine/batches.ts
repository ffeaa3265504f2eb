/** Batches for the ctr models, built from the encoding's typed arrays (no per-row objects). */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../data/features';
import type { CtrBatch } from '../models/types';

/** Copies the given rows into fresh typed arrays and uploads them as one batch. */
export function makeBatch(enc: CtrEncoding, rows: Int32Array): CtrBatch {
  const F = enc.fields.length;
  const B = rows.length;
  const ids = new Int32Array(B * F);
  const items = new Int32Array(B);
  const labels = new Float32Array(B);
  for (let b = 0; b < B; b++) {
    const r = rows[b];
    ids.set(enc.fieldIds.subarray(r * F, r * F + F), b * F);
    items[b] = enc.itemIdx[r];
    labels[b] = enc.labels[r];
  }
  return {
    fieldIds: tf.tensor2d(ids, [B, F], 'int32'),
    itemIdx: tf.tensor1d(items, 'int32'),
    labels: tf.tensor1d(labels, 'float32'),
  };
}

export function disposeBatch(batch: CtrBatch): void {
  batch.fieldIds.dispose();
  batch.itemIdx.dispose();
  batch.labels.dispose();
}
