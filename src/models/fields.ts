/**
 * Feature fields (MODELS.md "Feature fields"): every column of a ctr row becomes one `d`-vector.
 * Categorical fields are rows of one shared table; a multi-valued field is the masked mean of its values'
 * rows; an item modality vector is projected, `W_m x + b_m`. `fieldEmbedding` stacks them for a row as
 * `[B, M, d]`; `itemEmbedding` builds DIN's per-item vector for candidates and behaviours alike.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding, CtrMultiField } from '../data/features';
import type { Modality } from '../data/types';
import { dense, embeddingL2, type Dense, type Params } from './layers';
import type { CtrBatch, EmbeddingRole } from './contract';

export interface EmbeddingOptions {
  readonly useModalities: boolean;
  readonly initStd: number;
  /** L2 on the embeddings each batch uses (see `embeddingL2`); 0 = off. */
  readonly l2Embedding: number;
}

/** The shared table: `[totalVocab, d]`, normal init. */
export function embeddingTable(p: Params, features: CtrEncoding, dim: number, initStd: number): tf.Variable {
  return p.normal('embedding', [features.totalVocab, dim], initStd);
}

/**
 * `[count, d]` rows of a shared `[totalVocab, d]` table (or lr's `[totalVocab, 1]` weights) for the item or
 * user id field, by dense index (token i + 1 is index i; 0 is padding). A new tensor; null when the encoding
 * has no such field.
 */
export function idRows(table: tf.Tensor2D, features: CtrEncoding, role: EmbeddingRole): tf.Tensor2D | null {
  const name = role === 'item' ? 'item_id' : 'user_id';
  const f = features.fields.findIndex((x) => x.name === name);
  if (f < 0) return null;
  return tf.slice(table, [features.offsets[f] + 1, 0], [features.fields[f].vocabSize - 1, table.shape[1]]);
}

/** The field (0..K−1) each slot of a multi-valued id row belongs to: `fields[k]` spans `maxLen` slots. */
export function slotFields(fields: readonly CtrMultiField[]): Int32Array {
  const out = new Int32Array(fields.reduce((s, f) => s + f.maxLen, 0));
  let start = 0;
  fields.forEach((f, k) => {
    out.fill(k, start, (start += f.maxLen));
  });
  return out;
}

/** The kernel of `multiFieldMean` on host backends (`engine/kernels/FieldMean.ts`); its gradient's below. */
export const FIELD_MEAN = 'RecplayFieldMean';
/** The table gradient of {@link FIELD_MEAN}: a scatter of each mean's upstream rows into its values' rows. */
export const FIELD_MEAN_GRAD = 'RecplayFieldMeanGrad';

/** The first slot of each field in a multi-valued id row, then the row's width: `[K + 1]`. */
export function fieldStarts(fields: readonly CtrMultiField[]): Int32Array {
  const out = new Int32Array(fields.length + 1);
  fields.forEach((f, k) => (out[k + 1] = out[k] + f.maxLen));
  return out;
}

type Floats = Float32Array | Int32Array | Uint8Array;

/**
 * {@link FIELD_MEAN} in JavaScript (the cpu kernel, and wasm's where wasm SIMD is missing): `out[r·K + k, :]`
 * = the mean of `table[id, :]` over the nonzero ids of row r's slots `starts[k] .. starts[k + 1]`, zero when
 * there are none. `table: [V, d]`, `ids: [n, starts[K]]`, `out: [n·K, d]`, row-major. Each value's row is
 * weighted by the float32 1 / count, then summed in slot order (as the stock composition does).
 * @returns -1, or the first position of `ids` outside `[0, V)` (then `out` is not written).
 */
export function fieldMeanInto(
  table: Floats,
  ids: Floats,
  starts: Floats,
  n: number,
  d: number,
  out: Floats,
): number {
  const V = d > 0 ? table.length / d : 0;
  for (let i = 0; i < ids.length; i++) if (!(ids[i] >= 0 && ids[i] < V)) return i;
  const K = starts.length - 1;
  const w = starts[K];
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < K; k++) {
      const o = (r * K + k) * d;
      out.fill(0, o, o + d);
      let count = 0;
      for (let j = starts[k]; j < starts[k + 1]; j++) if (ids[r * w + j] !== 0) count++;
      if (count === 0) continue;
      const wt = Math.fround(1 / count);
      for (let j = starts[k]; j < starts[k + 1]; j++) {
        const s = ids[r * w + j] * d;
        if (s === 0) continue;
        for (let c = 0; c < d; c++) out[o + c] += Math.fround(table[s + c] * wt);
      }
    }
  }
  return -1;
}

