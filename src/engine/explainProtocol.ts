/**
 * Requests and outcomes of the explain endpoints that are not attention (the embedding map, a user's
 * recommendations). Their payloads are plain data in `contract/explain.ts`, which the views read.
 */
import type {
  EmbeddingMapPayload,
  PlantedPayload,
  RecommendationsPayload,
  SequencePayload,
} from '../contract/explain';

/** Which run's embeddings to map: items, or users (when the data have a `user_id` field). */
export interface EmbeddingMapRequest {
  readonly runId: number;
  readonly kind: 'item' | 'user';
}

/** What an explain endpoint answers: its payload, or why there is none (as for `explainAttention`). */
export type ExplainOutcome<P> =
  | { readonly type: 'ok'; readonly payload: P }
  | { readonly type: 'unavailable'; readonly runId: number; readonly reason: string }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

export type EmbeddingMapOutcome = ExplainOutcome<EmbeddingMapPayload>;

/** Top-K recommendations of a ctr run for one user. */
export interface RecommendRequest {
  readonly runId: number;
  /** Dense user index; null: the user of the first validation row of the explained validation sample. */
  readonly user: number | null;
  /** How many items (default 10, at most 100). */
  readonly k?: number;
}

export type RecommendOutcome = ExplainOutcome<RecommendationsPayload>;

/** Planted vs learned for a ctr run on data from the demo generator. */
export interface PlantedRequest {
  readonly runId: number;
}

export type PlantedOutcome = ExplainOutcome<PlantedPayload>;

/** A sequence model's attention over one user's training sequence (sasrec). */
export interface SequenceRequest {
  readonly runId: number;
  /** Dense user index; null: the user of the first validation row. */
  readonly user: number | null;
  /** How many recommendations (default 10, at most 50). */
  readonly k?: number;
}

export type SequenceOutcome = ExplainOutcome<SequencePayload>;
