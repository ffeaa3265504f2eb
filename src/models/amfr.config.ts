/** `amfr`'s settings and picker entry: plain data, importable by the page without tfjs. */
import { autointSchema } from './autoint.config';
import type { ConfigOf } from './config';
import type { ModelInfo } from './types';

const amfrSchema = {
  ...autointSchema,
  useInternal: {
    kind: 'boolean',
    label: 'Internal (self-attention)',
    doc: 'Self-attention over fields (AutoInt). Off with external off: the MLP reads the field vectors.',
    default: true,
  },
  useExternal: {
    kind: 'boolean',
    label: 'External (pair attention)',
    doc: 'Attention-weighted sum of the pairwise products e_i ⊙ e_j (AFM).',
    default: true,
  },
  pairAttentionSize: {
    kind: 'number',
    label: 'Pair attention size',
    doc: 'Hidden width of the pair-attention network hᵀReLU(W p + b).',
    default: 16,
    min: 1,
    max: 128,
    integer: true,
  },
} as const;

export type AmfrSchema = typeof amfrSchema;
export type AmfrConfig = ConfigOf<AmfrSchema>;

export const amfrInfo: ModelInfo<AmfrSchema> = {
  id: 'amfr',
  family: 'ctr',
  label: 'AMFR',
  description:
    'Self-attention over fields (incl. modalities) plus attention over field pairs (Hasama & Li 2022).',
  configSchema: amfrSchema,
};
