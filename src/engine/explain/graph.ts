/**
 * The modality-graph view's payload: each item's top neighbours in every modality graph of a top-k model and
 * in the fused graph, the per-item modality attention, and the item catalogue; checked before it is sent.
 */
import type { Dataset } from '../../data/types';
import { checkAttention } from '../../models/explain';
import type { ModalityGraphPayload, NeighbourLists } from '../../contract/explain';
import { MAX_GRAPH_K, type GraphOutcome, type GraphRequest } from '../protocol';
import { itemPopularity } from '../train/topkData';
import { itemCatalogue } from './catalogue';
import type { TopkTarget } from './recommend';

/** Problems with one neighbour list (shape, indices in range, finite weights). */
function checkNeighbours(g: NeighbourLists, numItems: number): string[] {
  const problems: string[] = [];
  if (g.neighbours.length !== numItems * g.k || g.weights.length !== numItems * g.k)
    problems.push(`${g.name}: ${g.neighbours.length} neighbours for ${numItems} items × k ${g.k}`);
  if (g.neighbours.some((j) => j < -1 || j >= numItems)) problems.push(`${g.name}: neighbour out of range`);
  if (!g.weights.every(Number.isFinite)) problems.push(`${g.name}: non-finite weights`);
  return problems;
}

/** The modality-graph payload of `run`'s model, or why there is none. Never runs inside a training step. */
export async function explainGraph(
  dataset: Dataset,
  run: TopkTarget | null,
  request: GraphRequest,
): Promise<GraphOutcome> {
  const t0 = performance.now();
  const { runId } = request;
  if (!run || run.runId !== runId) {
    return { type: 'unavailable', runId, reason: 'No trained top-k model of this run (train one first).' };
  }
  if (!run.model.explain) {
    return {
      type: 'unavailable',
      runId,
      reason: `${run.modelId} has no item–item graphs (tmfun builds one per modality).`,
    };
  }
  const k = Math.max(1, Math.min(MAX_GRAPH_K, Math.floor(request.k ?? 10) || 10));
  const ins = await run.model.explain(k);
  const graphs = [...(ins.modalityGraphs ?? []), ...(ins.fusedGraph ? [ins.fusedGraph] : [])];
  if (graphs.length === 0) {
    const reason =
      run.data.topk.modalities.length === 0
        ? `The dataset has no item modalities (feature vectors), so ${run.modelId} built no item graphs.`
        : `This ${run.modelId} was trained without modality graphs (turn "Modality graph" on).`;
    return { type: 'unavailable', runId, reason };
  }
  const n = run.data.topk.numItems;
  const modalities = ins.modalities ?? [];
  const problems = graphs.flatMap((g) => checkNeighbours(g, n));
  const att = ins.modalityAttention && modalities.length > 0 ? ins.modalityAttention : null;
  if (att) {
    if (att.shape[0] !== n || att.shape[1] !== modalities.length)
      problems.push(`attention shape [${att.shape.join(', ')}], expected [${n}, ${modalities.length}]`);
    else problems.push(...checkAttention(att, { sumsToOne: 1 }).map((p) => `attention: ${p}`));
  }
  if (problems.length > 0) throw new Error(`The model's graphs failed their checks: ${problems.join('; ')}`);
  const payload: ModalityGraphPayload = {
    runId,
    items: itemCatalogue(dataset, itemPopularity(run.data.topk)),
    modalities,
    graphs,
    attention: att ? att.data : null,
    modalityWeights: ins.modalityWeights && modalities.length > 0 ? ins.modalityWeights : null,
  };
  return { type: 'ok', payload, seconds: (performance.now() - t0) / 1000 };
}
