/**
 * The one model contract. A model is one module exporting one entry (`ModelEntry`): plain data the page reads
 * without tfjs (id, family, label, help, citation, config schema, the views it supports, its embedding tables
 * by role) and a `build` for the worker, which loads the model's math (`kit.ts`) on first use. `registry.ts`
 * lists the entries; everything that names models (picker, views, share links, export and import, the bench,
 * the README's table, the tests) derives from that list.
 *
 * Two families, as RecBole splits them (STYLE §2): **ctr** models score one (user, item, context) row —
 * `logits(batch)`, trained pointwise with sigmoid cross-entropy and measured by AUC; **topk** models rank
 * every item for a user — `loss(batch)` on BPR triples, `scoreUsers(users)` for full ranking, measured by
 * Recall@K / NDCG@K. Both return what the explain views draw through `explain` (STYLE §8: plain typed arrays,
 * shapes in the TSDoc) and their embedding tables through `embeddings(role)`.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type {
  AttentionMap,
  BehaviourAttention,
  NeighbourLists,
  SequenceAttention,
} from '../contract/explain';
import type { CtrEncoding } from '../data/features';
import type { UserSequences } from '../data/sequences';
import type { Rng } from '../data/random';
import type { Modality } from '../data/types';
import type { UserItemLists } from '../ops/csr';
import type { ConfigOf, ParamSchema } from './config';

export type ModelFamily = 'ctr' | 'topk';

/** The explain views a model can support (run comparison is offered for every run). */
export type ModelView = 'heads' | 'behaviour' | 'sequence' | 'graph' | 'embedding' | 'recommend';

/** What an embedding table's rows are: one per item, or one per user (dense indices). */
export type EmbeddingRole = 'item' | 'user';

/** What every built model has: its variables, named, its embedding tables by role, and `dispose`. */
interface BuiltModel {
  readonly trainableVariables: readonly tf.Variable[];
  /** Our name of each trainable variable, in the same order (checkpoints and model files store them). */
  readonly variableNames: readonly string[];
  /**
   * `[count, d]` rows of the model's `role` table by dense index (a new tensor: the caller disposes it), or
   * null when the model or the data have none (e.g. no `user_id` field).
   */
  embeddings(role: EmbeddingRole): tf.Tensor2D | null;
  /** Frees the variables and constants. */
  dispose(): void;
}

// ---- ctr ---------------------------------------------------------------------------------------------

/** One batch of ctr rows, already on the device. */
export interface CtrBatch {
  /** `[B, F]` int32 global token ids into the shared embedding table. */
  readonly fieldIds: tf.Tensor2D;
  /** `[B]` int32 item index of each row, for modality lookups. */
  readonly itemIdx: tf.Tensor1D;
  /** `[B]` float32 0/1 labels. */
  readonly labels: tf.Tensor1D;
  /**
   * `[B, W]` int32 global ids of the row item's multi-valued fields (`CtrEncoding.itemMultiIds`), 0 = padding.
   * Present when the encoding has multi-valued fields.
   */
  readonly multiIds?: tf.Tensor2D;
  /**
   * `[B, T]` int32 behaviour sequence: global ids of `item_id` rows of the shared table, oldest first,
   * left-padded with 0. Present when the encoding has histories (and the batch was asked for them).
   */
  readonly history?: tf.Tensor2D;
  /**
   * The batch's distinct items, with histories: `tokens` `[U]` int32 item tokens (item index + 1, 0 = the
   * padding of short histories) of every candidate and behaviour, ascending; `cand` `[B]` and `hist` `[B·T]`
   * int32 positions in `tokens` of each row's candidate and each behaviour. A model that represents items
   * (DIN) computes each distinct item once and gathers, whatever the catalogue's size.
   */
  readonly items?: { readonly tokens: tf.Tensor1D; readonly cand: tf.Tensor1D; readonly hist: tf.Tensor1D };
}

/** What `CtrModel.explain` returns; each model fills the keys it has. */
export interface CtrExplanation {
  /**
   * `[L, H, M, M]` self-attention over fields, averaged over the batch (explain a one-row batch for one
   * example); every row sums to 1.
   */
  readonly fieldAttention?: AttentionMap;
  /** `[M, M]` pair attention, batch mean; only the upper triangle (i < j) is used, and it sums to 1. */
  readonly pairAttention?: AttentionMap;
  /** `[B, T, H]` weight of each behaviour in each head (0 for padding). */
  readonly behaviourAttention?: BehaviourAttention;
}

