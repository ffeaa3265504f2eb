/** `bprmf`'s settings and picker entry: plain data. */
import type { ConfigOf } from '../config';
import { topkEmbeddingDim, topkInitStd, topkL2 } from './params';
import type { TopkModelInfo } from './types';

const schema = {
  embeddingDim: topkEmbeddingDim,
  initStd: topkInitStd,
  l2: topkL2,
} as const;

export type BprmfConfig = ConfigOf<typeof schema>;
export type BprmfSchema = typeof schema;

export const bprmfInfo: TopkModelInfo<BprmfSchema> = {
  id: 'bprmf',
  family: 'topk',
  label: 'BPR-MF',
  description: 'Matrix factorisation trained with the BPR pairwise loss (baseline).',
  configSchema: schema,
};
