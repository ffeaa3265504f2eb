/**
 * The worker's top-k side, as plain async functions over the current dataset (session.ts calls them): a
 * top-k training run (data from the split's positive rows, the model built with its graph-build progress
 * reported, `trainTopk` with the session's stop / pause hooks, a checkpoint after every epoch and continuing
 * from one), the modality-graph payload of the run's model for the graph view, and a user's top-K unseen
 * items by the run's model.
 */
import type { Split } from '../data/split';
import type { Dataset } from '../data/types';
import { makeRng } from '../data/random';
import { resolveConfig } from '../models/config';
import { checkAttention } from '../models/explain';
import { REGISTRY } from '../models/registry';
import type { TopkModel } from '../models/contract';
import type { RecommendOutcome, RecommendRequest } from './explainProtocol';
import { decodeCheckpoint, encodeCheckpoint } from './train/checkpoint';
import { MAX_RECOMMEND, topK } from './explainer';
import { categoryOf } from './inspector';
import {
  MAX_GRAPH_K,
  type GraphOutcome,
  type GraphRequest,
  type TrainEvent,
  type TrainOutcome,
  type TrainRequest,
} from './protocol';
import { itemPopularity, topkDataFromSplit, type TopkPrepared } from './topkData';
import { trainTopk, type TopkEpochReport } from './train/topk';
import type {
  ItemCatalogue,
  ModalityGraphPayload,
  NeighbourLists,
  Recommendation,
  RecommendationsPayload,
} from '../contract/explain';
import { TOPK_TRAIN_SCHEMA, type TopkTrainConfig } from './train/config';

/** The model of a top-k run, kept after training for the views; the session disposes it. */
export interface TopkRun {
  readonly runId: number;
  readonly modelId: string;
  readonly model: TopkModel;
  readonly data: TopkPrepared;
}

export function isTopkModel(id: string): boolean {
  return REGISTRY.get(id)?.family === 'topk';
}

export interface TopkRunHooks {
  emit(event: TrainEvent): void;
  shouldStop(): boolean;
  pauseGate(): Promise<void> | null;
  /** Called once the model is built (before training), so the session owns it even if training fails. */
  onModel(run: TopkRun): void;
}

/** Build progress is posted at most this often (a 20,000-item graph has ~100 blocks per modality). */
const BUILD_REPORT_MS = 100;

/**
 * Trains the request's top-k model on `dataset` / `split`. The backend is already up. Throws on bad input
 * (the session turns it into an error outcome).
 */
export async function trainTopkRun(
  dataset: Dataset,
  split: Split,
  request: TrainRequest,
  hooks: TopkRunHooks,
): Promise<TrainOutcome> {
  const { runId } = request;
  const spec = REGISTRY.get(request.modelId);
  if (spec?.family !== 'topk') throw new Error(`Unknown model "${request.modelId}".`);
  const modelCfg = resolveConfig(spec.configSchema, request.modelConfig);
  const trainCfg = resolveConfig(TOPK_TRAIN_SCHEMA, request.trainConfig);
  const data = topkDataFromSplit(dataset, split, { positiveOnly: true });
  if (data.topk.train.indices.length === 0) {
    throw new Error(
      'The training split has no positive interactions: a top-k model has nothing to learn from.',
    );
  }
  let lastReport = -Infinity;
  const model = await spec.build(modelCfg.config, data.topk, makeRng(`${trainCfg.config.seed}/init`), {
    onProgress: ({ stage, done, total }) => {
      const now = performance.now();
      if (done > 0 && done < total && now - lastReport < BUILD_REPORT_MS) return;
      lastReport = now;
      hooks.emit({ type: 'build', runId, stage, done, total });
    },
  });
  hooks.onModel({ runId, modelId: spec.id, model, data });
  const resumeFrom = request.resumeFrom
    ? decodeCheckpoint<TopkTrainConfig, TopkEpochReport>(request.resumeFrom)
    : undefined;
  for (const report of resumeFrom?.history ?? [])
    hooks.emit({ type: 'epoch', runId, family: 'topk', report });
  const result = await trainTopk(model, data.split, trainCfg.config, {
    resumeFrom,
    onCheckpoint: request.checkpoints
      ? (c) => {
          const bytes = encodeCheckpoint(c);
          const paused = c.partial !== null;
          hooks.emit({ type: 'checkpoint', runId, epoch: c.epoch, step: c.step, paused, bytes });
        }
      : undefined,
    onProgress: (progress) => hooks.emit({ type: 'progress', runId, progress }),
    onEpoch: (report) => hooks.emit({ type: 'epoch', runId, family: 'topk', report }),
    shouldStop: hooks.shouldStop,
    pauseGate: hooks.pauseGate,
  });
  return {
    type: 'done',
    runId,
    family: 'topk',
    result,
    warnings: [...modelCfg.warnings, ...trainCfg.warnings],
  };
}

