/** `lr`'s settings and picker entry: plain data, importable by the page without tfjs. */
import type { ConfigOf } from './config';
import { l2Embedding, useModalities } from './params';
import type { ModelInfo } from './types';

const schema = {
  useModalities: {
    ...useModalities,
    doc: 'Add a linear term wᵀx per item modality vector (visual, acoustic, text).',
  },
  initStd: {
    kind: 'number',
    label: 'Weight init std',
    doc: 'Standard deviation of the normal initialiser of the per-token weights (DeepCTR: 1e-4).',
    default: 1e-4,
    min: 1e-6,
    max: 1,
    log: true,
  },
  l2Embedding: { ...l2Embedding, label: 'Weight L2', doc: 'L2 penalty on the token weights a batch uses.' },
} as const;

export type LrConfig = ConfigOf<typeof schema>;
export type LrSchema = typeof schema;

export const lrInfo: ModelInfo<LrSchema> = {
  id: 'lr',
  family: 'ctr',
  label: 'LR',
  description: 'Logistic regression: one weight per field value plus a bias (baseline).',
  configSchema: schema,
};
