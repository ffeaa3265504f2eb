import { bprmfInfo } from './bprmf.config';
import { lightgcnInfo } from './lightgcn.config';
import { popInfo } from './pop.config';
import { tmfunInfo } from './tmfun.config';
import type { TopkModelInfo } from './types';

/** The top-k models as plain data (no tfjs), in the order of `TOPK_MODELS`. */
// Each info is typed by its own schema; the list erases that (a config is always resolved first).
export const TOPK_CATALOG: readonly TopkModelInfo[] = [
  popInfo,
  bprmfInfo,
  lightgcnInfo,
  tmfunInfo,
] as unknown as readonly TopkModelInfo[];
