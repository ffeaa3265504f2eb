/**
 * The page's one reader of the model registry: the picker's groups, the default model, and a model's entry by
 * id. Everything else on the page asks here.
 */
import type { ModelEntry } from '../models/contract';
import { REGISTRY } from '../models/registry';

/** The model a fresh page (and an unknown id) starts with: the registry's first. */
export const DEFAULT_MODEL: ModelEntry = REGISTRY.models[0];

/** The picker's groups, one per family. */
export const MODEL_GROUPS = [
  { label: 'Click-through (ctr)', models: REGISTRY.family('ctr') },
  { label: 'Top-k ranking', models: REGISTRY.family('topk') },
] as const;

/** The model with this id, or the default one when no model has it. */
export function modelInfo(id: string): ModelEntry {
  return REGISTRY.get(id) ?? DEFAULT_MODEL;
}

/** True for the id of a top-k model. */
export function isTopkModel(id: string): boolean {
  return REGISTRY.get(id)?.family === 'topk';
}
