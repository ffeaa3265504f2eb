import { amfrInfo } from './amfr.config';
import { autointInfo } from './autoint.config';
import { dinInfo } from './din.config';
import { dnnInfo } from './dnn.config';
import { lrInfo } from './lr.config';
import { mmdinInfo } from './mmdin.config';
import { TOPK_CATALOG } from './topk/catalog';
import type { TopkModelInfo } from './topk/types';
import type { ModelInfo } from './types';

/**
 * The models the page offers, as plain data (ids, labels, config schemas), so the page never loads tfjs;
 * `index.ts` holds the implementations for the worker. The share link stores only the `id`. The first
 * entry is the page's default.
 */
// Each info is typed by its own schema; the list erases that (see index.ts).
export const MODEL_CATALOG: readonly ModelInfo[] = [
  dnnInfo,
  lrInfo,
  autointInfo,
  amfrInfo,
  dinInfo,
  mmdinInfo,
] as unknown as readonly ModelInfo[];

export function getModelInfo(id: string): ModelInfo | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

/** The top-k models (pop, bprmf, lightgcn, tmfun), plain data like `MODEL_CATALOG`. */
export { TOPK_CATALOG };

/** A model of either family, as the picker offers it; `family` tells them apart. */
export type AnyModelInfo = ModelInfo | TopkModelInfo;

/** Every model the page offers: the ctr models, then the top-k ones (ids are unique across both). */
export const ALL_MODEL_CATALOG: readonly AnyModelInfo[] = [...MODEL_CATALOG, ...TOPK_CATALOG];

export function getAnyModelInfo(id: string): AnyModelInfo | undefined {
  return ALL_MODEL_CATALOG.find((m) => m.id === id);
}
