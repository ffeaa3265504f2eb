/** Training settings: a schema like every model's, plain data so the page can build its form without tfjs. */
import { defaults, type ConfigOf } from '../models/config';

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
