/** Training settings: a schema like every model's, plain data so the page can build its form without tfjs. */
import { defaults, type ConfigOf } from '../models/config';

export const TRAIN_SCHEMA = {
  epochs: {
    kind: 'number',
    label: 'Epochs',
    doc: 'Passes over the training rows.',
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
    doc: 'Step size of the optimizer.',
    default: 1e-3,
    min: 1e-5,
    max: 1,
    log: true,
  },
  optimizer: {
    kind: 'choice',
    label: 'Optimizer',
    doc: 'Adam (default), Adagrad or plain SGD.',
    default: 'adam',
    options: ['adam', 'adagrad', 'sgd'],
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
