/**
 * Planted vs learned, tmfun's row: its per-item modality attention against which modality the demo made
 * informative for which topic (the verdict rules shared with the other rows are in `planted.ts`).
 */
import type { PlantedSignal } from '../../contract/explain';
import type { Dataset } from '../../data/types';
import { relevanceAuc } from '../metrics/plantedAttention';
import { atStrength, AUC_MARGIN, aucVerdict } from './planted';

/**
 * tmfun's per-item modality attention against the demo's planted modality ranking: vision carries
 * like-relevant signal (appeal, style) only for the visual topics (`visualTopicTokens`, category tokens),
 * acoustic and text carry topic for every item. The agreement: the AUC of α_visual for telling the items of
 * visual topics from the others. Its chance level is not 0.5: the visual vectors of visual topics have
 * structure and the others are noise, so an attention over them differs by topic without any signal to
 * learn. The level is `control`, the AUC of the same model trained on shuffled interactions (0.5 when not
 * given; `worker/plantedControl.ts`).
 */
export function modalityAuc(
  ds: Dataset,
  attention: { readonly data: Float32Array; readonly shape: readonly number[] },
  modalities: readonly string[],
  visualTopicTokens: readonly number[],
): number | null {
  const m = modalities.indexOf('visual');
  const category = ds.itemFields.find((c) => c.name === 'category');
  const [n, M] = attention.shape;
  if (m < 0 || !category || n !== ds.numItems) return null;
  const visual = new Set(visualTopicTokens);
  const relevant = Uint8Array.from({ length: n }, (_, i) => (visual.has(category.tokens[i]) ? 1 : 0));
  const alpha = Float32Array.from({ length: n }, (_, i) => attention.data[i * M + m]);
  // One "row" holding every item: the same rank statistic as the behaviours'.
  return relevanceAuc(alpha, relevant, 1, n, () => true).auc;
}

export function modalitySignal(
  ds: Dataset,
  attention: { readonly data: Float32Array; readonly shape: readonly number[] },
  modalities: readonly string[],
  visualTopicTokens: readonly number[],
  control?: number,
  strength?: number,
): PlantedSignal | null {
  const auc = modalityAuc(ds, attention, modalities, visualTopicTokens);
  const category = ds.itemFields.find((c) => c.name === 'category');
  if (auc === null || !category) return null;
  const chance = control ?? 0.5;
  const v = aucVerdict(auc, chance);
  const topics = visualTopicTokens.map((t) => category.vocab[t]).join(', ');
  const vs =
    control === undefined
      ? '0.5 is chance'
      : `the same model on shuffled interactions: ${control.toFixed(2)}`;
  return atStrength(
    {
      id: 'modalityAttention',
      planted: `vision informs only the visual topics (${topics}); sound and text inform every topic`,
      learned: 'each item’s attention on its visual vector, α visual',
      value: auc,
      chance,
      ...(control === undefined ? {} : { chanceFrom: 'shuffled interactions' }),
      best: 1,
      shown: `AUC ${auc.toFixed(2)}`,
      verdict: v,
      sentence:
        v === 'learned'
          ? `Training taught the modality attention to lean on vision for the items of visual topics (AUC ` +
            `${auc.toFixed(2)}; ${vs}).`
          : v === 'against'
            ? `The modality attention leans on vision less for the items of visual topics than without any ` +
              `signal, against the truth (AUC ${auc.toFixed(2)}; ${vs}).`
            : `The modality attention is not clearly nearer the planted visual topics than without any signal ` +
              `(AUC ${auc.toFixed(2)}; ${vs}, within ${AUC_MARGIN}): what it shows of them the input gives, ` +
              `since the visual vectors of visual topics have structure and the others are noise.`,
    },
    strength,
  );
}
