/**
 * `sasrec`: causal self-attention over each user's item sequence; the output at the last position, dotted
 * with the (shared) item embeddings, scores the next item.
 *
 *   x⁰_t = Dropout(E[s_t]·√d + P[t]) ⊙ m_t          (last T items, left-padded; m_t = 0 on padding)
 *   L blocks: x ← x + Dropout(MHA(LN(x))),  x ← x + Dropout(FFN(LN(x))),  x ← x ⊙ m    (transformer.ts)
 *   F = LN(x);  r_{t,i} = F_t · E_i;  loss: BCE(r_{t,s_{t+1}}, 1) + BCE(r_{t,neg}, 0) over real positions
 *
 * Shapes: `E [numItems, d]`, `P [T, d]`, attention per block `[B, H, T, T]` (row t: weights on keys 0..t).
 * Paper: Kang & McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018. Reference implementation:
 * https://github.com/kang205/SASRec (TensorFlow), and the PyTorch port https://github.com/pmixer/SASRec.pytorch;
 * ours is checked against `bench/peers/p2_sasrec.py`, the same model in plain PyTorch.
 * Note: the paper's residual form `x + Dropout(g(LN(x)))` (the PyTorch port feeds LN(x) as the query only);
 * padded keys are masked (the port lets real positions attend to zeroed padding); no embedding L2 (the port's
 * default 0); Xavier-variance normal init of E and P. Validation ranks from the end of the training sequence,
 * test from the end of training + validation items (P2), with the training items masked as for every model.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { NumberParam } from '../config';
import type { SequenceBatch, TopkModelEntry } from '../contract';

const schema = {
  embeddingDim: {
    kind: 'number',
    label: 'Hidden size d',
    doc: 'Length of the item and position embeddings and of every block’s output.',
    default: 64,
    min: 4,
    max: 256,
    integer: true,
  },
  blocks: {
    kind: 'number',
    label: 'Attention blocks L',
    doc: 'Causal self-attention blocks (attention, then the point-wise feed-forward), each with layer norm.',
    default: 2,
    min: 1,
    max: 4,
    integer: true,
  },
  heads: {
    kind: 'number',
    label: 'Heads H',
    doc: 'Attention heads per block; each looks at the sequence in a d/H-wide sub-space (d must divide by H).',
    default: 1,
    min: 1,
    max: 8,
    integer: true,
  },
  maxLength: {
    kind: 'number',
    label: 'Sequence length T',
    doc: 'The last T items of a user’s sequence are read; shorter sequences are padded (never attended).',
    default: 50,
    min: 2,
    max: 200,
    integer: true,
  },
  dropout: {
    kind: 'number',
    label: 'Dropout',
    doc: 'Dropout rate on the input embeddings, the attention weights and each sub-layer’s output.',
    default: 0.2,
    min: 0,
    max: 0.9,
  } as const satisfies NumberParam,
  objective: {
    kind: 'choice',
    label: 'Objective',
    doc:
      'bce: at every position, binary cross-entropy on the next item and one sampled negative (the paper); ' +
      'softmax: cross-entropy over all items at every position.',
    default: 'bce',
    options: ['bce', 'softmax'],
  },
} as const;

export const sasrec = {
  id: 'sasrec',
  family: 'topk',
  label: 'SASRec',
  description:
    'Causal self-attention over each user’s item sequence; its heads show which past items each position looks at.',
  citation: 'Kang & McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018',
  configSchema: schema,
  views: ['sequence', 'recommend', 'embedding'],
  embeddings: ['item', 'user'],
  needs: {},
  // SASRec's own training settings (the paper's): 128 sequences per step at lr 1e-3.
  trainDefaults: { batchSize: 128, learningRate: 1e-3 },
  // An epoch is one pass over the users (16 steps on the demo) plus a full ranking: about 20 s each in the
  // built app on the busy 2-core vm (4 epochs ≈ 80 s), a few seconds on a quiet laptop; 20 keeps the quick
  // start near two minutes there.
  quickTrain: { epochs: 20, patience: 5 },
  async build(config, data, rng) {
    const { tf, layers, transformer, sequences: seqOps } = await import('../kit');
    const seqs = data.sequences;
    if (!seqs) throw new Error('sasrec needs each user’s chronological sequence (topkDataFromSplit)');
    const { numUsers: U, numItems: I } = data;
    const { embeddingDim: d, maxLength: T, dropout } = config;
    const p = new layers.Params(rng);
    const items = p.normal('item', [I, d], Math.sqrt(2 / (I + d)));
    const positions = p.normal('position', [T, d], Math.sqrt(2 / (T + d)));
    const blocks = Array.from({ length: config.blocks }, (_, l) =>
      transformer.causalBlock(p, `block${l}`, d, config.heads, dropout),
    );
    const last = transformer.layerNorm(p, 'final_ln', d);
    const upToValid = seqOps.concatSequences(seqs.train, seqs.valid);
    const sequenceOf = (phase: 'valid' | 'test') => (phase === 'test' ? upToValid : seqs.train);

    /** `[users.length, T]` tokens of each user's last T items before `phase`'s split. */
    const windows = (users: Int32Array, phase: 'valid' | 'test') => {
      const s = sequenceOf(phase);
      const out = new Int32Array(users.length * T);
      users.forEach((u, r) => seqOps.leftPaddedWindow(s.items, s.indptr[u], s.indptr[u + 1], T, out, r * T));
      return tf.tensor2d(out, [users.length, T], 'int32');
    };

    /** `tokens: [B, T']` (T' ≤ T) → features `[B, T', d]` and each block's attention `[B, H, T', T']`. */
    const forward = (tokens: tf.Tensor2D, training: boolean, seed: number) => {
      const [B, W] = tokens.shape;
      const real = tf.cast(tf.greater(tokens, 0), 'float32') as tf.Tensor2D;
      const real3 = tf.expandDims(real, 2) as tf.Tensor3D;
      const idx = tf.reshape(tf.relu(tf.sub(tokens, tf.scalar(1, 'int32'))), [B * W]) as tf.Tensor1D;
      const e = tf.reshape(tf.gather(items, idx), [B, W, d]);
      // Left padding puts the last item at position T − 1 whatever the window: positions T − W … T − 1.
      let x = tf.add(tf.mul(e, Math.sqrt(d)), tf.slice(positions, [T - W, 0], [W, d])) as tf.Tensor3D;
      if (training && dropout > 0) x = tf.dropout(x, dropout, undefined, seed) as tf.Tensor3D;
      x = tf.mul(x, real3);
      const mask = transformer.causalMask(real);
      const attention: tf.Tensor4D[] = [];
      blocks.forEach((block, l) => {
        const r = block.apply(x, mask, real3, training, seed + 1 + l * transformer.SEEDS_PER_BLOCK);
        x = r.out;
        attention.push(r.attention);
      });
      return { features: last.apply(x), attention };
    };

    /** `[users.length, d]`: the last position's features (the user's representation before `phase`). */
    const userVectors = (users: Int32Array, phase: 'valid' | 'test') =>
      tf.tidy(() => {
        const { features } = forward(windows(users, phase), false, 0);
        return tf.reshape(tf.slice(features, [0, T - 1, 0], [users.length, 1, d]), [
          users.length,
          d,
        ]) as tf.Tensor2D;
      });

    const sequenceLoss = (batch: SequenceBatch, seed: number) =>
      tf.tidy(() => {
        const { features } = forward(batch.input, true, seed);
        const [B, W] = batch.input.shape;
        const f = tf.gather(tf.reshape(features, [B * W, d]), batch.at) as tf.Tensor2D; // [n, d]
        const posLogit = tf.sum(tf.mul(f, tf.gather(items, batch.pos)), 1);
        if (config.objective === 'softmax') {
          const all = tf.matMul(f, items, false, true); // [n, I]
          return tf.mean(tf.sub(tf.logSumExp(all, 1), posLogit)) as tf.Scalar;
        }
        const negLogit = tf.sum(tf.mul(f, tf.gather(items, batch.neg)), 1);
        // −log σ(r⁺) − log(1 − σ(r⁻)), each averaged over the positions with a target.
        return tf.add(tf.mean(tf.softplus(tf.neg(posLogit))), tf.mean(tf.softplus(negLogit))) as tf.Scalar;
      });

    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      sequence: { maxLength: T, loss: sequenceLoss },
      loss() {
        throw new Error('sasrec trains on sequences (model.sequence.loss), not on BPR triples');
      },
      scoreUsers: (users, phase = 'valid') =>
        tf.tidy(() => tf.matMul(userVectors(users, phase), items, false, true) as tf.Tensor2D),
      refresh: async () => {},
      embeddings: (role) =>
        role === 'item'
          ? (tf.clone(items) as tf.Tensor2D)
          : userVectors(
              Int32Array.from({ length: U }, (_, u) => u),
              'valid',
            ),
      async explainSequence(user, phase = 'valid') {
        const s = sequenceOf(phase);
        const n = Math.min(T, s.indptr[user + 1] - s.indptr[user]);
        const seqItems = s.items.slice(s.indptr[user + 1] - n, s.indptr[user + 1]);
        const H = config.heads;
        const L = blocks.length;
        if (n === 0) return { data: new Float32Array(0), shape: [L, H, 0, 0], items: seqItems };
        const maps = tf.tidy(() => {
          const tokens = tf.tensor2d(
            Int32Array.from(seqItems, (i) => i + 1),
            [1, n],
            'int32',
          );
          const { attention } = forward(tokens, false, 0);
          return tf.stack(attention.map((a) => tf.reshape(a, [H, n, n]))); // [L, H, n, n]
        });
        const data = (await maps.data()) as Float32Array;
        maps.dispose();
        return { data, shape: [L, H, n, n], items: seqItems };
      },
      dispose: () => p.dispose(),
    };
  },
} as const satisfies TopkModelEntry<typeof schema>;
