/**
 * The page's one reader of the model list: the picker's groups, the default model, and a model's info by
 * id. Everything else on the page asks here, so how the list is read can change in this file alone.
 */
import { MODEL_CATALOG, TOPK_CATALOG, getAnyModelInfo, type AnyModelInfo } from '../models/catalog';

export type { AnyModelInfo };

/** The model a fresh page (and an unknown id) starts with. */
export const DEFAULT_MODEL: AnyModelInfo = MODEL_CATALOG[0];

/** The picker's groups, one per family. */
export const MODEL_GROUPS = [
  { label: 'Click-through (ctr)', models: MODEL_CATALOG },
  { label: 'Top-k ranking', models: TOPK_CATALOG },
] as const;

/** The model with this id, or the default one when no model has it. */
export function modelInfo(id: string): AnyModelInfo {
  return getAnyModelInfo(id) ?? DEFAULT_MODEL;
}
