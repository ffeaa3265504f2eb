/**
 * `autoint`: multi-head self-attention over the fields, stacked L times, then an MLP (baseline).
 *
 * Paper: Song et al., "AutoInt: Automatic Feature Interaction Learning via Self-Attentive Neural Networks",
 * CIKM 2019. Reference implementation: DeepCTR-Torch `AutoInt`
 * (https://github.com/shenweichen/DeepCTR-Torch/blob/master/deepctr_torch/models/autoint.py).
 * Note: this is exactly `amfr` with the external branch off (MODELS.md Baselines), so it shares amfr's
 * code and its deviations: 1/√d' scaling, `linear(E)` as the linear part, item modalities as fields, and an
 * MLP [64, 32] on the flattened attention output where DeepCTR's AutoInt-only model has a single dense layer.
 */
import type { CtrModelEntry } from '../contract';
import { buildAmfr, interactingSchema } from './amfr';

export const autoint = {
  id: 'autoint',
  family: 'ctr',
  label: 'AutoInt',
  description: 'Multi-head self-attention over the fields (Song et al. 2019; AMFR without pair attention).',
  citation:
    'Song et al., "AutoInt: Automatic Feature Interaction Learning via Self-Attentive Neural Networks", CIKM 2019',
  configSchema: interactingSchema,
  views: ['heads', 'embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {
    modalities: {
      kind: 'used',
      without: 'attends over the user and item ids and fields only',
    },
  },
  build: (config, features, rng) =>
    buildAmfr({ ...config, useInternal: true, useExternal: false, pairAttentionSize: 1 }, features, rng),
} as const satisfies CtrModelEntry<typeof interactingSchema>;
