import type { WorkerApi } from '../../engine/protocol';

/** What the embedding map, recommendations and graph views ask of the worker (a slice of `WorkerApi`). */
export type ExplainApi = Pick<WorkerApi, 'embeddingMap' | 'recommend' | 'explainGraph' | 'plantedVsLearned'>;

/** What the sequence view asks of the worker (sasrec's attention over a user's sequence). */
export type SequenceApi = Pick<WorkerApi, 'explainSequence'>;
