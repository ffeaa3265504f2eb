/** Settings the top-k models share (plain data: the page imports it without tfjs). */
import type { NumberParam } from '../config';

export const topkEmbeddingDim = {
  kind: 'number',
  label: 'Embedding size d',
  doc: 'Length of the user and item ID embeddings (64 in the P2 references).',
  default: 64,
  min: 2,
  max: 256,
  integer: true,
} as const satisfies NumberParam;

export const topkInitStd = {
  kind: 'number',
  label: 'Embedding init std',
  doc: 'Standard deviation of the normal initialiser of the ID embeddings (LightGCN: 0.1).',
  default: 0.1,
  min: 1e-4,
  max: 1,
  log: true,
} as const satisfies NumberParam;

export const topkL2 = {
  kind: 'number',
  label: 'Embedding L2 λ',
  doc:
    'λ · ½‖e‖² / B over the layer-0 embeddings of the batch’s users, positives and negatives (LightGCN; ' +
    'MODELS.md: 1e-4).',
  default: 1e-3,
  min: 0,
  max: 1,
} as const satisfies NumberParam;

export const gcnLayers = {
  kind: 'number',
  label: 'Graph layers',
  doc: 'LightGCN propagation layers on the user–item graph; the output is the mean over layers 0..L.',
  default: 2,
  min: 0,
  max: 4,
  integer: true,
} as const satisfies NumberParam;
