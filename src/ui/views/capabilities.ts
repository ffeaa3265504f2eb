/**
 * Which explanation views a model supports: a tab is shown only when the trained model has what it needs.
 * Plain data, so the page decides without asking the worker.
 */

export type ViewId = 'heads' | 'behaviour' | 'graph' | 'runs';

export const VIEW_LABELS: Record<ViewId, string> = {
  heads: 'Attention heads',
  behaviour: 'Behaviour attention',
  graph: 'Modality graph',
  runs: 'Run comparison',
};

/** The views that read `model.inspect`; each lists the models whose payload has its key. */
const MODEL_VIEWS: Record<string, readonly ViewId[]> = {
  amfr: ['heads'], // fieldAttention + pairAttention
  autoint: ['heads'], // fieldAttention
  din: ['behaviour'], // behaviourAttention
  mmdin: ['behaviour'],
  // Slot for tmfun's item–item modality graph: the view lands with the model.
  tmfun: ['graph'],
};

/** The tabs for a trained model (none yet: ''); run comparison is always there. */
export function viewsFor(modelId: string): ViewId[] {
  return [...(MODEL_VIEWS[modelId] ?? []), 'runs'];
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