/** A built pointwise model. Owns its variables and constants. */
export interface CtrModel extends BuiltModel {
  /**
   * @returns `[B]` logits (pre-sigmoid). `training` switches dropout on; `seed` makes dropout masks
   * reproducible.
   */
  logits(batch: CtrBatch, training: boolean, seed: number): tf.Tensor1D;
  /**
   * The model's attention on a batch, as plain arrays for the views. A separate forward pass without
   * gradients or dropout, so training never pays for it; leaves no tensors behind.
   */
  explain?(batch: CtrBatch): Promise<CtrExplanation>;
}

// ---- topk --------------------------------------------------------------------------------------------

/** What a top-k model is built from: the training interactions and the item features (plain data). */
export interface TopkData {
  readonly numUsers: number;
  readonly numItems: number;
  /** Each user's training items (CSR, sorted, unique). Graphs and popularity come from these only. */
  readonly train: UserItemLists;
  /** Item modality matrices (`[numItems, dim]` each). */
  readonly modalities: readonly Modality[];
  /** Chronological sequences (sequence models read them; built by `topkDataFromSplit`). */
  readonly sequences?: TopkSequences;
}

/**
 * Each user's items in chronological order (`src/data/split.ts`'s order): the training items, and the
 * validation items that follow them. A sequence model scores the validation split from the end of `train`
 * and the test split from the end of `train` then `valid`.
 */
export interface TopkSequences {
  readonly train: UserSequences;
  readonly valid: UserSequences;
}

/** Which split a full ranking is for: a sequence model reads the items before it (the others ignore it). */
export type EvalPhase = 'valid' | 'test';

/**
 * One batch of training sequences for a sequence objective (`TopkModel.sequence`): each row is the last T
 * items of a user's training sequence but the last, and every position's target is the item after it.
 */
export interface SequenceBatch {
  /** B, the number of sequences. */
  readonly size: number;
  /** `[B, T]` int32 item tokens (item index + 1), oldest first, left-padded with 0. */
  readonly input: tf.Tensor2D;
  /** `[n]` int32 flat positions `b·T + t` that have a target (every real position). */
  readonly at: tf.Tensor1D;
  /** `[n]` int32 the next item (index) at each of those positions. */
  readonly pos: tf.Tensor1D;
  /** `[n]` int32 one negative per position, uniform over the items outside the user's training items. */
  readonly neg: tf.Tensor1D;
}

/** A model trained on sequences rather than BPR triples declares this; the trainer then feeds it sequences. */
export interface SequenceObjective {
  /** T: the window of the last items a sequence is cut to. */
  readonly maxLength: number;
  /** Mean training loss of a batch; `seed` makes its dropout masks reproducible. */
  loss(batch: SequenceBatch, seed: number): tf.Scalar;
}

/** One batch of (user, positive item, negative item) triples on the device. */
export interface TopkBatch {
  readonly size: number;
  /** `[B]` int32 each. */
  readonly users: tf.Tensor1D;
  readonly pos: tf.Tensor1D;
  readonly neg: tf.Tensor1D;
  /** `[P]` int32: the batch's distinct positive items, ascending (for in-batch contrastive terms). */
  readonly uniquePos: tf.Tensor1D;
}

/** What `TopkModel.explain` returns; each model fills the keys it has. Plain typed arrays. */
export interface TopkExplanation {
  /** One per modality graph Ŝ^m. */
  readonly modalityGraphs?: readonly NeighbourLists[];
  /** The modality names, in the order of the attention's last axis and of `modalityGraphs`. */
  readonly modalities?: readonly string[];
  /** `[numItems, M]` attention α_i^m over the modalities (rows sum to 1). */
  readonly modalityAttention?: AttentionMap;
  /** `[M]` the mean attention ᾱ^m that weighs the fused graph. */
  readonly modalityWeights?: Float32Array;
  /** The fused item graph Ŝ = Σ_m ᾱ^m Ŝ^m. */
  readonly fusedGraph?: NeighbourLists;
}

/**
 * A built ranking model (RecBole's `calculate_loss` / `full_sort_predict`). Models that propagate over a graph
 * cache the propagated embeddings for `scoreUsers` and drop the cache at the start of every `loss` call
 * (STYLE §3, RecBole's LightGCN).
 */
