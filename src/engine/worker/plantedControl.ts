/**
 * The control beside tmfun's planted-vs-learned row: the same model and settings trained for one epoch on
 * the interactions with their items shuffled (the same users, item counts and features; no preference left
 * to learn). Its modality attention is what the input and the first updates give without any signal, the
 * level a trained model must clear. An untrained tmfun is no control: its attention starts exactly uniform.
 */
import type { Dataset } from '../../data/types';
import type { Split } from '../../data/split';
import { makeRng, shuffleInPlace } from '../../data/random';
import type { TopkExplanation, TopkModelEntry } from '../../models/contract';
import { resolveModelConfig } from '../../models/registry';
import { DEFAULT_TOPK_TRAIN_CONFIG } from '../train/config';
import { topkFamily } from '../train/topk';
import { itemPopularity, topkDataFromSplit } from '../train/topkData';
import { embeddingPurity } from '../explain/plantedEmbedding';
import type { Purity } from '../metrics/neighbourPurity';
import { timeTrainingSteps } from '../train/timeSteps';

/**
 * One epoch of `entry` on `ds` with its items shuffled: its explanation and the purity of its item embedding
 * (null without one). Leaves no tensors.
 */
export async function shuffledControl(
  entry: TopkModelEntry,
  config: Readonly<Record<string, unknown>>,
  ds: Dataset,
  split: Split,
): Promise<{ explanation: TopkExplanation; purity: Purity | null }> {
  const item = shuffleInPlace(ds.interactions.item.slice(), makeRng('planted/control'));
  const shuffled: Dataset = { ...ds, interactions: { ...ds.interactions, item } };
  const prepared = topkDataFromSplit(shuffled, split, { positiveOnly: true });
  const model = await entry.build(
    resolveModelConfig(entry, config).config,
    prepared.topk,
    makeRng('planted/control/init'),
  );
  try {
    const train = { ...DEFAULT_TOPK_TRAIN_CONFIG, epochs: 1 };
    const family = topkFamily(model, prepared.split, train);
    const steps = family.stepsPerEpoch;
    await timeTrainingSteps(family, train, { warmup: 0, minSteps: steps, maxSteps: steps, budgetMs: 0 });
    await model.refresh();
    const explanation = model.explain ? await model.explain(1) : {};
    return { explanation, purity: await embeddingPurity(shuffled, model, itemPopularity(prepared.topk)) };
  } finally {
    model.dispose();
  }
}
