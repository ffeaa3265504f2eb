/**
 * The plain data the views draw: what the worker's explain endpoints produce and `src/viz` consumes. A neutral
 * contract (types only, no imports), so that views depend on neither the engine nor the models, and models
 * and the engine fill the same shapes the views read. Typed arrays travel between worker and page as
 * transferables; tensors are flat and row-major with their shape (STYLE §8).
 */

/**
 * An attention tensor for the views (STYLE §8): flat, row-major, with its shape and, where the axes are
 * fields, their names.
 */
export interface AttentionMap {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  /** Names along the last two axes (fields), when they are fields. */
  readonly labels?: readonly string[];
}

/** Per-example behaviour attention, with which item each position held. */
export interface BehaviourAttention extends AttentionMap {
  /** `[B, T]` item index per position, -1 for padding (whose weight is exactly 0). */
  readonly items: Int32Array;
}

/**
 * A sequence model's causal self-attention over one user's items (sasrec): `shape` `[L, H, n, n]`, query
 * (row) position attending to key (column) position, positions oldest first. Row t has weight only on keys
 * 0..t (causal) and sums to 1, so its uniform baseline is 1/(t + 1).
 */
export interface SequenceAttention extends AttentionMap {
  /** `[n]` the item index at each position, oldest first (n ≤ the model's window T; no padding). */
  readonly items: Int32Array;
}

/** One position of a user's sequence, as the sequence view shows it. */
export interface SequenceItem {
  readonly item: number;
  readonly key: string;
  readonly title: string;
  readonly category: string;
  /** The category's 1-based token (-1 none), for the same colour as the other views. */
  readonly categoryToken: number;
}

/** A sequence model's attention over one user's items, with what it recommends from them (sasrec). */
export interface SequencePayload {
  readonly runId: number;
  readonly user: number;
  readonly userKey: string;
  /** The user's last n ≤ T training items, oldest first: the positions of `attention`. */
  readonly items: readonly SequenceItem[];
  /** `[L, H, n, n]` causal attention; row t sums to 1 over keys 0..t (uniform: 1/(t + 1)). */
  readonly attention: SequenceAttention;
  /** The top items scored from the last position (training items left out), best first. */
  readonly recommendations: readonly (SequenceItem & { readonly score: number })[];
  /**
   * Why: the past items the last position attends to, in the last block, averaged over its heads, strongest
   * first, each with its weight and its ratio to uniform 1/n; only those at least `REASON_MARGIN` × uniform.
   */
  readonly why: readonly { readonly position: number; readonly weight: number; readonly ratio: number }[];
}

/** Each item's top neighbours in a graph, `[numItems, k]` row-major, padded with -1 (weight 0). */
export interface NeighbourLists {
  readonly name: string;
  readonly k: number;
  readonly neighbours: Int32Array;
  readonly weights: Float32Array;
}

/** What the views show of each item: its key, title and a category for colour. */
export interface ItemCatalogue {
  readonly count: number;
  /** The item's id in the user's data. */
  readonly keys: readonly string[];
  readonly titles: readonly string[];
  /** Category value per item ('' when none). */
  readonly categories: readonly string[];
  /** Per item: the category's 1-based token, -1 when none; a stable colour per category. */
  readonly categoryTokens: Int32Array;
  /** Name of the item field used as category, or null when the data have none. */
  readonly categoryField: string | null;
  /** Training interactions per item (node size, "popular" ordering). */
  readonly popularity: Int32Array;
}

/** The item–item graphs of a top-k model (tmfun: one per modality, then the fused graph). */
export interface ModalityGraphPayload {
  readonly runId: number;
  readonly items: ItemCatalogue;
  /** Modality names, in the order of `attention`'s last axis. */
  readonly modalities: readonly string[];
  /** One graph per modality (same order as `modalities`), then `fused` when the model fuses them. */
  readonly graphs: readonly NeighbourLists[];
  /** `[count, modalities.length]` per-item modality attention α_i^m (rows sum to 1), or null. */
  readonly attention: Float32Array | null;
  /** `[modalities.length]` mean attention weighing the fused graph, or null. */
  readonly modalityWeights: Float32Array | null;
}

/** Embeddings projected to 2-D for the embedding map. */
export interface EmbeddingMapPayload {
  readonly runId: number;
  readonly kind: 'item' | 'user';
  readonly count: number;
  /** `[count, 2]` projected coordinates, row-major. */
  readonly xy: Float32Array;
  /** Share of the variance each of the two axes explains (PCA). */
  readonly explained: readonly [number, number];
  /** Per point: a label for hover (title or id). */
  readonly labels: readonly string[];
  /** Per point: its dense index (item or user), for selection across views. */
  readonly indices: Int32Array;
  /** Fields the map can be coloured by: categorical values per point. */
  readonly colourFields: readonly {
    readonly name: string;
    readonly values: readonly string[];
    /** Optional: the dataset's 1-based token per point (-1 none), so colours match the other views. */
    readonly tokens?: Int32Array;
  }[];
}

/** One recommended item and why. */
export interface Recommendation {
  readonly item: number;
  readonly key: string;
  readonly title: string;
  readonly category: string;
  /** Optional: the category's 1-based token (-1 none), for the same swatch colour as the other views. */
  readonly categoryToken?: number;
  readonly score: number;
  /**
   * Short reasons, strongest first: behaviours, fields or neighbours with their weights. An attention reason
   * also has `ratio`, its weight over what equal weighting would give it (1/n of a softmax over n fields or
   * pairs; the mean size of the weights over the user's past items for DIN's unnormalised behaviour weights),
   * and is only listed when that ratio is at least the payload's `reasonMargin`.
   */
  readonly reasons: readonly { readonly label: string; readonly weight: number; readonly ratio?: number }[];
}

