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
import { dinInfo, type DinSchema } from './din.config';
import { buildMmdin } from './mmdin';
import type { CtrModelSpec } from './types';

export const dinSpec: CtrModelSpec<DinSchema> = {
  ...dinInfo,
  build: (config, features, rng) =>
    buildMmdin(
      { ...config, heads: 1, headSize: 'split', useModalities: false, modalityDim: 1 },
      features,
      rng,
    ),
};
