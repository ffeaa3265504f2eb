/**
 * The explain handlers: each answers for the given run's model only ('unavailable' when the worker holds
 * another run's, or none), runs between training steps, never inside one, and turns a model replaced while it
 * awaited the device into 'unavailable' rather than an error.
 */
import { errorMessage } from '../backends';
import { explainAttention, type ExplainTarget } from '../explain/attention';
import { embeddingMap } from '../explain/embeddingMap';
import { itemPopularity as ctrPopularity } from '../explain/catalogue';
import { explainGraph } from '../explain/graph';
import { recommend, recommendTopk, type TopkTarget } from '../explain/recommend';
import { searchExamples } from '../explain/search';
import { explainSequence } from '../explain/sequence';
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
import {
  embeddingPurity,
  embeddingSignal,
  modalityAuc,
  modalitySignal,
  plantedSignals,
} from '../explain/planted';
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

type ExplainHandlers = Pick<
  WorkerApi,
  | 'explainAttention'
  | 'searchExamples'
  | 'explainGraph'
  | 'embeddingMap'
  | 'recommend'
  | 'explainSequence'
  | 'plantedVsLearned'
>;

type Unavailable = { readonly type: 'unavailable'; readonly runId: number; readonly reason: string };
type Failed = { readonly type: 'error'; readonly runId: number; readonly message: string };

const NONE = 'No trained model of this run (train one first).';

export function explainHandlers(state: WorkerState): ExplainHandlers {
  /** Runs `answer` on the run's trained model, with the answers every explain endpoint shares. */
  async function withModel<T>(
    runId: number,
    answer: (trained: Trained) => Promise<T>,
  ): Promise<T | Unavailable | Failed> {
    const trained = state.trained;
    if (!state.data || !trained || trained.runId !== runId)
      return { type: 'unavailable', runId, reason: NONE };
    try {
      return await answer(trained);
    } catch (err) {
      // A new run or dataset may have disposed the model while this was awaiting the device.
      if (state.trained !== trained) return { type: 'unavailable', runId, reason: 'The model was replaced.' };
      return { type: 'error', runId, message: errorMessage(err) };
    }
  }

  const ctrTarget = (t: Trained & { family: 'ctr' }): ExplainTarget => t;
  const topkTarget = (t: Trained & { family: 'topk' }): TopkTarget => t;
  const notCtr = (t: Trained, what: string): Unavailable => ({
    type: 'unavailable',
    runId: t.runId,
    reason: `${t.modelId} ranks items for a user; ${what} is for the click-through models.`,
  });

  return {
    explainAttention: (request) =>
      withModel(request.runId, async (t) =>
        t.family === 'ctr'
          ? explainAttention(explainContext(state)!, ctrTarget(t), request)
          : notCtr(t, 'attention over fields and behaviours'),
      ),

    async searchExamples(request) {
      const ctx = explainContext(state);
      return ctx ? searchExamples(ctx.dataset, ctx.index, request) : { hits: [], total: 0 };
    },

    explainGraph: (request) =>
      withModel(request.runId, async (t) =>
        t.family === 'topk'
          ? explainGraph(state.data!.dataset, topkTarget(t), request)
          : {
              type: 'unavailable',
              runId: t.runId,
              reason: `${t.modelId} has no item–item graphs (tmfun builds one per modality).`,
            },
      ),

    embeddingMap: (request) =>
      withModel(request.runId, async (t) => {
        const { dataset, split } = state.data!;
        const counts =
          request.kind === 'user'
            ? undefined
            : t.family === 'ctr'
              ? ctrPopularity(dataset, split.train)
              : topkPopularity(t.data.topk);
        return embeddingMap(dataset, split, t, request.kind, counts);
      }),

    recommend: (request) =>
      withModel(request.runId, async (t) =>
        t.family === 'ctr'
          ? recommend(explainContext(state)!, ctrTarget(t), request)
          : recommendTopk(state.data!.dataset, topkTarget(t), request),
      ),

    explainSequence: (request) =>
      withModel(request.runId, async (t) =>
        t.family === 'topk'
          ? explainSequence(state.data!.dataset, topkTarget(t), request)
          : {
              type: 'unavailable',
              runId: t.runId,
              reason: `${t.modelId} reads no item sequence (sasrec does).`,
            },
      ),

    plantedVsLearned: (request) =>
      withModel(request.runId, async (t) => {
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
          return { type: 'ok', payload: { runId: t.runId, modelId: t.modelId, ...out } };
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
        if (!signals.length) {
          return {
            type: 'unavailable',
            runId: t.runId,
            reason: `${t.modelId} learns no item embedding or modality attention to read against the planted truth.`,
          };
        }
        return {
          type: 'ok',
          payload: {
            runId: t.runId,
            modelId: t.modelId,
            rows: dataset.numItems,
            unit: 'items',
            signals,
          },
        };
      }),
  };
}
