import type { ParamSchema } from './config';
import { dnnSpec } from './dnn';
import type { ModelSpec } from './types';

/** Every model the app offers, in picker order. The share link stores only the `id`. */
// Each spec is typed by its own schema; the registry erases that. Safe because a config is always resolved
// against `spec.configSchema` (resolveConfig) before `spec.build` sees it.
export const MODELS: readonly ModelSpec[] = [dnnSpec as unknown as ModelSpec];

export function getModel(id: string): ModelSpec | undefined {
  return MODELS.find((m) => m.id === id);
}

export type { ModelSpec, ParamSchema };
