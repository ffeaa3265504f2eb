/** `autoint`'s settings and picker entry: plain data, importable by the page without tfjs. */
import type { ConfigOf } from './config';
import { dropout, embeddingDim, hiddenUnits, initStd, l2Embedding, useModalities } from './params';
import type { ModelInfo } from './types';

/** The internal (self-attention) branch and the prediction head; `amfr` extends this schema. */
export const autointSchema = {
  embeddingDim,
  useModalities: { ...useModalities, doc: 'One field per item modality vector (visual, acoustic, text).' },
  layers: {
    kind: 'number',
    label: 'Interacting layers L',
    doc: 'Stacked multi-head self-attention layers over the fields.',
    default: 2,
    min: 1,
    max: 6,
    integer: true,
  },
  heads: {
    kind: 'number',
    label: 'Heads H',
    doc: 'Attention heads per interacting layer.',
    default: 2,
    min: 1,
    max: 8,
    integer: true,
  },
  headDim: {
    kind: 'number',
    label: "Head size d'",
    doc: "Size of each head's query/key/value; a field's output has H·d' numbers (default 2·8 = d).",
    default: 8,
    min: 1,
    max: 64,
    integer: true,
  },
  residual: {
    kind: 'boolean',
    label: 'Residual',
    doc: 'Add E·W_res to each interacting layer’s output before the ReLU.',
    default: true,
  },
  hiddenUnits: hiddenUnits([64, 32]),
  dropout,
  useLinear: {
    kind: 'boolean',
    label: 'Linear term',
    doc: 'Add a linear function of the field vectors, linear(E), to the logit.',
    default: true,
  },
  initStd,
  l2Embedding,
} as const;

export type AutoIntSchema = typeof autointSchema;
export type AutoIntConfig = ConfigOf<AutoIntSchema>;

export const autointInfo: ModelInfo<AutoIntSchema> = {
  id: 'autoint',
  family: 'ctr',
  label: 'AutoInt',
  description: 'Multi-head self-attention over the fields (Song et al. 2019; AMFR without pair attention).',
  configSchema: autointSchema,
};