/**
 * {@link FIELD_MEAN_GRAD} in JavaScript: `out: [V, d]` (zeroed here) gets, for every nonzero id of row r's
 * field k, `dy[r·K + k, :] / count` plus `l2Scale · table[id, :]` (the embedding L2 of each value used).
 */
export function fieldMeanGradInto(
  dy: Floats,
  ids: Floats,
  starts: Floats,
  n: number,
  d: number,
  table: Floats,
  l2Scale: number,
  out: Floats,
): void {
  out.fill(0);
  const V = d > 0 ? table.length / d : 0;
  const K = starts.length - 1;
  const w = starts[K];
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < K; k++) {
      let count = 0;
      for (let j = starts[k]; j < starts[k + 1]; j++) if (ids[r * w + j] !== 0) count++;
      if (count === 0) continue;
      const wt = Math.fround(1 / count);
      const g = (r * K + k) * d;
      for (let j = starts[k]; j < starts[k + 1]; j++) {
        const id = ids[r * w + j];
        if (id === 0 || !(id < V)) continue;
        const t = id * d;
        for (let c = 0; c < d; c++) {
          out[t + c] += Math.fround(dy[g + c] * wt) + (l2Scale > 0 ? Math.fround(table[t + c] * l2Scale) : 0);
        }
      }
    }
  }
}

/** Whether the active backend runs {@link FIELD_MEAN} (cpu and wasm, once our kernels are registered). */
function hostFieldMean(): boolean {
  const name = tf.getBackend();
  return (name === 'cpu' || name === 'wasm') && tf.getKernel(FIELD_MEAN, name) !== undefined;
}

/**
 * Masked mean of each multi-valued field's value embeddings. `ids: [N, W]` (0 = padding) → `[N, K, d]`,
 * K = `fields.length`; a field with no values gives the zero vector. `l2` / `batchSize`: see `embeddingL2`.
 *
 * On cpu and wasm one kernel reads each value's row where it lies and one writes the gradient into the table
 * ({@link FIELD_MEAN}): no `[N·W, d]` rows, weights or upstream copies, which on tfjs-wasm cost a DIN step
 * with 40-wide tag lists about a sixth of its time (issue 21). Elsewhere {@link multiFieldMeanComposed}.
 */
export function multiFieldMean(
  table: tf.Tensor,
  ids: tf.Tensor2D,
  fields: readonly CtrMultiField[],
  l2: number,
  batchSize: number,
): tf.Tensor3D {
  if (!hostFieldMean()) return multiFieldMeanComposed(table, ids, fields, l2, batchSize);
  const [n, w] = ids.shape;
  const K = fields.length;
  const [V, d] = table.shape.length === 2 ? table.shape : [table.shape[0], 1];
  const starts = fieldStarts(fields);
  if (starts[K] !== w) throw new Error(`multiFieldMean: ids are ${w} wide, the fields ${starts[K]}`);
  const startsT = tf.tensor1d(starts, 'int32');
  const l2Scale = l2 > 0 ? (2 * l2) / batchSize : 0;
  // customGrad's callback receives (inputs…, save) as one untyped list. The gradient reads only what is saved
  // (the caller's tidy disposes the rest before the backward pass).
  const bag = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const flat = tf.reshape(x, [V, d]);
    save([flat, ids, startsT]);
    return {
      value: tf.engine().runKernel(FIELD_MEAN, { table: flat, ids, starts: startsT }) as tf.Tensor,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) =>
        tf.reshape(
          tf
            .engine()
            .runKernel(
              FIELD_MEAN_GRAD,
              { dy: dy as tf.Tensor, ids: saved[1], starts: saved[2], table: saved[0] },
              { l2Scale },
            ) as tf.Tensor,
          table.shape,
        ),
    };
  });
  return tf.reshape(bag(table), [n, K, d]);
}

/**
 * {@link multiFieldMean} as stock ops, for the GPU backends: each value's row is weighted by 1 / (its field's
 * value count in that row) and the weighted rows summed per (row, field) by one segment sum, with a
 * hand-written gradient (a segment sum into the table): no slices along the slot axis nor `[N, W, d]` masks.
 */
