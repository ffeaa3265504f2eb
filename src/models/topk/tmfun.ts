/**
 * `tmfun`: Attention-guided Multi-step Fusion Network (MODELS.md §3).
 *
 * Paper: Zhou et al., "Attention-guided Multi-step Fusion: A Multimodal Recommendation Framework", SIGIR 2023
 * (seed 001; only the abstract is public). Lineage and reference implementations: LATTICE's modality kNN
 * graphs and FREEDOM's frozen item graph in MMRec (https://github.com/enoche/MMRec/blob/master/src/models/freedom.py,
 * .../lattice.py), LightGCN in RecBole (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/lightgcn.py).
 *
 * 1. Per modality m: Ŝ^m = D^-1/2 sym(kNN_k(cos x^m)) D^-1/2, built once (`ops/graph.ts`); with
 *    `graphFeatures: 'sparse'` the cosine is the exact one of the modality's sparse raw rows where it has
 *    them (text: TF-IDF, as FREEDOM/LATTICE build graphs from raw features), while W_m x^m reads the dense rows.
 * 2. h_i^m = W_m x_i^m; α_i^m = softmax_m(qᵀ tanh(W_a [h_i^m; e_i] + b_a)); f_i = Σ_m α_i^m h_i^m.
 * 3. Ŝ = Σ_m ᾱ^m Ŝ^m (ᾱ the mean attention), rebuilt after every epoch; z = Ŝ^L_i f (or Ŝ^L_i (f + e), below).
 * 4. LightGCN on the user–item graph → u_cf, i_cf.
 * 5. i* = i_cf + γ·normalize(z_i), u* = u_cf + γ·mean_{i∈N(u)} normalize(z_i); score u*ᵀi*.
 * 6. Loss: BPR + λ_cl·InfoNCE(i_cf, z) over the batch's distinct positive items (τ) + λ·½‖e⁰‖²/B.
 *
 * Note (deviations and choices, all ours; each is a setting, defaults picked on P2 validation only, see
 * docs/TUNING.md): `idInFeatureGraph` (e_i joins f before the item-graph step, as LATTICE/FREEDOM propagate
 * ID embeddings), λ_cl = 0 (MODELS.md suggests 0.03–0.1), L2 λ = 1e-3 (MODELS.md: 1e-4), and FREEDOM's
 * degree-sensitive pruning of the user–item graph each training epoch (`edgeDropout` 0.5; scores use the full
 * graph; P2 validation R@20 +0.0028 over 14 seeds, t = 2.6). A bias b_a inside
 * the attention's tanh; with a single modality α ≡ 1, so the
 * attention layer is not created (it could not learn); InfoNCE is averaged over both directions; Ŝ is
 * constant within an epoch (no gradient through ᾱ); kNN edges with cosine ≤ 0 are dropped; N(u) is the
 * user's training items. With `useModalityGraph` off z = f (+ e), and with γ = 0 the scores are exactly
 * LightGCN's for the same ID embeddings (tested).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CsrGraph } from '../../ops/csr';
import type { SparseMatrix } from '../../ops/sparse';
import type { TopkModelEntry } from '../contract';
import { gcnLayers, topkEmbeddingDim, topkInitStd, topkL2 } from './params';

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
  graphFeatures: {
    kind: 'choice',
    label: 'Modality graph from',
    doc:
      'What the kNN graphs compare: each modality’s sparse raw rows where it has them (text: the TF-IDF rows, ' +
      'exact cosine, so neighbours share words) and its dense vectors otherwise; always the dense vectors; or ' +
      'both (the mean of the two normalised graphs). The projection W_m x^m uses the dense vectors either way.',
    default: 'dense',
    options: ['sparse', 'dense', 'both'],
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
    doc: 'L_i: propagation steps of the fused features on the item feature graph, z = Ŝ^L_i f (MODELS.md: 1).',
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
      'embeddings there).',
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
      'Weight of the InfoNCE term between i_cf and z_i of the batch’s positive items (MODELS.md suggests ' +
      '0.03–0.1); 0 = off.',
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
      'graph, drawn with probability ∝ 1/√(d_u d_i); scores always use the full graph. 0 = off.',
    default: 0.5,
    min: 0,
    max: 0.95,
  },
  initStd: topkInitStd,
  l2: topkL2,
} as const;

export const tmfun = {
  id: 'tmfun',
  family: 'topk',
  label: 'TMFUN',
  description:
    'Modality kNN graphs, attention-guided fusion of item features, LightGCN on interactions, late fusion and contrastive alignment (seed 001).',
  citation:
    'Zhou et al., "Attention-guided Multi-step Fusion: A Multimodal Recommendation Framework", SIGIR 2023',
  configSchema: schema,
  views: ['graph', 'embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {
    modalities: { kind: 'used', without: 'trains without its modality graphs and fusion, like LightGCN' },
  },
  async build(config, data, rng, hooks?) {
    const { numUsers: U, numItems: I, modalities } = data;
    const d = config.embeddingDim;
    const M = modalities.length;
    const { tf, layers, topkLayers, graph, sparse } = await import('../kit');
    const { toSparse, disposeSparse, spmm } = sparse;
    const { EmbeddingCache, graphBprLoss, infoNce, l2Normalize, lightGcnPropagate } = topkLayers;
    const p = new layers.Params(rng);
    // Same names, shapes and draw order as lightgcn: the same rng gives the same ID embeddings.
    const users = p.normal('user', [U, d], config.initStd);
    const items = p.normal('item', [I, d], config.initStd);
    const proj = modalities.map((m) => p.glorot(`proj_${m.name}`, m.dim, d));
    const att =
      config.fusion === 'attention' && M > 1
        ? {
            w: p.glorot('att_w', 2 * d, config.attentionDim),
            b: p.zeros('att_b', [config.attentionDim]),
            q: p.glorot('att_q', config.attentionDim, 1),
          }
        : null;
    const features = modalities.map((m) => p.constant(tf.tensor2d(m.data, [I, m.dim])));
    const names = modalities.map((m) => m.name);

    const graphs: CsrGraph[] = [];
    if (config.useModalityGraph) {
      for (const m of modalities) {
        const stage = `${m.name} kNN graph`;
        hooks?.onProgress?.({ stage, done: 0, total: I });
        const options = {
          k: config.knnK,
          weighting: config.knnWeighting,
          onProgress: (done: number, total: number) => hooks?.onProgress?.({ stage, done, total }),
        };
        const sparseGraph =
          config.graphFeatures !== 'dense' && m.sparse
            ? graph.sparseModalityGraph(m.sparse, I, options)
            : null;
        const denseGraph =
          config.graphFeatures !== 'sparse' || !m.sparse
            ? await graph.modalityGraph(m.data, I, m.dim, options)
            : null;
        graphs.push(
          sparseGraph && denseGraph
            ? graph.weightedSum([sparseGraph, denseGraph], [0.5, 0.5])
            : (sparseGraph ?? denseGraph)!,
        );
      }
    }
    const adj = toSparse(graph.bipartiteAdjacency(U, I, data.train));
    // The graph the next training epoch propagates on: pruned (FREEDOM) or the full one.
    let trainAdj = adj;
    const userMean = toSparse(graph.userMeanMatrix(I, data.train));
    let fusedHost: CsrGraph | null = null;
    let fused: SparseMatrix | null = null;
    let modalityWeights = new Float32Array(M).fill(M > 0 ? 1 / M : 0);

    /** h^m `[I, d]` per modality. */
    const project = () => proj.map((w, m) => tf.matMul(features[m], w) as tf.Tensor2D);
    /** α `[I, M]` from the projections. */
    const attention = (hs: tf.Tensor2D[]) => {
      if (!att) return tf.fill([I, M], 1 / M) as tf.Tensor2D;
      const scores = hs.map((h) =>
        tf.matMul(tf.tanh(tf.add(tf.matMul(tf.concat([h, items], 1), att.w), att.b)), att.q),
      );
      return tf.softmax(tf.concat(scores, 1)) as tf.Tensor2D;
    };
    /**
     * α_i^m h_i^m per modality. Without attention α ≡ 1/M: a scalar product, none for one modality (the
     * same numbers as the product with a column of α, without its kernels forward and backward).
     */
    const weighted = (hs: tf.Tensor2D[]): tf.Tensor2D[] => {
      if (!att) return M === 1 ? hs : hs.map((h) => tf.mul(h, 1 / M) as tf.Tensor2D);
      const alpha = attention(hs);
      return hs.map((h, m) => tf.mul(h, tf.slice(alpha, [0, m], [I, 1])) as tf.Tensor2D);
    };

    /** Everything the loss and the scores need, from the current weights. */
    const forward = (graph: SparseMatrix = adj) => {
      const all = lightGcnPropagate(graph, tf.concat([users, items], 0) as tf.Tensor2D, config.layers);
      // One split, whose gradient is one concat (two slices' are two pads and an add).
      const [uCf, iCf] = tf.split(all, [U, I], 0) as tf.Tensor2D[];
      if (M === 0) return { uCf, iCf, z: null, users: uCf, items: iCf };
      const parts = weighted(project());
      const f = tf.addN(config.idInFeatureGraph ? [...parts, items] : parts) as tf.Tensor2D;
      let z = f;
      if (fused) for (let l = 0; l < config.itemLayers; l++) z = spmm(fused, z);
      if (config.gamma === 0) return { uCf, iCf, z, users: uCf, items: iCf };
      // γ·normalize(z), γ folded into the row scale ([I, 1]), then averaged for the users.
      const zn = l2Normalize(z, config.gamma);
      return {
        uCf,
        iCf,
        z,
        users: tf.add(uCf, spmm(userMean, zn)) as tf.Tensor2D,
        items: tf.add(iCf, zn) as tf.Tensor2D,
      };
    };
    const cache = new EmbeddingCache(() => {
      const out = forward();
      return { users: out.users, items: out.items };
    });

    /**
     * The pruned graphs are draws from the build's rng stream, the k-th for training epoch k: a run resumed at
     * epoch k draws (and drops) the ones before it, so it trains on the same graphs as the uninterrupted run.
     */
    let pruned = 0;
    const prune = (nextEpoch: number) => {
      let edges: ReturnType<typeof graph.sampleEdgesByDegree> | null = null;
      for (; pruned < nextEpoch; pruned++)
        edges = graph.sampleEdgesByDegree(data.train, I, 1 - config.edgeDropout, rng);
      if (!edges) return;
      if (trainAdj !== adj) disposeSparse(trainAdj);
      trainAdj = toSparse(graph.bipartiteAdjacency(U, I, edges));
    };

    /** ᾱ from the current weights, and Ŝ = Σ_m ᾱ^m Ŝ^m rebuilt (host CSR, then uploaded). */
    const refresh = async (nextEpoch?: number) => {
      cache.clear();
      if (config.edgeDropout > 0) prune(nextEpoch ?? pruned + 1);
      if (graphs.length === 0) return;
      if (att) {
        const mean = tf.tidy(() => tf.mean(attention(project()), 0));
        modalityWeights = Float32Array.from(await mean.data());
        mean.dispose();
      }
      fusedHost = graph.weightedSum(graphs, Array.from(modalityWeights));
      if (fused) disposeSparse(fused);
      fused = toSparse(fusedHost);
    };
    await refresh(1);

    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      loss(batch) {
        cache.clear();
        return tf.tidy(() => {
          const out = forward(trainAdj);
          let loss: tf.Tensor = graphBprLoss(out, { users, items }, batch, config.l2);
          if (config.clWeight > 0 && out.z) {
            const cl = infoNce(
              tf.gather(out.iCf, batch.uniquePos) as tf.Tensor2D,
              tf.gather(out.z, batch.uniquePos) as tf.Tensor2D,
              config.temperature,
            );
            loss = tf.add(loss, tf.mul(cl, config.clWeight));
          }
          return loss as tf.Scalar;
        });
      },
      scoreUsers: (ids) => cache.scores(ids),
      refresh,
      // The scoring embeddings u*, i* (late fusion included).
      embeddings: (role) => tf.clone(role === 'user' ? cache.get().users : cache.get().items),
      async explain(k = 10) {
        const alpha = tf.tidy(() => (M > 0 ? attention(project()) : tf.zeros([I, 0])));
        const data = Float32Array.from(await alpha.data());
        alpha.dispose();
        return {
          modalityGraphs: graphs.map((g, m) => ({ name: names[m], k, ...graph.topNeighbours(g, k) })),
          modalities: names,
          modalityAttention: { data, shape: [I, M] },
          modalityWeights: Float32Array.from(modalityWeights),
          ...(fusedHost ? { fusedGraph: { name: 'fused', k, ...graph.topNeighbours(fusedHost, k) } } : {}),
        };
      },
      dispose() {
        cache.clear();
        if (trainAdj !== adj) disposeSparse(trainAdj);
        disposeSparse(adj);
        disposeSparse(userMean);
        if (fused) disposeSparse(fused);
        p.dispose();
      },
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
