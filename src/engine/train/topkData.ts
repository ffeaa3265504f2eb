/**
 * What a top-k model trains and is scored on, from a dataset and its split (PROTOCOLS.md P2): per-user item
 * lists of the train / validation / test rows, each user's training and validation items in chronological order
 * (for sequence models), and the item modalities. Shared by the worker (the app's top-k
 * runs) and `bench/p2.ts`, so both build the data the same way.
 */
import { userSequencesFromRows } from '../../data/sequences';
import type { Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import type { TopkData } from '../../models/contract';
import { userItemsFromRows } from '../metrics/topk';
import type { TopkTrainData } from './topk';

export interface TopkDataOptions {
  /**
   * Keep only rows with a positive label (label > 0) as interactions: the app's datasets carry liked and
   * not-liked impressions (or sampled negatives), and only likes are interactions for ranking. P2 on
   * MovieLens counts every rating, so the bench turns this off.
   */
  readonly positiveOnly: boolean;
  /** The modalities the models see, by name (default: all of the dataset's). */
  readonly modalities?: readonly string[];
}

export interface TopkPrepared {
  readonly topk: TopkData;
  readonly split: TopkTrainData;
}

/** Rows of `rows` whose label is positive. */
export function positiveRows(labels: Float32Array, rows: Int32Array): Int32Array {
  let n = 0;
  for (const r of rows) if (labels[r] > 0) n++;
  const out = new Int32Array(n);
  let k = 0;
  for (const r of rows) if (labels[r] > 0) out[k++] = r;
  return out;
}

/** The model data and the split's user → item lists of `dataset` under `split`. */
export function topkDataFromSplit(dataset: Dataset, split: Split, options: TopkDataOptions): TopkPrepared {
  const inter = dataset.interactions;
  const U = dataset.numUsers;
  const rows = (r: Int32Array) => (options.positiveOnly ? positiveRows(inter.label, r) : r);
  const trainRows = rows(split.train);
  const train = userItemsFromRows(U, inter, trainRows);
  const validRows = rows(split.valid);
  const sequences = {
    train: userSequencesFromRows(U, inter, trainRows),
    valid: userSequencesFromRows(U, inter, validRows),
  };
  const wanted = options.modalities;
  const modalities = wanted ? dataset.modalities.filter((m) => wanted.includes(m.name)) : dataset.modalities;
  return {
    topk: { numUsers: U, numItems: dataset.numItems, train, modalities, sequences },
    split: {
      numItems: dataset.numItems,
      train,
      sequences,
      valid: userItemsFromRows(U, inter, validRows),
      test: userItemsFromRows(U, inter, rows(split.test)),
    },
  };
}

/** Training interactions per item (the popularity the views size nodes by). */
export function itemPopularity(data: TopkData): Int32Array {
  const out = new Int32Array(data.numItems);
  for (const i of data.train.indices) out[i]++;
  return out;
}
