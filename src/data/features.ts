import type { Dataset, Modality } from './types';

/** One categorical field of a ctr row, as the models see it. */
export interface CtrField {
  readonly name: string;
  readonly owner: 'user' | 'item';
  /** Number of tokens including padding token 0. */
  readonly vocabSize: number;
}

/**
 * A dataset encoded for pointwise (ctr) models. Every categorical field shares one embedding table: field f's
 * token t lives at row `offsets[f] + t`, so a batch needs a single gather instead of one per field.
 */
export interface CtrEncoding {
  readonly fields: readonly CtrField[];
  readonly offsets: Int32Array;
  readonly totalVocab: number;
  /** Row-major `[numRows, fields.length]` global token ids (offsets applied), one row per interaction. */
  readonly fieldIds: Int32Array;
  readonly userIdx: Int32Array;
  readonly itemIdx: Int32Array;
  readonly labels: Float32Array;
  /** Item modality matrices, looked up on the device by `itemIdx`. */
  readonly modalities: readonly Modality[];
}

export function encodeCtr(ds: Dataset): CtrEncoding {
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

  const { user, item, label } = ds.interactions;
  const n = user.length;
  const fieldIds = new Int32Array(n * numFields);
  for (let f = 0; f < numFields; f++) {
    const { field, tokens } = columns[f];
    const byUser = field.owner === 'user';
    const off = offsets[f];
    for (let r = 0; r < n; r++) fieldIds[r * numFields + f] = off + tokens[byUser ? user[r] : item[r]];
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
  };
}
