/**
 * The planted-vs-learned answer (issues 22 and 23): the generator's truth rebuilt from the demo's options,
 * then each planted signal read against the trained model — the ctr rows of `explain/planted.ts`, tmfun's
 * modality row (`explain/plantedModality.ts`) and the embedding row (`explain/plantedEmbedding.ts`) against a
 * shuffled control (`plantedControl.ts`), and for every model the popularity row (`explain/plantedPopularity.ts`).
 */
import { itemPopularity as ctrPopularity } from '../explain/catalogue';
import { itemPopularity as topkPopularity } from '../train/topkData';
import type { WorkerApi } from '../protocol';
import {
  DEMO_TOPICS,
  DEMO_VISUAL_TOPICS,
  generateDemoWithTruth,
  plantedStrengths,
  type DemoTruth,
} from '../../data/demo';
import type { PlantedSignal } from '../../contract/explain';
import { atStrength, plantedSignals } from '../explain/planted';
import { embeddingPurity, embeddingSignal } from '../explain/plantedEmbedding';
import { modalityAuc, modalitySignal } from '../explain/plantedModality';
import {
  ctrItemScores,
  popularityAgreement,
  popularitySignal,
  topkItemScores,
} from '../explain/plantedPopularity';
import { nonEmptyRows } from '../../ops/csr';
import { shuffledControl } from './plantedControl';
import { explainContext, type Trained, type WorkerState } from './state';

/**
 * What the demo generator planted, when the loaded data are the generator's (rebuilt once from its options,
 * and only trusted when it gives the very same rows); null otherwise.
 */
function demoTruth(state: WorkerState): DemoTruth | null {
  const demo = state.demo;
  const ds = state.data?.dataset;
  if (!demo || !ds) return null;
  if (!demo.truth) {
    const { dataset, truth } = generateDemoWithTruth(demo.options);
    const a = dataset.interactions;
    const b = ds.interactions;
    const same =
      a.user.length === b.user.length &&
      a.user.every((u, i) => u === b.user[i] && a.item[i] === b.item[i] && a.label[i] === b.label[i]);
    if (!same) {
      state.demo = null;
      return null;
    }
    demo.truth = truth;
  }
  return demo.truth;
}

type PlantedAnswer = Awaited<ReturnType<WorkerApi['plantedVsLearned']>>;

export async function plantedVsLearned(state: WorkerState, t: Trained): Promise<PlantedAnswer> {
  const truth = demoTruth(state);
  if (!truth) {
    return {
      type: 'unavailable',
      runId: t.runId,
      reason:
        'Planted vs learned needs data from the demo generator, which knows what it planted; ' +
        'nothing is known to be planted in these data.',
    };
  }
  const { dataset, encoding, split } = explainContext(state)!;
  // How strongly the data wizard planted each signal (1: the demo's own, 0: switched off).
  const strengths = plantedStrengths(state.demo?.options);
  if (t.family === 'ctr') {
    const counts = ctrPopularity(dataset, split.train);
    const out = await plantedSignals(
      dataset,
      encoding,
      split.valid,
      t.model,
      truth.likeLogit,
      strengths,
      counts,
    );
    // The validation logits the cross was read from, averaged per item.
    const scores = ctrItemScores(out.logits, split.valid, dataset.interactions.item, dataset.numItems);
    const pop = popularityAgreement(truth.itemPopularity, scores);
    const signals = pop
      ? [...out.signals, atStrength(popularitySignal(pop), strengths.popularityInLikes)]
      : out.signals;
    return { type: 'ok', payload: { runId: t.runId, modelId: t.modelId, rows: out.rows, signals } };
  }
  // No visual topic chosen in the wizard: the row is measured on the demo's own (nothing is planted there).
  const visualTokens = truth.visualTopicTokens.length
    ? truth.visualTopicTokens
    : DEMO_VISUAL_TOPICS.map((v) => DEMO_TOPICS.indexOf(v) + 1);
  const entry = state.registry.get(t.modelId);
  const purity = await embeddingPurity(dataset, t.model, topkPopularity(t.data.topk));
  const ins = t.model.explain ? await t.model.explain(1) : {};
  const signals: PlantedSignal[] = [];
  if (entry?.family === 'topk' && (purity || ins.modalityAttention)) {
    // The level to clear: the same model one epoch on shuffled interactions (plantedControl.ts); its
    // input alone (tmfun's modality graphs) already groups items by topic.
    const control = await shuffledControl(entry, t.config, dataset, split);
    if (purity) signals.push(embeddingSignal(purity, control.purity?.purity));
    const c = control.explanation;
    const chance =
      c.modalityAttention && c.modalities
        ? modalityAuc(dataset, c.modalityAttention, c.modalities, visualTokens)
        : null;
    const modality =
      ins.modalityAttention && ins.modalities
        ? modalitySignal(
            dataset,
            ins.modalityAttention,
            ins.modalities,
            visualTokens,
            chance ?? undefined,
            strengths.visual,
          )
        : null;
    if (modality) signals.push(modality);
  }
  const users = nonEmptyRows(t.data.topk.train);
  const pop = popularityAgreement(
    truth.itemPopularity,
    await topkItemScores(t.model, users, t.data.topk.numItems),
  );
  if (pop) signals.push(atStrength(popularitySignal(pop), strengths.popularity));
  if (!signals.length) {
    return {
      type: 'unavailable',
      runId: t.runId,
      reason: `${t.modelId} gives nothing to read against the planted truth.`,
    };
  }
  return {
    type: 'ok',
    payload: { runId: t.runId, modelId: t.modelId, rows: dataset.numItems, unit: 'items', signals },
  };
}
