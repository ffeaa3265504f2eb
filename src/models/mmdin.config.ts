/** `mmdin`'s settings and picker entry: plain data, importable by the page without tfjs. */
import type { ConfigOf } from './config';
import { dinSchema } from './din.config';
import { useModalities } from './params';
import type { ModelInfo } from './types';

const mmdinSchema = {
  ...dinSchema,
  // ReLU, not DIN's PReLU: on P1 (ml-100k, 5 seeds) test AUC 0.7903 ± 0.0003 vs 0.7882 ± 0.0024 with PReLU in
  // both places, and best validation AUC 0.7899 vs 0.7882; ReLU in one place only varied like PReLU
  // (seeds 42, 7: 0.7875, 0.7919 in the MLP only; 0.7847, 0.7914 in the unit only). Rows: bench/REPORT.md.
  attentionActivation: { ...dinSchema.attentionActivation, default: 'relu' },
  activation: {
    ...dinSchema.activation,
    doc: 'Hidden-layer activation of the prediction MLP: ReLU by default (MODELS.md: PReLU, which varied more on P1).',
    default: 'relu',
  },
  heads: {
    kind: 'number',
    label: 'Heads H',
    doc: 'Activation units, each attending in its own projection W_h v of size d_v/H (1 = DIN’s single unit).',
    default: 4,
    min: 1,
    max: 8,
    integer: true,
  },
  headSize: {
    kind: 'choice',
    label: 'Head size',
    doc: 'split: head h attends in W_h v of size d_v/H (heads share the width); full: each W_h v keeps size d_v.',
    default: 'split',
    options: ['split', 'full'],
  },
  useModalities: {
    ...useModalities,
    doc: 'Multimodal module: append each projected modality vector to the item representation.',
  },
  modalityDim: {
    kind: 'number',
    label: 'Modality projection size',
    doc: 'Length of each projected modality vector P_m x_m in the item representation.',
    default: 16,
    min: 1,
    max: 128,
    integer: true,
  },
} as const;

export type MmdinSchema = typeof mmdinSchema;
export type MmdinConfig = ConfigOf<MmdinSchema>;

export const mmdinInfo: ModelInfo<MmdinSchema> = {
  id: 'mmdin',
  family: 'ctr',
  label: 'MMDIN',
  description:
    'DIN with several attention heads and projected modality vectors in every item (Yang et al. 2021).',
  configSchema: mmdinSchema,
  needsHistory: true,
};
