/**
 * Training settings of each family: a schema like every model's, plain data so the page builds its form
 * without tfjs. The top-k schema extends the ctr one with P2's budget and the negatives per positive.
 */
import { defaults, type ConfigOf } from '../../models/config';

/**
 * Defaults reproduce the original trainer: Adam at 1e-3, no weight decay, constant rate, no clipping, best
 * epoch by validation AUC and no early stop.
 */
export const TRAIN_SCHEMA = {
  epochs: {
    kind: 'number',
    label: 'Epochs',
    doc: 'Passes over the training rows (the most; early stopping may end sooner).',
    default: 5,
    min: 1,
    max: 200,
    integer: true,
  },
  batchSize: {
    kind: 'number',
    label: 'Batch size',
    doc: 'Rows per optimizer step.',
    default: 256,
    min: 16,
    max: 8192,
    integer: true,
  },
  learningRate: {
    kind: 'number',
    label: 'Learning rate',
    doc: 'Peak step size of the optimizer (the schedule scales it).',
    default: 1e-3,
    min: 1e-5,
    max: 1,
    log: true,
  },
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    doc: 'Adam (default), Adagrad or SGD (with momentum when Momentum > 0).',
    default: 'adam',
    options: ['adam', 'adagrad', 'sgd'],
  },
  momentum: {
    kind: 'number',
    label: 'Momentum',
    doc: 'SGD only: heavy-ball momentum; 0 is plain SGD.',
    default: 0,
    min: 0,
    max: 0.999,
  },
  weightDecay: {
    kind: 'number',
    label: 'Weight decay',
    doc: 'Decoupled (AdamW-style): each step multiplies the weights by 1 − rate·decay; 0 is off.',
    default: 0,
    min: 0,
    max: 1,
  },
  schedule: {
    kind: 'choice',
    label: 'LR schedule',
    doc: 'Constant, or cosine decay to 0 over all steps of all epochs (after the warmup).',
    default: 'constant',
    options: ['constant', 'cosine'],
  },
  warmupSteps: {
    kind: 'number',
    label: 'Warmup steps',
    doc: 'Optimizer steps over which the rate rises linearly to its peak; 0 is none.',
    default: 0,
    min: 0,
    max: 100000,
    integer: true,
  },
  clipNorm: {
    kind: 'number',
    label: 'Gradient clip norm',
    doc: 'Rescales the gradients when their global L2 norm exceeds this; 0 is off.',
    default: 0,
    min: 0,
    max: 1000,
  },
  earlyStoppingMetric: {
    kind: 'choice',
    label: 'Best-epoch metric',
    doc: 'Validation metric that picks the best epoch (its weights are kept) and drives early stopping.',
    default: 'auc',
    options: ['auc', 'gauc', 'logloss'],
  },
  patience: {
    kind: 'number',
    label: 'Early-stop patience',
    doc: 'Stop after this many epochs without a better validation metric; 0 never stops early.',
    default: 0,
    min: 0,
    max: 200,
    integer: true,
  },
  seed: {
    kind: 'number',
    label: 'Seed',
    doc: 'Seeds weight initialisation, shuffling and dropout.',
    default: 42,
    min: 0,
    max: 2147483647,
    integer: true,
  },
} as const;

export type TrainConfig = ConfigOf<typeof TRAIN_SCHEMA>;
export const DEFAULT_TRAIN_CONFIG: TrainConfig = defaults(TRAIN_SCHEMA);

const shared = TRAIN_SCHEMA;

/**
 * PROTOCOLS.md P2: at most 200 epochs of 2,048 BPR triples per batch, validation Recall@20 after every epoch,
 * stop after 20 epochs without improvement. The learning rate default is ours (the references used 1e-3
 * and were still improving at epoch 200; P2 allows a faster-converging choice).
 */
export const TOPK_TRAIN_SCHEMA = {
  ...shared,
  epochs: { ...shared.epochs, default: 200, max: 1000 },
  batchSize: {
    ...shared.batchSize,
    doc: 'Training (user, positive) pairs per optimizer step, each with its sampled negatives.',
    default: 2048,
  },
  learningRate: { ...shared.learningRate, default: 5e-3 },
  patience: { ...shared.patience, default: 20 },
  negatives: {
    kind: 'number',
    label: 'Negatives per positive',
    doc:
      'Uniform negatives drawn for each training pair; the BPR loss averages over all of them (1 = the ' +
      'references). A batch still holds the batch size of positives.',
    default: 1,
    min: 1,
    max: 16,
    integer: true,
  },
  earlyStoppingMetric: {
    kind: 'choice',
    label: 'Best-epoch metric',
    doc: 'Validation metric (full ranking, training items masked) that picks the best epoch and drives early stopping.',
    default: 'recall@20',
    options: ['recall@20', 'ndcg@20', 'recall@10', 'ndcg@10'],
  },
} as const;

export type TopkTrainConfig = ConfigOf<typeof TOPK_TRAIN_SCHEMA>;
export const DEFAULT_TOPK_TRAIN_CONFIG: TopkTrainConfig = defaults(TOPK_TRAIN_SCHEMA);

/** The training schema of a model family: the ctr trainer's or the top-k trainer's. */
export function trainSchemaOf(family: 'ctr' | 'topk'): typeof TRAIN_SCHEMA | typeof TOPK_TRAIN_SCHEMA {
  return family === 'topk' ? TOPK_TRAIN_SCHEMA : TRAIN_SCHEMA;
}

/**
 * What the page starts a run with, over its family's schema defaults: a useful result within about two
 * minutes on the demo data on a laptop-class CPU, with early stopping on. The schema defaults are the
 * protocols' settings (PROTOCOLS.md P1 and P2): the bench trains with them and the page's "Paper protocol"
 * restores them. How these were chosen, on validation only: docs/TUNING.md.
 */
export const QUICK_TRAIN = {
  ctr: { epochs: 10, patience: 2 },
  topk: { epochs: 30, patience: 5 },
} as const satisfies Record<'ctr' | 'topk', Partial<TopkTrainConfig>>;

/** What the quick start reads of a model: its family, and its own settings over the family's. */
export interface QuickStartOf {
  readonly family: 'ctr' | 'topk';
  readonly quickTrain?: Readonly<Record<string, number>>;
  /** The model's own protocol settings over its family's (`ModelEntry.trainDefaults`). */
  readonly trainDefaults?: Readonly<Record<string, number>>;
}

/**
 * The page's starting training settings of a model: its family's schema defaults with `QUICK_TRAIN` over
 * them, and the model's own `quickTrain` over those.
 */
export function quickTrainDefaults(model: QuickStartOf): Readonly<Record<string, unknown>> {
  return {
    ...protocolTrainDefaults(model.family, model),
    ...QUICK_TRAIN[model.family],
    ...model.quickTrain,
  };
}

/**
 * The protocol's training settings of a family (the bench's): its schema defaults, with the model's own
 * `trainDefaults` over them when a model is given.
 */
export function protocolTrainDefaults(
  family: 'ctr' | 'topk',
  model?: QuickStartOf,
): Readonly<Record<string, unknown>> {
  return { ...defaults(trainSchemaOf(family)), ...model?.trainDefaults };
}
