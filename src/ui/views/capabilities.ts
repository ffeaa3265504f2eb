/**
 * Which explain tabs a trained model gets: the views its registry entry lists (`ModelEntry.views`), then the
 * run comparison every run has. Plain data, so the page decides without asking the worker.
 */
import type { ModelView } from '../../models/contract';
import { REGISTRY } from '../../models/registry';

export type ViewId = ModelView | 'planted' | 'runs';

export const VIEW_LABELS: Record<ViewId, string> = {
  heads: 'Attention heads',
  behaviour: 'Behaviour attention',
  sequence: 'Sequence attention',
  graph: 'Modality graph',
  embedding: 'Embedding map',
  recommend: 'Recommendations',
  planted: 'Planted vs learned',
  runs: 'Run comparison',
};

/**
 * The tabs for a trained model (none yet: ''); planted vs learned for any model on data from the demo
 * generator (`demo`), the only data whose truth is known (every model's item scores are read against the
 * planted popularity; ctr models' predictions and attention, item embeddings and tmfun's modality attention
 * against the rest); run comparison is always there.
 */
export function viewsFor(modelId: string, demo = false): ViewId[] {
  const entry = REGISTRY.get(modelId);
  const planted: ViewId[] = demo && entry ? ['planted'] : [];
  return [...(entry?.views ?? []), ...planted, 'runs'];
}

/** True when the model's views need an attention explanation of an example from the worker. */
export function needsExample(modelId: string): boolean {
  return viewsFor(modelId).some((v) => v === 'heads' || v === 'behaviour');
}

/** The ids of the models that offer `view`, for the empty state's hint. */
export function modelsWith(view: ModelView): string[] {
  return REGISTRY.models.filter((m) => m.views.includes(view)).map((m) => m.id);
}