export function multiFieldMeanComposed(
  table: tf.Tensor,
  ids: tf.Tensor2D,
  fields: readonly CtrMultiField[],
  l2: number,
  batchSize: number,
): tf.Tensor3D {
  const [n, w] = ids.shape;
  const K = fields.length;
  const [V, d] = table.shape.length === 2 ? table.shape : [table.shape[0], 1];
  const slots = slotFields(fields);
  const oneHot = new Float32Array(w * K);
  slots.forEach((k, j) => (oneHot[j * K + k] = 1));
  const slotToField = tf.tensor2d(oneHot, [w, K]); // [W, K]
  const mask = tf.cast(tf.notEqual(ids, 0), 'float32'); // [N, W]
  const count = tf.maximum(tf.matMul(mask, slotToField), 1); // [N, K]
  // [N·W, 1]: 1 / (the slot's field count in its row), 0 on padding.
  const weight = tf.reshape(tf.div(mask, tf.matMul(count, slotToField, false, true)), [n * w, 1]);
  const flatIds = tf.reshape(ids, [n * w]) as tf.Tensor1D;
  const segment = new Int32Array(n * w);
  for (let r = 0; r < n; r++) for (let j = 0; j < w; j++) segment[r * w + j] = r * K + slots[j];
  const segmentIds = tf.tensor1d(segment, 'int32');
  // The L2 gradient goes to every value used (as embeddingL2 on the masked rows would give it).
  const l2Scale = l2 > 0 ? (2 * l2) / batchSize : 0;
  const usedScale = l2Scale > 0 ? tf.mul(tf.reshape(mask, [n * w, 1]), l2Scale) : null;
  // customGrad's callback receives (inputs…, save) as one untyped list. The gradient may only read what is
  // saved: the forward's other tensors are disposed before the backward pass runs.
  const bag = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
    const rows = tf.reshape(tf.gather(x, flatIds), [n * w, d]);
    save(usedScale ? [weight, segmentIds, flatIds, rows, usedScale] : [weight, segmentIds, flatIds]);
    return {
      value: tf.unsortedSegmentSum(tf.mul(rows, weight), segmentIds, n * K),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [wt, seg, idx, used, scale] = saved;
        let perValue = tf.mul(tf.gather(dy as tf.Tensor, seg), wt); // [N·W, d]
        if (used) perValue = tf.add(perValue, tf.mul(used, scale));
        return tf.reshape(tf.unsortedSegmentSum(perValue, idx as tf.Tensor1D, V), table.shape);
      },
    };
  });
  return tf.reshape(bag(table), [n, K, d]);
}

interface Projection {
  readonly modality: Modality;
  /** `[numItems + 1, dim]`: row 0 is zeros (padding), row i + 1 is item i. */
  readonly data: tf.Tensor2D;
  readonly proj: Dense;
}

/** One `W_m x + b_m` per modality, over a constant item matrix with a zero padding row on top. */
export function modalityProjections(
  p: Params,
  modalities: readonly Modality[],
  outDim: number,
): readonly Projection[] {
  return modalities.map((m) => {
    const padded = new Float32Array(m.data.length + m.dim);
    padded.set(m.data, m.dim);
    return {
      modality: m,
      data: p.constant(tf.tensor2d(padded, [padded.length / m.dim, m.dim])),
      proj: dense(p, `modality_${m.name}`, m.dim, outDim),
    };
  });
}

/** `tokens: [N]` int32 (item index + 1, 0 = padding) → `[N, outDim]`. */
export function projectModality(m: Projection, tokens: tf.Tensor1D): tf.Tensor2D {
  return m.proj.apply(tf.gather(m.data, tokens) as tf.Tensor2D);
}

/** Item indices `[N]` → item tokens `[N]` (index + 1), the row numbering of the padded item matrices. */
export function itemTokens(itemIdx: tf.Tensor1D): tf.Tensor1D {
  return tf.add(itemIdx, tf.scalar(1, 'int32'));
}

export interface FieldEmbedding {
  /** Number of fields M: categorical, then multi-valued, then one per item modality. */
  readonly numFields: number;
  readonly fieldNames: readonly string[];
  /** The shared table `[totalVocab, d]`. */
  readonly table: tf.Variable;
  /** @returns `[B, M, d]`; `training` switches the embedding L2 on. */
  apply(batch: CtrBatch, training: boolean): tf.Tensor3D;
}

/**
 * All fields of a ctr row as `E ∈ R^{B×M×d}`: categorical lookups in one shared table, masked means of the
 * multi-valued fields, and the projected item modality vectors.
 */
