import { amfrSpec } from './amfr';
import { autointSpec } from './autoint';
import { MODEL_CATALOG } from './catalog';
import { dinSpec } from './din';
import { dnnSpec } from './dnn';
import { lrSpec } from './lr';
import { mmdinSpec } from './mmdin';
import type { ModelSpec } from './types';

/** Every model's implementation, for the worker and Node. Same order and ids as `MODEL_CATALOG`. */
// Each spec is typed by its own schema; the registry erases that. Safe because a config is always resolved
// against `spec.configSchema` (resolveConfig) before `spec.build` sees it.
export const MODELS: readonly ModelSpec[] = [
  dnnSpec,
  lrSpec,
  autointSpec,
  amfrSpec,
  dinSpec,
  mmdinSpec,
] as unknown as readonly ModelSpec[];

export function getModel(id: string): ModelSpec | undefined {
  return MODELS.find((m) => m.id === id);
}

export { MODEL_CATALOG };

/** The top-k models (`models/topk`): trained by `engine/topkTrainer.ts`, not the ctr trainer. */
export { TOPK_MODELS, getTopkModel } from './topk';
