/** `dnn`'s settings and picker entry: plain data, importable by the page without tfjs. */
import type { ConfigOf } from './config';
import { l2Embedding } from './params';
import type { ModelInfo } from './types';

const schema = {
  embeddingDim: {
    kind: 'number',
    label: 'Embedding size d',
    doc: 'Length of every field vector.',
    default: 16,
    min: 2,
    max: 128,
    integer: true,
  },
  hiddenUnits: {
    kind: 'layers',
    label: 'MLP layers',
    doc: 'Width of each hidden ReLU layer, input side first.',
    default: [128, 64],
    min: 1,
    max: 1024,
    maxLength: 5,
  },
  dropout: {
    kind: 'number',
    label: 'Dropout',
    doc: 'Share of hidden units dropped in training.',
    default: 0,
    min: 0,
    max: 0.9,
  },
  useModalities: {
    kind: 'boolean',
    label: 'Modality fields',
    doc: 'Feed the item modality vectors (visual, acoustic, text) as fields.',
    default: true,
  },
  initStd: {
    kind: 'number',
    label: 'Embedding init std',
    doc: 'Standard deviation of the normal initialiser of embeddings.',
    default: 0.01,
    min: 1e-5,
    max: 1,
    log: true,
  },
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
