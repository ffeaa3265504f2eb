/**
 * The in-memory dataset every part of the app shares: columnar typed arrays, never arrays of row objects.
 *
 * Conventions:
 * - Users and items are dense indices `0..numUsers-1` / `0..numItems-1`; `userKeys` / `itemKeys` hold the
 *   original ids as strings, so an uploaded dataset keeps its ids for display and export.
 * - A categorical field stores one token per user or item; token 0 means padding / unknown, real values
 *   start at 1, and `vocab[token]` names the value (`vocab[0]` is the padding label).
 * - A modality is a dense float matrix, one row of `dim` numbers per item.
 */

import { countDistribution, countPerId, distinctPairs } from './stats';
import type { CountDistribution } from '../contract/explain';

/** One categorical column describing users or items (age bucket, category, author, …). */
export interface CategoricalColumn {
  readonly name: string;
  /** `vocab[0]` is the padding / unknown label; tokens index into it. */
  readonly vocab: readonly string[];
  /** One token per user or item (`Int32Array` of length numUsers or numItems). */
  readonly tokens: Int32Array;
}

/**
 * A multi-valued categorical column of items (genres, tags), in CSR form: item i's tokens are
 * `tokens[offsets[i] .. offsets[i + 1])`. Tokens start at 1 as in `CategoricalColumn`.
 */
export interface MultiCategoricalColumn {
  readonly name: string;
  readonly vocab: readonly string[];
  /** Length numItems + 1. */
  readonly offsets: Int32Array;
  readonly tokens: Int32Array;
}

/** A sparse `[numItems, cols]` matrix in CSR form: item i's entries are `indptr[i] .. indptr[i + 1]`. */
export interface SparseRows {
  readonly cols: number;
  /** Length numItems + 1. */
  readonly indptr: Int32Array;
  /** Column of each entry, ascending within a row. */
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** A dense feature matrix per item: visual, acoustic, text, … */
export interface Modality {
  readonly name: string;
  readonly dim: number;
  /** Row-major `[numItems, dim]`. */
  readonly data: Float32Array;
  /**
   * The raw sparse features the dense rows were reduced from, where there are such (text: the TF-IDF rows
   * before the SVD), so a model can find each item's neighbours by their exact cosine (`ops/sparseKnn.ts`).
   */
  readonly sparse?: SparseRows;
}

/** Timestamped interactions: parallel arrays, one entry per interaction. */
export interface Interactions {
  readonly user: Int32Array;
  readonly item: Int32Array;
  /** Seconds since the Unix epoch (float64 keeps real timestamps exact). */
  readonly timestamp: Float64Array;
  /** Binary label for ctr tasks (1 = click / like / positive). */
  readonly label: Float32Array;
}

export interface Dataset {
  readonly name: string;
  /** Where the data came from, for the share link and the summary ("demo seed 42", a file name, …). */
  readonly source: DatasetSource;
  readonly numUsers: number;
  readonly numItems: number;
  readonly userKeys: readonly string[];
  readonly itemKeys: readonly string[];
  /** Human-readable item titles (rendered as text, never as HTML). */
  readonly itemTitles: readonly string[];
  readonly userFields: readonly CategoricalColumn[];
  readonly itemFields: readonly CategoricalColumn[];
  readonly itemMultiFields: readonly MultiCategoricalColumn[];
  readonly modalities: readonly Modality[];
  readonly interactions: Interactions;
}

export type DatasetSource =
  | { readonly kind: 'demo'; readonly seed: number; readonly users: number; readonly items: number }
  | { readonly kind: 'upload'; readonly fileName: string; readonly hash: string };

/** What the UI shows about a dataset; plain data, cheap to post from the worker. */
export interface DatasetSummary {
  readonly name: string;
  readonly numUsers: number;
  readonly numItems: number;
  readonly numInteractions: number;
  readonly positiveRate: number;
  /** Distinct user–item pairs with at least one interaction. */
  readonly distinctPairs: number;
  /** Distinct pairs / (users × items): at most 1, whatever repeats the rows hold. */
  readonly density: number;
  readonly timeRange: readonly [number, number];
  readonly userFields: readonly { name: string; cardinality: number }[];
  readonly itemFields: readonly { name: string; cardinality: number }[];
  readonly modalities: readonly { name: string; dim: number }[];
  /** Interactions per user and per item (item popularity), for the long-tail plot. */
  readonly userActivity: CountDistribution;
  readonly itemPopularity: CountDistribution;
  /** Items without any interaction: only their fields and modalities describe them. */
  readonly coldItems: number;
  readonly labelBalance: { readonly positives: number; readonly negatives: number };
}

export function summarize(ds: Dataset): DatasetSummary {
  const { label, timestamp, user, item } = ds.interactions;
  const n = label.length;
  let positives = 0;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < n; i++) {
    positives += label[i];
    const t = timestamp[i];
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
  }
  const itemPopularity = countDistribution(countPerId(item, ds.numItems));
  // Rows are not pairs: sampled negatives repeat a pair (a user with few unseen items draws the same one
  // again), so counting rows gave densities over 100 %.
  const pairs = distinctPairs(user, item, ds.numItems);
  const card = (c: { name: string; vocab: readonly string[] }) => ({
    name: c.name,
    cardinality: c.vocab.length - 1,
  });
  return {
    name: ds.name,
    numUsers: ds.numUsers,
    numItems: ds.numItems,
    numInteractions: n,
    positiveRate: n === 0 ? 0 : positives / n,
    distinctPairs: pairs,
    density: ds.numUsers * ds.numItems === 0 ? 0 : pairs / (ds.numUsers * ds.numItems),
    timeRange: n === 0 ? [0, 0] : [tMin, tMax],
    userFields: ds.userFields.map(card),
    itemFields: [...ds.itemFields.map(card), ...ds.itemMultiFields.map(card)],
    modalities: ds.modalities.map((m) => ({ name: m.name, dim: m.dim })),
    userActivity: countDistribution(countPerId(user, ds.numUsers)),
    itemPopularity,
    coldItems: itemPopularity.zeros,
    labelBalance: { positives, negatives: n - positives },
  };
}
