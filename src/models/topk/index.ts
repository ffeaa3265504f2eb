import { bprmfSpec } from './bprmf';
import { lightgcnSpec } from './lightgcn';
import { popSpec } from './pop';
import { tmfunSpec } from './tmfun';
import type { TopkModelSpec } from './types';

export { TOPK_CATALOG } from './catalog';

/** Every top-k model's implementation. Same order and ids as `TOPK_CATALOG`. */
// Each spec is typed by its own schema; the registry erases that. Safe because a config is always resolved
// against `spec.configSchema` (resolveConfig) before `spec.build` sees it.
export const TOPK_MODELS: readonly TopkModelSpec[] = [
  popSpec,
  bprmfSpec,
  lightgcnSpec,
  tmfunSpec,
] as unknown as readonly TopkModelSpec[];

export function getTopkModel(id: string): TopkModelSpec | undefined {
  return TOPK_MODELS.find((m) => m.id === id);
}
