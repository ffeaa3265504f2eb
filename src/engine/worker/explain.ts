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
import { plantedVsLearned } from './plantedHandler';
import { explainContext, type Trained, type WorkerState } from './state';

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

    plantedVsLearned: (request) => withModel(request.runId, (t) => plantedVsLearned(state, t)),
  };
}
