/**
 * Planted vs learned, the embedding's row: the neighbourhood purity of a model's item embeddings against the
 * demo's planted topics, its chance level, verdict rule and sentence.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { PlantedSignal } from '../../contract/explain';
import type { Dataset } from '../../data/types';
import type { EmbeddingRole } from '../../models/contract';
import { neighbourPurity, type Purity } from '../metrics/neighbourPurity';

/** An item's embedding counts only with this many training interactions: a colder row is mostly its random start. */
export const PURITY_MIN_COUNT = 5;
/** Neighbours per item of the embedding row. */
export const PURITY_K = 10;
/**
 * A purity counts as learned at this many times its chance level, or half the way from it to 1 (a model whose
 * input already groups the topics, tmfun, cannot reach 1.5× its shuffled run); as partly learned from
 * {@link PURITY_PARTLY}× (below 1 / it: against). The shuffled-label controls of ctr models on the demo
 * (`--entry headroom --control shuffle`, seed 42) reach 1.21× (dnn) and 0.98× (din); a dnn trained four epochs
 * on the unit tests' smaller demo, 1.25×: their item ids still drift apart by the users who saw them.
 */
export const PURITY_LIFT = 1.5;
export const PURITY_PARTLY = 1.3;

/** The verdict of purity `p` against its chance level `c`. */
export function purityVerdict(p: number, c: number): PlantedSignal['verdict'] {
  if (p >= c * PURITY_LIFT || p >= c + (1 - c) / 2) return 'learned';
  if (p >= c * PURITY_PARTLY) return 'partly';
  return p <= c / PURITY_PARTLY ? 'against' : 'chance';
}

/**
 * The neighbourhood purity of the model's item embeddings against the planted topics (the category field),
 * over the items with at least {@link PURITY_MIN_COUNT} training interactions (`counts`); null when the model
 * has no item table, the data no category, or too few such items.
 */
export async function embeddingPurity(
  ds: Dataset,
  model: { embeddings(role: EmbeddingRole): tf.Tensor2D | null },
  counts: Int32Array,
): Promise<Purity | null> {
  const category = ds.itemFields.find((c) => c.name === 'category');
  if (!category) return null;
  const table = model.embeddings('item');
  if (!table) return null;
  let all: Float32Array;
  const dim = table.shape[1];
  try {
    all = (await table.data()) as Float32Array;
  } finally {
    table.dispose();
  }
  const keep: number[] = [];
  for (let i = 0; i < ds.numItems && i < counts.length; i++) if (counts[i] >= PURITY_MIN_COUNT) keep.push(i);
  if (keep.length < 2 * PURITY_K) return null;
  const features = new Float32Array(keep.length * dim);
  keep.forEach((i, r) => features.set(all.subarray(i * dim, (i + 1) * dim), r * dim));
  const classes = Int32Array.from(keep, (i) => category.tokens[i]);
  return neighbourPurity(features, keep.length, dim, classes, PURITY_K);
}

/** The embedding row: purity against its chance level, or against `control` (a shuffled run's purity). */
export function embeddingSignal(p: Purity, control?: number): PlantedSignal {
  const chance = control ?? p.chance;
  const lift = p.purity / Math.max(chance, 1e-9);
  const verdict = purityVerdict(p.purity, chance);
  const pct = (v: number) => `${Math.round(v * 100)} %`;
  const vs =
    control === undefined
      ? `${pct(chance)} for neighbours drawn at random`
      : `${pct(chance)} for the same model on shuffled interactions`;
  return {
    id: 'embedding',
    planted: 'topics: each user is shown and likes some topics more, so items of one topic go together',
    learned: `each item's ${p.k} nearest items in the item embedding (${p.rows} items with ≥ ${PURITY_MIN_COUNT} training interactions)`,
    value: p.purity,
    chance,
    ...(control === undefined ? {} : { chanceFrom: 'shuffled interactions' }),
    best: 1,
    // Two decimals near the verdict's lines (1.3×, 1.5×), so "1.3×" never reads "at chance".
    shown: `${pct(p.purity)} same topic, ${lift.toFixed(lift < 2 ? 2 : 1)}× chance`,
    verdict,
    sentence:
      verdict === 'learned'
        ? `The embedding groups items by their planted topic: ${pct(p.purity)} of each item's nearest ` +
          `items share its topic (${vs}).`
        : verdict === 'partly'
          ? `The embedding groups items by their planted topic a little: ${pct(p.purity)} of each item's ` +
            `nearest items share its topic (${vs}). A ctr model need not put the topic in its item ids: ` +
            `the category field carries it.`
          : verdict === 'against'
            ? `Items of one topic lie further apart in the embedding than at random: ${pct(p.purity)} of the ` +
              `nearest items share the topic (${vs}).`
            : `The embedding does not group items by their planted topic: ${pct(p.purity)} of each item's ` +
              `nearest items share its topic (${vs}); the map's clusters, if any, are not the topics.`,
  };
}
