/**
 * Plain payloads for the "Explain" views that are not attention: the item–item modality graphs of a top-k
 * model, the embedding map, and a user's recommendations. Produced in the worker, drawn by `src/viz`
 * components (which import these types only); typed arrays travel as transferables.
 */
import type { NeighbourLists } from '../models/topk/types';

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

/** Which run's embeddings to map: items, or users (when the data have a `user_id` field). */
export interface EmbeddingMapRequest {
  readonly runId: number;
  readonly kind: 'item' | 'user';
}

/** What an explain endpoint answers: its payload, or why there is none (as for `inspect`). */
export type ExplainOutcome<P> =
  | { readonly type: 'ok'; readonly payload: P }
  | { readonly type: 'unavailable'; readonly runId: number; readonly reason: string }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

export type EmbeddingMapOutcome = ExplainOutcome<EmbeddingMapPayload>;

/** One recommended item and why. */
export interface Recommendation {
  readonly item: number;
  readonly key: string;
  readonly title: string;
  readonly category: string;
  /** Optional: the category's 1-based token (-1 none), for the same swatch colour as the other views. */
  readonly categoryToken?: number;
  readonly score: number;
  /** Short reasons, strongest first: behaviours, fields or neighbours with their weights. */
  readonly reasons: readonly { readonly label: string; readonly weight: number }[];
}

export interface RecommendationsPayload {
  readonly runId: number;
  readonly user: number;
  readonly userKey: string;
  /** Top-K items not in the user's training items, best first. */
  readonly items: readonly Recommendation[];
  /** What the reasons are: 'behaviours' (din/mmdin), 'fields' (attention models), 'neighbours' (graphs), 'none'. */
  readonly reasonKind: 'behaviours' | 'fields' | 'neighbours' | 'none';
}

/** Top-K recommendations of a ctr run for one user. */
export interface RecommendRequest {
  readonly runId: number;
  /** Dense user index; null: the user of the first validation row of the inspection sample. */
  readonly user: number | null;
  /** How many items (default 10, at most 100). */
  readonly k?: number;
}

export type RecommendOutcome = ExplainOutcome<RecommendationsPayload>;