export interface TopkModel extends BuiltModel {
  /**
   * Training loss of a batch (BPR plus the model's regularisers). Starts a training step: drops any cached
   * propagation, since the weights are about to change.
   */
  loss(batch: TopkBatch): tf.Scalar;
  /**
   * `[users.length, numItems]` scores of every item for the given users. Propagates once per weight state
   * and caches the result until the next `loss` or `refresh`. `phase` says which split is ranked (default
   * 'valid'); only sequence models read it (they score from the items before that split).
   */
  scoreUsers(users: Int32Array, phase?: EvalPhase): tf.Tensor2D;
  /** Sequence models (sasrec): the trainer feeds `sequence.loss` sequences instead of calling `loss`. */
  readonly sequence?: SequenceObjective;
  /**
   * Recomputes what derives from the weights outside a training step: drops the cache and (tmfun) rebuilds
   * the fused item graph. The trainer calls it after each epoch's steps and after restoring weights, with
   * `nextEpoch`, the (1-based) epoch whose steps will read the refreshed state: what a model draws per epoch
   * (tmfun's pruned graph) is then that epoch's, so a resumed run trains as the uninterrupted one. Omitted:
   * the epoch after the last one drawn.
   */
  refresh(nextEpoch?: number): Promise<void>;
  /** The model's graphs and attention as plain arrays (k neighbours per item); leaves no tensors behind. */
  explain?(k?: number): Promise<TopkExplanation>;
  /**
   * Sequence models: the causal self-attention over `user`'s last ≤ T items before `phase`'s split
   * (default 'valid': the training items), as plain arrays; leaves no tensors behind.
   */
  explainSequence?(user: number, phase?: EvalPhase): Promise<SequenceAttention>;
}

/** How far a model's build is (tmfun's kNN graphs take seconds on large catalogues). */
export interface BuildProgress {
  /** What is being built, for people ("visual kNN graph"). */
  readonly stage: string;
  /** Work done and total in the stage's own unit (items for a kNN graph). */
  readonly done: number;
  readonly total: number;
}

export interface BuildHooks {
  onProgress?(p: BuildProgress): void;
}

// ---- the entry ---------------------------------------------------------------------------------------

/**
 * How a model depends on one part of the data: it cannot train without it (`required`: the page and the
 * worker refuse the run), or it reads it and trains without it as `without` says (the page warns first).
 */
export type DataNeed =
  | { readonly kind: 'required' }
  | {
      readonly kind: 'used';
      /** What the model does without it, completing "so it …": "trains without its modality graphs". */
      readonly without: string;
    };

/** The parts of the data a model reads beyond users, items and labels; a part it ignores is left out. */
export interface DataNeeds {
  /** Item modality vectors (`Dataset.modalities`). */
  readonly modalities?: DataNeed;
  /** Behaviour sequences: each row's earlier interactions of its user (`CtrBatch.history`). */
  readonly history?: DataNeed;
}

interface EntryBase<S extends ParamSchema> {
  /** Stable id: the share link, saved runs and model files store it. */
  readonly id: string;
  readonly label: string;
  /** One sentence for the model picker. */
  readonly description: string;
  /** The paper the model follows (authors, title, venue, year), for the README and the picker. */
  readonly citation: string;
  /** Every setting with its default, range and help (config.ts): the form, the link and the bench read it. */
  readonly configSchema: S;
  /** The explain views the trained model supports, in tab order. */
  readonly views: readonly ModelView[];
  /** The tables `embeddings(role)` returns (the embedding map and the vectors.tsv export read them). */
  readonly embeddings: readonly EmbeddingRole[];
  /** What it reads of the data (`dataCheck.ts` checks a dataset against it before training). */
  readonly needs: DataNeeds;
  /**
   * False for a model computed in closed form at build (no trainable weights, no epochs; pop, itemknn, ease):
   * auto has no training steps to time for it, so it does not probe the backends. Left out: it trains.
   */
  readonly trains?: false;
  /**
   * Training settings over its family's quick start (`QUICK_TRAIN`), for a model whose epochs are slow enough
   * that the family's would take well over two minutes on the demo.
   */
  readonly quickTrain?: Readonly<Record<string, number>>;
  /**
   * Training settings over its family's protocol defaults, for a model whose paper trains differently
   * (sasrec: 128 sequences per step at lr 1e-3); the bench, the page's presets and the quick start read them.
   */
  readonly trainDefaults?: Readonly<Record<string, number>>;
}

export interface CtrModelEntry<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  readonly family: 'ctr';
  /** Builds the model for an encoding; `config` has been resolved against `configSchema`. */
  build(config: ConfigOf<S>, features: CtrEncoding, rng: Rng): Promise<CtrModel>;
}

export interface TopkModelEntry<S extends ParamSchema = ParamSchema> extends EntryBase<S> {
  readonly family: 'topk';
  /** Builds the model (some build item graphs first, reported through `hooks`); `config` is resolved. */
  build(config: ConfigOf<S>, data: TopkData, rng: Rng, hooks?: BuildHooks): Promise<TopkModel>;
}

/**
 * A model of either family. `build` is declared as a method, so an entry typed by its own schema is a
 * `ModelEntry` without a cast; that is sound because every caller resolves the config against the entry's
 * schema first (`registry.ts` `resolveModelConfig`).
 */
export type ModelEntry<S extends ParamSchema = ParamSchema> = CtrModelEntry<S> | TopkModelEntry<S>;
