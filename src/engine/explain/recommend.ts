/**
 * A user's top-K items with their reasons. Ctr models score every item the user has not trained on as a
 * synthetic row (the user's fields and history, the item's fields) and explain the top ones with their
 * attention; top-k models rank with `scoreUsers`, and tmfun explains by fused-graph neighbours the user
 * trained on. Leaves no tensors behind.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import type { Dataset } from '../../data/types';
import type { CtrExplanation, CtrModel, TopkModel } from '../../models/contract';
import { REASON_MARGIN, type Recommendation, type RecommendationsPayload } from '../../contract/explain';
import type { RecommendOutcome, RecommendRequest } from '../explainProtocol';
import type { TopkPrepared } from '../train/topkData';
import { disposeBatch, makeBatch } from '../train/batches';
import type { ExplainContext, ExplainTarget } from './attention';
import { lastRowMean, whyFromRow } from './sequenceWhy';
import { categoryOf } from './catalogue';
import {
  fieldValues,
  historyRows,
  resolveExample,
  ROW_TRAIN,
  sampleRows,
  syntheticEncoding,
} from './examples';
import { behaviourReasons, fieldReasons, neighbourReasons, pairReasons } from './reasons';

/** Items scored per batch when ranking every item for a user. */
const SCORE_BATCH = 1024;
export const MAX_RECOMMEND = 100;
/** Neighbours per item read from tmfun's fused graph to explain a recommendation. */
const REASON_GRAPH_K = 20;

type Reasons = Recommendation['reasons'];

/** The model of a top-k run, kept after training for the views. */
export interface TopkTarget {
  readonly runId: number;
  readonly modelId: string;
  readonly model: TopkModel;
  readonly data: TopkPrepared;
}

/**
 * One row per candidate item for `user`: the user's fields and history (their training rows, as a
 * synthetic example has), the item's own fields. Built from `syntheticEncoding`'s row.
 */
export function candidateEncoding(
  ctx: ExplainContext,
  user: number,
  items: Int32Array,
  history: Int32Array,
): CtrEncoding {
  const { dataset: ds, encoding: enc, index } = ctx;
  const one = syntheticEncoding(enc, ds, index, user, items[0] ?? 0, history);
  const F = enc.fields.length;
  const nItemFields = enc.itemFields.length;
  const N = items.length;
  const fieldIds = new Int32Array(N * F);
  for (let r = 0; r < N; r++) {
    fieldIds.set(one.fieldIds, r * F);
    for (let k = 0; k < nItemFields; k++) {
      fieldIds[r * F + enc.itemFields[k]] = enc.itemFieldIds[items[r] * nItemFields + k];
    }
  }
  let hist: CtrEncoding['history'] = null;
  if (one.history) {
    const T = one.history.options.maxLength;
    const ids = new Int32Array(N * T);
    for (let r = 0; r < N; r++) ids.set(one.history.ids, r * T);
    hist = { options: one.history.options, ids };
  }
  return {
    ...one,
    fieldIds,
    userIdx: new Int32Array(N).fill(user),
    itemIdx: items,
    labels: new Float32Array(N),
    history: hist,
  };
}

/** `[N]` probabilities of the rows of `enc`, in batches (each batch tidied and disposed). */
export async function scoreRows(
  model: CtrModel,
  enc: CtrEncoding,
  batchSize = SCORE_BATCH,
): Promise<Float32Array> {
  const N = enc.itemIdx.length;
  const out = new Float32Array(N);
  for (let s = 0; s < N; s += batchSize) {
    const rows = Int32Array.from({ length: Math.min(batchSize, N - s) }, (_, b) => s + b);
    const batch = makeBatch(enc, rows);
    try {
      const p = tf.tidy(() => tf.sigmoid(model.logits(batch, false, 0)));
      try {
        out.set(await p.data(), s);
      } finally {
        p.dispose();
      }
    } finally {
      disposeBatch(batch);
    }
  }
  return out;
}

/** The `k` largest of `scores` among `allowed` positions, best first (ties: lower index first). */
export function topK(scores: Float32Array, allowed: Uint8Array, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (allowed[i]) idx.push(i);
  idx.sort((a, b) => scores[b] - scores[a] || a - b);
  return idx.slice(0, k);
}

