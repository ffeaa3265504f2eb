/**
 * `din`: Deep Interest Network — behaviours weighted by an activation unit keyed on the candidate, summed
 * into the user's interest vector, then an MLP (baseline).
 *
 * Paper: Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD 2018.
 * Reference implementation: DeepCTR-Torch `DIN`
 * (https://github.com/shenweichen/DeepCTR-Torch/blob/master/deepctr_torch/models/din.py).
 * Note: this is exactly `mmdin` with one head and no modalities (MODELS.md Baselines), so it shares
 * mmdin's code and deviations: activation-unit MLP [36] with PReLU (DeepCTR: [64, 16], Dice), PReLU in the
 * prediction MLP (DeepCTR: ReLU; mmdin defaults to ReLU in both), no softmax by default (as DIN), no
 * mini-batch-aware regulariser beyond the optional embedding L2, and no context fields.
 */
import type { CtrModelEntry } from '../contract';
import { buildMmdin, dinSchema } from './mmdin';

export const din = {
  id: 'din',
  family: 'ctr',
  label: 'DIN',
  description: 'Attention over the user’s past items, keyed by the candidate item (Zhou et al. 2018).',
  citation: 'Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD 2018',
  configSchema: dinSchema,
  views: ['behaviour', 'embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: { history: { kind: 'required' } },
  build: (config, features, rng) =>
    buildMmdin(
      { ...config, heads: 1, headSize: 'split', useModalities: false, modalityDim: 1 },
      features,
      rng,
    ),
} as const satisfies CtrModelEntry<typeof dinSchema>;