/** Keys, titles, category (the first categorical item field, as the behaviour view) and popularity. */
export function itemCatalogue(dataset: Dataset, popularity: Int32Array): ItemCatalogue {
  const n = dataset.numItems;
  const cat = categoryOf(dataset);
  const categories: string[] = new Array<string>(n);
  const categoryTokens = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const [name, token] = cat.of(i);
    categories[i] = name;
    categoryTokens[i] = cat.name === null ? -1 : token;
  }
  return {
    count: n,
    keys: dataset.itemKeys.slice(0, n),
    titles: Array.from({ length: n }, (_, i) => dataset.itemTitles[i] ?? dataset.itemKeys[i]),
    categories,
    categoryTokens,
    categoryField: cat.name,
    popularity: Int32Array.from(popularity),
  };
}

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
  run: TopkRun | null,
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

/** The distinct buffers of a graph outcome's typed arrays, to post them as transferables. */
export function graphTransferables(outcome: GraphOutcome): ArrayBuffer[] {
  if (outcome.type !== 'ok') return [];
  const p = outcome.payload;
  const arrays: (ArrayBufferView | null)[] = [
    p.items.categoryTokens,
    p.items.popularity,
    p.attention,
    p.modalityWeights,
    ...p.graphs.flatMap((g) => [g.neighbours, g.weights]),
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

/** Neighbours per item read from tmfun's fused graph to explain a recommendation, and reasons kept. */
const REASON_GRAPH_K = 20;
const REASONS = 3;

/** The first user with validation items (else with training items): the default of the recommendations. */
function defaultUser(run: TopkRun): number {
  const { valid, train } = run.data.split;
  for (const lists of [valid, train])
    for (let u = 0; u + 1 < lists.indptr.length; u++) if (lists.indptr[u + 1] > lists.indptr[u]) return u;
  return 0;
}

/**
 * For each candidate, its neighbours in `graph` (an item's top neighbours) that are among `seen` (the
 * user's training items), heaviest first: why a graph model puts the candidate near the user's items.
 */
export function neighbourReasons(
  graph: NeighbourLists,
  candidates: readonly number[],
  seen: ReadonlySet<number>,
  title: (item: number) => string,
  max = REASONS,
): { label: string; weight: number }[][] {
  const { k, neighbours, weights } = graph;
  return candidates.map((c) => {
    const out: { label: string; weight: number }[] = [];
    for (let j = 0; j < k && (c + 1) * k <= neighbours.length; j++) {
      const t = neighbours[c * k + j];
      if (t >= 0 && seen.has(t)) out.push({ label: title(t), weight: weights[c * k + j] });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, max);
  });
}

/**
 * A user's top-K items by `run`'s model (`scoreUsers`), the user's training items left out. tmfun's
 * reasons are the candidate's fused-graph neighbours the user trained on ('neighbours'); the other top-k
 * models have none. Leaves no tensors behind.
 */
export async function recommendTopk(
  dataset: Dataset,
  run: TopkRun | null,
  request: RecommendRequest,
): Promise<RecommendOutcome> {
  const { runId } = request;
  if (!run || run.runId !== runId) {
    return { type: 'unavailable', runId, reason: 'No trained top-k model of this run (train one first).' };
  }
  const { numUsers, numItems, train } = run.data.topk;
  const k = Math.max(1, Math.min(MAX_RECOMMEND, Math.floor(request.k ?? 10) || 10));
  const user = request.user ?? defaultUser(run);
  if (!(Number.isInteger(user) && user >= 0 && user < numUsers)) throw new Error(`There is no user ${user}.`);
  const seenList = train.indices.subarray(train.indptr[user], train.indptr[user + 1]);
  if (seenList.length === 0) {
    return {
      type: 'unavailable',
      runId,
      reason: `User ${dataset.userKeys[user]} has no training interactions: pick another.`,
    };
  }
  const scored = run.model.scoreUsers(Int32Array.of(user));
  let scores: Float32Array;
  try {
    scores = Float32Array.from(await scored.data());
  } finally {
    scored.dispose();
  }
  if (scores.length !== numItems)
    throw new Error(`The model scored ${scores.length} items, expected ${numItems}.`);
  const allowed = new Uint8Array(numItems).fill(1);
  for (const i of seenList) allowed[i] = 0;
  const top = topK(scores, allowed, k);

  const title = (i: number) => dataset.itemTitles[i] || dataset.itemKeys[i];
  let reasons: Recommendation['reasons'][] = top.map(() => []);
  let reasonKind: RecommendationsPayload['reasonKind'] = 'none';
  if (run.model.explain && top.length > 0) {
    const fused = (await run.model.explain(REASON_GRAPH_K)).fusedGraph;
    if (fused) {
      reasonKind = 'neighbours';
      reasons = neighbourReasons(fused, top, new Set(seenList), title);
    }
  }
  const cat = categoryOf(dataset);
  const items: Recommendation[] = top.map((i, r) => {
    const [name, token] = cat.of(i);
    return {
      item: i,
      key: dataset.itemKeys[i],
      title: title(i),
      category: name,
      categoryToken: cat.name === null || name === '' ? -1 : token,
      score: scores[i],
      reasons: reasons[r],
    };
  });
  return { type: 'ok', payload: { runId, user, userKey: dataset.userKeys[user], items, reasonKind } };
}
