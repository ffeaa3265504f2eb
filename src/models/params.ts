/**
 * Settings several models share, defined once so that their label, range and help text agree everywhere
 * (plain data: the page imports it without tfjs).
 */
import type { BooleanParam, ChoiceParam, LayersParam, NumberParam } from './config';

export const embeddingDim = {
  kind: 'number',
  label: 'Embedding size d',
  doc: 'Length of every field vector.',
  default: 16,
  min: 2,
  max: 128,
  integer: true,
} as const satisfies NumberParam;

export const useModalities = {
  kind: 'boolean',
  label: 'Modality fields',
  doc: 'Feed the item modality vectors (visual, acoustic, text) to the model.',
  default: true,
} as const satisfies BooleanParam;

export const initStd = {
  kind: 'number',
  label: 'Embedding init std',
  doc: 'Standard deviation of the normal initialiser of embeddings.',
  default: 0.01,
  min: 1e-5,
  max: 1,
  log: true,
} as const satisfies NumberParam;

export const l2Embedding = {
  kind: 'number',
  label: 'Embedding L2',
  doc:
    'L2 penalty on the embedding rows each batch uses, divided by the batch size (0 = off). ' +
    'Applied to the gradient; the loss shown excludes it.',
  default: 0,
  min: 0,
  max: 1,
} as const satisfies NumberParam;

export const dropout = {
  kind: 'number',
  label: 'MLP dropout',
  doc: 'Share of hidden MLP units dropped in training.',
  default: 0,
  min: 0,
  max: 0.9,
} as const satisfies NumberParam;

export function hiddenUnits(defaultUnits: readonly number[]): LayersParam {
  return {
    kind: 'layers',
    label: 'MLP layers',
    doc: 'Width of each hidden layer of the prediction MLP, input side first.',
    default: defaultUnits,
    min: 1,
    max: 1024,
    maxLength: 5,
  };
}

export const activation = {
  kind: 'choice',
  label: 'Activation',
  doc: 'Hidden-layer activation of the MLPs: PReLU (DIN) or ReLU.',
  default: 'prelu',
  options: ['prelu', 'relu'],
} as const satisfies ChoiceParam<'prelu' | 'relu'>;
