/** `din`'s settings and picker entry: plain data, importable by the page without tfjs. */
import type { ConfigOf } from './config';
import { activation, dropout, embeddingDim, hiddenUnits, initStd, l2Embedding } from './params';
import type { ModelInfo } from './types';

/** DIN's settings; `mmdin` extends this schema with heads and the multimodal module. */
export const dinSchema = {
  embeddingDim,
  attentionUnits: {
    kind: 'layers',
    label: 'Attention MLP',
    doc: 'Hidden widths of the activation unit that scores each behaviour against the candidate.',
    default: [36],
    min: 1,
    max: 256,
    maxLength: 3,
  },
  attentionActivation: {
    ...activation,
    label: 'Attention activation',
    doc: 'Hidden-layer activation of the activation unit: PReLU (DIN paper; Dice in DeepCTR) or ReLU.',
  },
  softmax: {
    kind: 'boolean',
    label: 'Softmax over behaviours',
    doc: 'Normalise behaviour weights to sum to 1. DIN does not (weights keep the intensity of interest).',
    default: false,
  },
  hiddenUnits: hiddenUnits([200, 80]),
  activation: { ...activation, label: 'MLP activation' },
  dropout,
  initStd,
  l2Embedding,
} as const;

export type DinSchema = typeof dinSchema;
export type DinConfig = ConfigOf<DinSchema>;

export const dinInfo: ModelInfo<DinSchema> = {
  id: 'din',
  family: 'ctr',
  label: 'DIN',
  description: 'Attention over the user’s past items, keyed by the candidate item (Zhou et al. 2018).',
  configSchema: dinSchema,
  needsHistory: true,
};
