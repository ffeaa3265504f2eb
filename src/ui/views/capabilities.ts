/**
 * Which explanation views a model supports: a tab is shown only when the trained model has what it needs.
 * Plain data, so the page decides without asking the worker.
 */

export type ViewId = 'heads' | 'behaviour' | 'graph' | 'embedding' | 'recommend' | 'runs';

export const VIEW_LABELS: Record<ViewId, string> = {
  heads: 'Attention heads',
  behaviour: 'Behaviour attention',
  graph: 'Modality graph',
  embedding: 'Embedding map',
  recommend: 'Recommendations',
  runs: 'Run comparison',
};

/** The views each model supports (heads / behaviour read `model.inspect`; the rest their own endpoints). */
const MODEL_VIEWS: Record<string, readonly ViewId[]> = {
  lr: ['recommend'], // one weight per id: no embedding to map
  dnn: ['embedding', 'recommend'],
  amfr: ['heads', 'embedding', 'recommend'], // fieldAttention + pairAttention
  autoint: ['heads', 'embedding', 'recommend'], // fieldAttention
  din: ['behaviour', 'embedding', 'recommend'], // behaviourAttention
  mmdin: ['behaviour', 'embedding', 'recommend'],
  // Top-k models rank every item for a user (`scoreUsers`); tmfun says why with its fused-graph neighbours
  // and shows its item–item modality graphs once the worker serves them (`ViewOptions.graph`).
  pop: ['recommend'],
  bprmf: ['recommend'],
  lightgcn: ['recommend'],
  tmfun: ['graph', 'recommend'],
};

export interface ViewOptions {
  /** The worker serves top-k item graphs (`explainGraph`); until then the graph tab stays off. */
  readonly graph: boolean;
}

/** The tabs for a trained model (none yet: ''); run comparison is always there. */
export function viewsFor(modelId: string, options: ViewOptions = { graph: false }): ViewId[] {
  const views = (MODEL_VIEWS[modelId] ?? []).filter((v) => v !== 'graph' || options.graph);
  return [...views, 'runs'];
}

/** True when the model's views need an inspection from the worker. */
export function needsInspection(modelId: string): boolean {
  return (MODEL_VIEWS[modelId] ?? []).some((v) => v === 'heads' || v === 'behaviour');
}

/** Models that have views beyond run comparison, for the empty state's hint. */
export function modelsWith(view: ViewId): string[] {
  return Object.entries(MODEL_VIEWS)
    .filter(([, views]) => views.includes(view))
    .map(([id]) => id);
}
