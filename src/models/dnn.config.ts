/** `dnn`'s settings and picker entry: plain data, importable by the page without tfjs. */
import type { ConfigOf } from './config';
import { dropout, embeddingDim, hiddenUnits, initStd, l2Embedding, useModalities } from './params';
import type { ModelInfo } from './types';

const schema = {
  embeddingDim,
  hiddenUnits: hiddenUnits([128, 64]),
  dropout,
  useModalities,
  initStd,
  l2Embedding,
} as const;

export type DnnConfig = ConfigOf<typeof schema>;
export type DnnSchema = typeof schema;

export const dnnInfo: ModelInfo<DnnSchema> = {
  id: 'dnn',
  family: 'ctr',
  label: 'DNN',
  description: 'Field embeddings concatenated into a multi-layer perceptron (baseline).',
  configSchema: schema,
};