export interface RecommendationsPayload {
  readonly runId: number;
  readonly user: number;
  readonly userKey: string;
  /** Top-K items not in the user's training items, best first. */
  readonly items: readonly Recommendation[];
  /** What the reasons are: 'behaviours' (din/mmdin), 'fields' (attention models), 'neighbours' (graphs), 'none'. */
  readonly reasonKind: 'behaviours' | 'fields' | 'neighbours' | 'none';
  /**
   * What `score` is: 'probability' (ctr models: the predicted probability of a like) or 'score' (top-k
   * models: a ranking score on the model's own scale, higher ranks first, e.g. a dot product of embeddings).
   */
  readonly scoreKind: 'probability' | 'score';
  /** With 'neighbours' reasons: how many of each item's nearest items in the graph were looked through. */
  readonly neighboursSearched?: number;
  /** With attention reasons: the least ratio to equal weighting a listed reason has ({@link REASON_MARGIN}). */
  readonly reasonMargin?: number;
  /** With 'behaviours' reasons: how many past items the user's history holds (0: nothing to attend to). */
  readonly historyLength?: number;
}

/**
 * A weight within this factor of equal weighting (1/n, or the mean of unnormalised weights) is "about
 * uniform": views draw it near the neutral colour and say so, and recommendations do not give it as a reason.
 */
export const REASON_MARGIN = 1.25;

/** The example an attention explanation is about. */
export interface ExplainExample {
  readonly user: number;
  readonly item: number;
  readonly userKey: string;
  readonly itemKey: string;
  readonly itemTitle: string;
  /**
   * 'valid': the user's validation row with this item; 'synthetic': a row built from the user's and the
   * item's fields, with the user's history up to the end of their training rows.
   */
  readonly source: 'valid' | 'synthetic';
  /** The validation row's label (1 liked); null for a synthetic row. */
  readonly label: number | null;
  /** The model's predicted probability of a like for this row. */
  readonly probability: number;
  /** The row's value of every categorical and multi-valued field, by field name (modalities have none). */
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

/** Behaviour attention of the example: `[T, H]` weights, positions oldest first, padding item -1. */
export interface BehaviourPayload extends BehaviourAttention {
  /** Per position: the item's title ('' for padding). */
  readonly titles: readonly string[];
  /** Per position: the item's category value ('' for padding or when the data have no item field). */
  readonly categories: readonly string[];
  /** Per position: the category's token (1-based), -1 when none; for a stable colour per category. */
  readonly categoryTokens: Int32Array;
  /** Name of the item field used as category, or null. */
  readonly categoryField: string | null;
  /** The candidate item's category and its token (-1 when none). */
  readonly candidateCategory: string;
  readonly candidateCategoryToken: number;
  /** Per position: timestamp in seconds (NaN for padding). */
  readonly times: Float64Array;
  /** Per position: 1 liked, 0 not, -1 padding. */
  readonly liked: Int8Array;
  /** True when weights are normalised to sum to 1 over the behaviours (softmax on). */
  readonly normalised: boolean;
}

/** How many interactions each user (or item) has, as a log-binned histogram plus its order statistics. */
export interface CountDistribution {
  /** Over every user / item, including those with no interaction. */
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly mean: number;
  /** Users / items with no interaction (not in any bin). */
  readonly zeros: number;
  /**
   * Bin k holds the users / items with `binStarts[k] ≤ count < binStarts[k + 1]` (the last bin: up to `max`).
   * Starts are powers of two (1, 2, 4, …), so a long tail shows evenly on a log axis.
   */
  readonly binStarts: readonly number[];
  readonly binCounts: readonly number[];
}

/**
 * Planted vs learned (issue 22): on data from the demo generator, each planted signal the model could learn,
 * what of the trained model is compared with it, one agreement number and its chance level (what a model
 * trained on shuffled labels scores), and a sentence saying what it means.
 */
export interface PlantedSignal {
  readonly id:
    | 'cross'
    | 'pairAttention'
    | 'fieldAttention'
    | 'recency'
    | 'modalityAttention'
    | 'embedding'
    | 'popularity';
  /** What the generator planted, in words. */
  readonly planted: string;
  /** What of the model is compared with it, in words. */
  readonly learned: string;
  /** The agreement, its chance level and its best value (the measure's ends). */
  readonly value: number;
  readonly chance: number;
  readonly best: number;
  /** Where the chance level comes from when it is not the measure's own (e.g. "untrained"). */
  readonly chanceFrom?: string;
  /** The agreement as shown ("0.81 (r 0.98)", "9th of 55, 1.06× uniform"). */
  readonly shown: string;
  /**
   * 'learned': clearly past chance toward the truth; 'partly': its shape but well short of its size;
   * 'against': past chance the other way; 'unplanted': the data wizard switched the signal off (knob at 0, or
   * labels that are pure noise), so there is nothing to learn (`sentence` says what the measure read).
   */
  readonly verdict: 'learned' | 'partly' | 'chance' | 'against' | 'unplanted';
  readonly sentence: string;
  /** Per attention head where the model has several (behaviour attention). */
  readonly heads?: readonly number[];
}

export interface PlantedPayload {
  readonly runId: number;
  readonly modelId: string;
  /** How many rows the agreements were measured on: validation rows, or items (`unit`). */
  readonly rows: number;
  readonly unit?: 'validation rows' | 'items';
  readonly signals: readonly PlantedSignal[];
}
