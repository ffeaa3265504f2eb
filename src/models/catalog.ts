import { dnnInfo } from './dnn.config';
import type { ModelInfo } from './types';

/**
 * The models the page offers, as plain data (ids, labels, config schemas), so the page never loads tfjs;
 * `index.ts` holds the implementations for the worker. The share link stores only the `id`.
 */
export const MODEL_CATALOG: readonly ModelInfo[] = [dnnInfo];

export function getModelInfo(id: string): ModelInfo | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}
