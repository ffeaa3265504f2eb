/** Top-k training settings: a schema like every model's, plain data (the page builds its form from it). */
import { defaults, type ConfigOf } from '../models/config';
import { TRAIN_SCHEMA } from './trainConfig';

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
