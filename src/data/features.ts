import { behaviourSequences, DEFAULT_SEQUENCE_OPTIONS, type SequenceOptions } from './sequences';
import type { Dataset, Modality } from './types';

/** One categorical field of a ctr row, as the models see it. */
export interface CtrField {
  readonly name: string;
  readonly owner: 'user' | 'item';
  /** Number of tokens including padding token 0. */
  readonly vocabSize: number;
}

/** A multi-valued item field (genres, tags): its field vector is the masked mean of its values' embeddings. */
export interface CtrMultiField {
  readonly name: string;
  readonly owner: 'item';
  /** Number of tokens including padding token 0. */
  readonly vocabSize: number;
  /** Row of its token 0 in the shared table (token t is at `offset + t`). */
  readonly offset: number;
  /** Values kept per item: the longest list in the data, capped by `EncodeOptions.maxMultiValues`. */
  readonly maxLen: number;
}

/** Behaviour sequences as rows of the shared table (see `CtrEncoding.history`). */
export interface CtrHistory {
  readonly options: SequenceOptions;
  /** Row-major `[numRows, T]`: `offsets[item_id] + item index + 1` per behaviour, 0 = padding. */
  readonly ids: Int32Array;
}

/**
 * A dataset encoded for pointwise (ctr) models. Every categorical and multi-valued field shares one embedding
 * table: field f's token t lives at row `offsets[f] + t`, so a batch needs a single gather instead of one per
 * field. Global id 0 doubles as "padding" in the multi-valued and history arrays (it is `user_id`'s padding
 * token, which real rows never use), so a mask is just `id != 0`.
 */
export interface CtrEncoding {
  readonly fields: readonly CtrField[];
  readonly offsets: Int32Array;
  /** Rows of the shared table: every categorical field's vocabulary, then every multi-valued field's. */
  readonly totalVocab: number;
  /** Row-major `[numRows, fields.length]` global token ids (offsets applied), one row per interaction. */
  readonly fieldIds: Int32Array;
  readonly userIdx: Int32Array;
  readonly itemIdx: Int32Array;
  readonly labels: Float32Array;
  /** Item modality matrices, looked up on the device by `itemIdx`. */
  readonly modalities: readonly Modality[];
  readonly numItems: number;
  /** Indices into `fields` of the item-owned categorical fields; `item_id` is first. */
  readonly itemFields: Int32Array;
  /** Row-major `[numItems, itemFields.length]` global ids of each item's categorical fields. */
  readonly itemFieldIds: Int32Array;
  readonly multiFields: readonly CtrMultiField[];
  /** Σ maxLen over `multiFields`: the width of `itemMultiIds`. */
  readonly multiWidth: number;
  /**
   * Row-major `[numItems, multiWidth]` global ids, field after field, each field's values left-aligned in
   * its `maxLen` slots and padded with 0.
   */
  readonly itemMultiIds: Int32Array;
  /** Behaviour sequences for din / mmdin; null when not encoded. */
  readonly history: CtrHistory | null;
}

export interface EncodeOptions {
  /** Behaviour sequences to encode (null: none; models that need them then refuse to build). */
  readonly history: SequenceOptions | null;
  /** Longer value lists of a multi-valued field are truncated to their first this-many values. */
  readonly maxMultiValues: number;
}

export const DEFAULT_ENCODE_OPTIONS: EncodeOptions = {
  history: DEFAULT_SEQUENCE_OPTIONS,
  maxMultiValues: 32,
};

export function encodeCtr(ds: Dataset, options: Partial<EncodeOptions> = {}): CtrEncoding {
  const opts: EncodeOptions = { ...DEFAULT_ENCODE_OPTIONS, ...options };
  const userIds = new Int32Array(ds.numUsers);
  for (let u = 0; u < ds.numUsers; u++) userIds[u] = u + 1;
  const itemIds = new Int32Array(ds.numItems);
  for (let i = 0; i < ds.numItems; i++) itemIds[i] = i + 1;

  const columns: { field: CtrField; tokens: Int32Array }[] = [
    { field: { name: 'user_id', owner: 'user', vocabSize: ds.numUsers + 1 }, tokens: userIds },
    { field: { name: 'item_id', owner: 'item', vocabSize: ds.numItems + 1 }, tokens: itemIds },
    ...ds.userFields.map((c) => ({
      field: { name: c.name, owner: 'user' as const, vocabSize: c.vocab.length },
      tokens: c.tokens,
    })),
    ...ds.itemFields.map((c) => ({
      field: { name: c.name, owner: 'item' as const, vocabSize: c.vocab.length },
      tokens: c.tokens,
    })),
  ];
  const numFields = columns.length;
  const offsets = new Int32Array(numFields);
  let total = 0;
  columns.forEach((c, f) => {
    offsets[f] = total;
    total += c.field.vocabSize;
  });

  const multiFields: CtrMultiField[] = ds.itemMultiFields.map((c) => {
    let longest = 0;
    for (let i = 0; i < ds.numItems; i++) longest = Math.max(longest, c.offsets[i + 1] - c.offsets[i]);
    const field: CtrMultiField = {
      name: c.name,
      owner: 'item',
      vocabSize: c.vocab.length,
      offset: total,
      maxLen: Math.min(longest, opts.maxMultiValues),
    };
    total += c.vocab.length;
    return field;
  });
  const multiWidth = multiFields.reduce((s, f) => s + f.maxLen, 0);
  const itemMultiIds = new Int32Array(ds.numItems * multiWidth);
  let slot = 0;
  ds.itemMultiFields.forEach((c, k) => {
    const { offset, maxLen } = multiFields[k];
    for (let i = 0; i < ds.numItems; i++) {
      const n = Math.min(c.offsets[i + 1] - c.offsets[i], maxLen);
      for (let j = 0; j < n; j++) {
        const token = c.tokens[c.offsets[i] + j];
        // Token 0 is "unknown": keep it padding rather than pointing at the field's padding row.
        itemMultiIds[i * multiWidth + slot + j] = token > 0 ? offset + token : 0;
      }
    }
    slot += maxLen;
  });

  const itemFields = Int32Array.from(columns.flatMap((c, f) => (c.field.owner === 'item' ? [f] : [])));
  const itemFieldIds = new Int32Array(ds.numItems * itemFields.length);
  for (let i = 0; i < ds.numItems; i++) {
    itemFields.forEach((f, k) => {
      itemFieldIds[i * itemFields.length + k] = offsets[f] + columns[f].tokens[i];
    });
  }

  const { user, item, label } = ds.interactions;
  const n = user.length;
  const fieldIds = new Int32Array(n * numFields);
  for (let f = 0; f < numFields; f++) {
    const { field, tokens } = columns[f];
    const byUser = field.owner === 'user';
    const off = offsets[f];
    for (let r = 0; r < n; r++) fieldIds[r * numFields + f] = off + tokens[byUser ? user[r] : item[r]];
  }

  let history: CtrHistory | null = null;
  if (opts.history) {
    const ids = behaviourSequences(ds.interactions, opts.history);
    const itemOffset = offsets[itemFields[0]]; // item_id
    for (let k = 0; k < ids.length; k++) if (ids[k] > 0) ids[k] += itemOffset;
    history = { options: opts.history, ids };
  }

  return {
    fields: columns.map((c) => c.field),
    offsets,
    totalVocab: total,
    fieldIds,
    userIdx: user,
    itemIdx: item,
    labels: label,
    modalities: ds.modalities,
    numItems: ds.numItems,
    itemFields,
    itemFieldIds,
    multiFields,
    multiWidth,
    itemMultiIds,
    history,
  };
}
