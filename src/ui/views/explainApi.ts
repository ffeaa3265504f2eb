import type {
  EmbeddingMapOutcome,
  EmbeddingMapRequest,
  RecommendOutcome,
  RecommendRequest,
} from '../../engine/explainProtocol';
import type { ModalityGraphPayload } from '../../contract/explain';

/** The item graphs of a model that has them (tmfun). */
export type ExplainGraph = (req: {
  runId: number;
  k: number;
}) => Promise<
  | { type: 'ok'; payload: ModalityGraphPayload }
  | { type: 'unavailable'; runId: number; reason: string }
  | { type: 'error'; runId: number; message: string }
>;

/** What the embedding map, recommendations and graph views need of the worker. */
export interface ExplainApi {
  embeddingMap(request: EmbeddingMapRequest): Promise<EmbeddingMapOutcome>;
  recommend(request: RecommendRequest): Promise<RecommendOutcome>;
  explainGraph: ExplainGraph;
}