export function fieldEmbedding(
  p: Params,
  features: CtrEncoding,
  dim: number,
  options: EmbeddingOptions,
): FieldEmbedding {
  const table = embeddingTable(p, features, dim, options.initStd);
  const projections = modalityProjections(p, options.useModalities ? features.modalities : [], dim);
  const multi = features.multiFields;
  const fieldNames = [
    ...features.fields.map((f) => f.name),
    ...multi.map((f) => f.name),
    ...projections.map((m) => m.modality.name),
  ];
  return {
    numFields: fieldNames.length,
    fieldNames,
    table,
    apply(batch, training) {
      const l2 = training ? options.l2Embedding : 0;
      const B = batch.fieldIds.shape[0];
      const parts: tf.Tensor3D[] = [embeddingL2(tf.gather(table, batch.fieldIds) as tf.Tensor3D, l2, B)];
      if (multi.length > 0) {
        if (!batch.multiIds) throw new Error('the batch lacks multiIds for the multi-valued fields');
        parts.push(multiFieldMean(table, batch.multiIds, multi, l2, B));
      }
      if (projections.length > 0) {
        const tokens = itemTokens(batch.itemIdx);
        for (const m of projections) parts.push(tf.expandDims(projectModality(m, tokens), 1));
      }
      return parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor3D);
    },
  };
}

export interface ItemEmbedding {
  /** Length of an item vector `d_v`. */
  readonly dim: number;
  /** Names of the parts of `v`, in order (item fields, multi-valued fields, modalities). */
  readonly partNames: readonly string[];
  /**
   * `tokens: [N]` int32 (item index + 1, 0 = padding) → `[N, d_v]`
   * `v = [e_item_id; e_category…; mean(e_genres)…; P_m x_m…]`; padding rows are exactly zero.
   * `batchSize` scales the embedding L2 (N may be B·T).
   */
  apply(tokens: tf.Tensor1D, training: boolean, batchSize: number): tf.Tensor2D;
}

/**
 * DIN's item representation, shared by the candidate and every behaviour (MODELS.md §2.1): the item's
 * categorical fields (`item_id` first), the masked mean of each multi-valued field, and, with modalities,
 * each modality projected to `modalityDim` (one projection per modality, shared by candidate and history).
 */
export function itemEmbedding(
  p: Params,
  features: CtrEncoding,
  table: tf.Tensor,
  dim: number,
  options: EmbeddingOptions & { readonly modalityDim: number },
): ItemEmbedding {
  const Fi = features.itemFields.length;
  const W = features.multiWidth;
  const withPadding = (data: Int32Array, width: number) => {
    const padded = new Int32Array(data.length + width);
    padded.set(data, width);
    return p.constant(tf.tensor2d(padded, [features.numItems + 1, width], 'int32'));
  };
  const fieldIds = withPadding(features.itemFieldIds, Fi);
  const multiIds = W > 0 ? withPadding(features.itemMultiIds, W) : null;
  const projections = modalityProjections(
    p,
    options.useModalities ? features.modalities : [],
    options.modalityDim,
  );
  const partNames = [
    ...Array.from(features.itemFields, (f) => features.fields[f].name),
    ...features.multiFields.map((f) => f.name),
    ...projections.map((m) => m.modality.name),
  ];
  const K = features.multiFields.length;
  return {
    dim: (Fi + K) * dim + projections.length * options.modalityDim,
    partNames,
    apply(tokens, training, batchSize) {
      const l2 = training ? options.l2Embedding : 0;
      const n = tokens.shape[0];
      const mask = tf.expandDims(tf.cast(tf.notEqual(tokens, 0), 'float32'), 1); // [N, 1]
      const cat = tf.mul(tf.gather(table, tf.gather(fieldIds, tokens)), tf.expandDims(mask, 2)); // [N, Fi, d]
      const parts: tf.Tensor2D[] = [tf.reshape(embeddingL2(cat, l2, batchSize), [n, Fi * dim])];
      if (multiIds) {
        const ids = tf.gather(multiIds, tokens) as tf.Tensor2D;
        const means = multiFieldMean(table, ids, features.multiFields, l2, batchSize);
        parts.push(tf.reshape(means, [n, K * dim]));
      }
      // Padding rows of the modality matrices are zero, but the projection's bias is not: mask it.
      for (const m of projections) parts.push(tf.mul(projectModality(m, tokens), mask));
      return parts.length === 1 ? parts[0] : (tf.concat(parts, 1) as tf.Tensor2D);
    },
  };
}
