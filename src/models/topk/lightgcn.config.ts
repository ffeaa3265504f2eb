/** `lightgcn`'s settings and picker entry: plain data. */
import type { ConfigOf } from '../config';
import { gcnLayers, topkEmbeddingDim, topkInitStd, topkL2 } from './params';
import type { TopkModelInfo } from './types';

const schema = {
  embeddingDim: topkEmbeddingDim,
  layers: gcnLayers,
  initStd: topkInitStd,
  l2: topkL2,
} as const;

export type LightGcnConfig = ConfigOf<typeof schema>;
export type LightGcnSchema = typeof schema;

export const lightgcnInfo: TopkModelInfo<LightGcnSchema> = {
  id: 'lightgcn',
  family: 'topk',
  label: 'LightGCN',
  description: 'ID embeddings propagated over the normalised user–item graph, mean over layers (baseline).',
  configSchema: schema,
};