/** Scores every item the user has not trained on and explains the top `k` where the model has attention. */
export async function recommend(
  ctx: ExplainContext,
  target: ExplainTarget,
  request: RecommendRequest,
): Promise<RecommendOutcome> {
  const { dataset: ds, encoding: enc, split, index } = ctx;
  const { runId, model } = target;
  const k = Math.max(1, Math.min(MAX_RECOMMEND, Math.floor(request.k ?? 10)));
  const user = request.user ?? resolveExample(ds, index, sampleRows(split.valid, 1, 42), null, null).user;
  if (!(Number.isInteger(user) && user >= 0 && user < ds.numUsers))
    throw new Error(`There is no user ${user}.`);
  if (index.userStart[user + 1] === index.userStart[user]) {
    return {
      type: 'unavailable',
      runId,
      reason: `User ${ds.userKeys[user]} has no interactions: pick another.`,
    };
  }
  const allowed = new Uint8Array(ds.numItems).fill(1);
  for (let p = index.userStart[user]; p < index.userStart[user + 1]; p++) {
    const r = index.order[p];
    if (index.part[r] === ROW_TRAIN) allowed[ds.interactions.item[r]] = 0;
  }
  const T = enc.history?.options.maxLength ?? 0;
  const hist = enc.history
    ? historyRows(ds, index, { kind: 'synthetic', user, item: 0 }, T, enc.history.options.positiveOnly)
    : new Int32Array(0);
  const all = Int32Array.from({ length: ds.numItems }, (_, i) => i);
  const scores = await scoreRows(model, candidateEncoding(ctx, user, all, hist));
  const top = topK(scores, allowed, k);
  const topEnc = candidateEncoding(ctx, user, Int32Array.from(top), hist);

  const title = (i: number) => ds.itemTitles[i] || ds.itemKeys[i];
  let reasons: Reasons[] = top.map(() => []);
  let reasonKind: RecommendationsPayload['reasonKind'] = 'none';
  if (model.explain && top.length > 0) {
    const batch = makeBatch(topEnc, Int32Array.from(top.keys()));
    let first: CtrExplanation;
    try {
      first = await model.explain(batch);
    } finally {
      disposeBatch(batch);
    }
    if (first.behaviourAttention) {
      reasonKind = 'behaviours';
      reasons = behaviourReasons(first.behaviourAttention, title);
    } else if (first.pairAttention || first.fieldAttention) {
      // Field attention is a batch mean: explain each candidate on its own row.
      reasonKind = 'fields';
      reasons = [];
      for (let r = 0; r < top.length; r++) {
        const one = makeBatch(topEnc, Int32Array.of(r));
        let ins: CtrExplanation;
        try {
          ins = await model.explain(one);
        } finally {
          disposeBatch(one);
        }
        const map = ins.pairAttention ?? ins.fieldAttention!;
        const labels = map.labels ?? [];
        const values = new Map(fieldValues(ds, user, top[r]).map((f) => [f.name, f.value]));
        const name = (f: number) => {
          const n = labels[f] ?? `field ${f + 1}`;
          const v = values.get(n);
          return v ? `${n}=${v}` : n;
        };
        reasons.push(
          ins.pairAttention
            ? pairReasons(ins.pairAttention.data, ins.pairAttention.shape[0], name)
            : fieldReasons(map.data, map.shape, name),
        );
      }
    }
  }
  const cat = categoryOf(ds);
  const items: Recommendation[] = top.map((i, r) => ({
    item: i,
    key: ds.itemKeys[i],
    title: title(i),
    category: cat.of(i)[0],
    categoryToken: cat.of(i)[0] === '' ? -1 : cat.of(i)[1],
    score: scores[i],
    reasons: reasons[r] ?? [],
  }));
  return {
    type: 'ok',
    payload: {
      runId,
      user,
      userKey: ds.userKeys[user],
      items,
      reasonKind,
      scoreKind: 'probability',
      ...(reasonKind === 'behaviours' || reasonKind === 'fields' ? { reasonMargin: REASON_MARGIN } : {}),
      ...(reasonKind === 'behaviours' ? { historyLength: hist.length } : {}),
    },
  };
}

/** The first user with validation items (else with training items): the default of the recommendations. */
export function defaultUser(run: TopkTarget): number {
  const { valid, train } = run.data.split;
  for (const lists of [valid, train])
    for (let u = 0; u + 1 < lists.indptr.length; u++) if (lists.indptr[u + 1] > lists.indptr[u]) return u;
  return 0;
}

/**
 * A user's top-K items by `run`'s model (`scoreUsers`), the user's training items left out. tmfun's
 * reasons are the candidate's fused-graph neighbours the user trained on ('neighbours'); sasrec's are the past
 * items its last position attends to most ('behaviours', the same for every item); the other top-k models
 * have none. Leaves no tensors behind.
 */
export async function recommendTopk(
  dataset: Dataset,
  run: TopkTarget | null,
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
  let neighboursSearched: number | undefined;
  if (run.model.explain && top.length > 0) {
    const fused = (await run.model.explain(REASON_GRAPH_K)).fusedGraph;
    if (fused) {
      reasonKind = 'neighbours';
      neighboursSearched = fused.k;
      reasons = neighbourReasons(fused, top, new Set(seenList), title);
    }
  }
  let historyLength: number | undefined;
  if (run.model.explainSequence && top.length > 0) {
    // A sequence model scores every item from its last position: one set of reasons, the past items it
    // attends to most (against uniform 1/n), for every recommendation.
    const att = await run.model.explainSequence(user, 'valid');
    const why = whyFromRow(lastRowMean(att.data, att.shape));
    reasonKind = 'behaviours';
    historyLength = att.items.length;
    const shared = why.map((w) => ({
      label: title(att.items[w.position]),
      weight: w.weight,
      ratio: w.ratio,
    }));
    reasons = top.map(() => shared);
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
  const payload: RecommendationsPayload = {
    runId,
    user,
    userKey: dataset.userKeys[user],
    items,
    reasonKind,
    // scoreUsers ranks on the model's own scale: pop counts interactions, the others multiply embeddings.
    scoreKind: 'score',
    ...(neighboursSearched === undefined ? {} : { neighboursSearched }),
    ...(historyLength === undefined ? {} : { historyLength, reasonMargin: REASON_MARGIN }),
  };
  return { type: 'ok', payload };
}
