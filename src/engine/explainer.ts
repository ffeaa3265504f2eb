/**
 * The worker side of the embedding map and the recommendations view for the ctr models: reads the item
 * (or user) rows of the model's shared embedding table and projects them with PCA; scores every item for a
 * user in batches and explains the top ones with the model's attention. Plain async code over the typed
 * dataset (Node tests drive it as the worker does); called only on request, never inside a training step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/types';
import type { CtrEncoding } from '../data/features';
import type { CtrModel, CtrExplanation } from '../models/contract';
import { disposeBatch, makeBatch } from './train/batches';
import type { EmbeddingMapOutcome, RecommendOutcome, RecommendRequest } from './explainProtocol';
import {
  categoryOf,
  fieldValues,
  historyRows,
  ROW_TRAIN,
  sampleRows,
  resolveExample,
  syntheticEncoding,
  type InspectContext,
  type InspectTarget,
} from './inspector';
import { pca2 } from './pca';
import type { EmbeddingMapPayload, Recommendation, RecommendationsPayload } from '../contract/explain';

/** The most points one embedding map holds (the most popular items / most active users are kept). */
export const MAX_MAP_POINTS = 20_000;
/** Items scored per batch when ranking every item for a user. */
const SCORE_BATCH = 1024;
export const MAX_RECOMMEND = 100;
const REASONS = 3;

/** Training interactions per item. */
export function itemPopularity(ds: Dataset, train: Int32Array): Int32Array {
  const pop = new Int32Array(ds.numItems);
  for (const r of train) pop[ds.interactions.item[r]]++;
  return pop;
}

/** Rank buckets of a count (popularity or activity): top 1 %, 1–10 %, 10–50 %, the rest, and none. */
export function countBuckets(counts: Int32Array): string[] {
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  const out: string[] = new Array<string>(counts.length);
  const n = counts.length;
  order.forEach((i, rank) => {
    const q = (rank + 1) / n;
    out[i] =
      counts[i] === 0
        ? 'none in train'
        : q <= 0.01
          ? 'top 1 %'
          : q <= 0.1
            ? 'top 1–10 %'
            : q <= 0.5
              ? 'top 10–50 %'
              : 'bottom 50 %';
  });
  return out;
}

/** The `[n, d]` rows `rows` of a model's `role` table, read to the page side; null when it has none. */
async function readRows(
  model: CtrModel,
  role: 'item' | 'user',
  rows: Int32Array,
): Promise<{ data: Float32Array; dim: number } | null> {
  const table = model.embeddings(role);
  if (!table) return null;
  const t = tf.tidy(() => tf.gather(table, tf.tensor1d(rows, 'int32')));
  table.dispose();
  try {
    return { data: Float32Array.from(await t.data()), dim: t.shape[1] };
  } finally {
    t.dispose();
  }
}

/** The `limit` indices with the largest counts (all when fewer), ascending by index. */
function keepTop(counts: Int32Array, limit: number): Int32Array {
  if (counts.length <= limit) return Int32Array.from(counts.keys());
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a] || a - b);
  return Int32Array.from(order.slice(0, limit)).sort();
}

/** PCA of the model's item or user embeddings, with the fields the map can be coloured by. */
export async function embeddingMap(
  ctx: InspectContext,
  target: InspectTarget,
  kind: 'item' | 'user',
): Promise<EmbeddingMapOutcome> {
  const { dataset: ds, split } = ctx;
  const { runId, modelId, model } = target;
  const counts =
    kind === 'item'
      ? itemPopularity(ds, split.train)
      : (() => {
          const c = new Int32Array(ds.numUsers);
          for (const r of split.train) c[ds.interactions.user[r]]++;
          return c;
        })();
  const indices = keepTop(counts, MAX_MAP_POINTS);
  const x = await readRows(model, kind, indices);
  if (!x) {
    return { type: 'unavailable', runId, reason: `${modelId} has no ${kind} embeddings for these data.` };
  }
  if (x.dim < 2) {
    return { type: 'unavailable', runId, reason: `${modelId} learns one weight per id, not an embedding.` };
  }
  const { xy, explained } = pca2(x.data, indices.length, x.dim);
  const pick = <T>(all: readonly T[]) => Array.from(indices, (i) => all[i]);
  let labels: string[];
  let colourFields: { name: string; values: string[]; tokens?: Int32Array }[];
  if (kind === 'item') {
    labels = Array.from(indices, (i) => {
      const t = ds.itemTitles[i];
      return t && t !== ds.itemKeys[i] ? `${ds.itemKeys[i]} · ${t}` : ds.itemKeys[i];
    });
    colourFields = [
      ...ds.itemFields.map((c) => ({
        name: c.name,
        values: Array.from(indices, (i) => c.vocab[c.tokens[i]] ?? ''),
        tokens: Int32Array.from(indices, (i) => (c.tokens[i] > 0 ? c.tokens[i] : -1)),
      })),
      ...ds.itemMultiFields.map((c) => ({
        name: c.name,
        values: Array.from(
          indices,
          (i) => (c.offsets[i] < c.offsets[i + 1] ? c.vocab[c.tokens[c.offsets[i]]] : '') ?? '',
        ),
      })),
      { name: 'popularity', values: pick(countBuckets(counts)) },
    ];
  } else {
    labels = pick(ds.userKeys);
    colourFields = [
      ...ds.userFields.map((c) => ({
        name: c.name,
        values: Array.from(indices, (u) => c.vocab[c.tokens[u]] ?? ''),
        tokens: Int32Array.from(indices, (u) => (c.tokens[u] > 0 ? c.tokens[u] : -1)),
      })),
      { name: 'activity', values: pick(countBuckets(counts)) },
    ];
  }
  const payload: EmbeddingMapPayload = {
    runId,
    kind,
    count: indices.length,
    xy,
    explained,
    labels,
    indices,
    colourFields,
  };
  return { type: 'ok', payload };
}

/**
 * One row per candidate item for `user`: the user's fields and history (their training rows, as a
 * synthetic example has), the item's own fields. Built from `syntheticEncoding`'s row.
 */
export function candidateEncoding(
  ctx: InspectContext,
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

type Reasons = Recommendation['reasons'];

/** Din / mmdin: each candidate's behaviours with the largest mean weight over heads. */
export function behaviourReasons(
  att: NonNullable<CtrExplanation['behaviourAttention']>,
  title: (item: number) => string,
): Reasons[] {
  const [B, T, H] = att.shape;
  return Array.from({ length: B }, (_, b) => {
    const pos: { label: string; weight: number }[] = [];
    for (let t = 0; t < T; t++) {
      const item = att.items[b * T + t];
      if (item < 0) continue;
      let s = 0;
      for (let h = 0; h < H; h++) s += att.data[(b * T + t) * H + h];
      pos.push({ label: title(item), weight: s / H });
    }
    pos.sort((x, y) => y.weight - x.weight);
    return pos.slice(0, REASONS);
  });
}

/** amfr: the heaviest field pairs of `[M, M]` pair attention (upper triangle); `name` labels a field. */
export function pairReasons(pair: Float32Array, M: number, name: (f: number) => string): Reasons {
  const all: { label: string; weight: number }[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) all.push({ label: `${name(i)} × ${name(j)}`, weight: pair[i * M + j] });
  }
  return all.sort((a, b) => b.weight - a.weight).slice(0, REASONS);
}

/** autoint: the fields that receive the most attention, averaged over layers, heads and query fields. */
export function fieldReasons(
  field: Float32Array,
  shape: readonly number[],
  name: (f: number) => string,
): Reasons {
  const M = shape[shape.length - 1];
  const received = new Float64Array(M);
  const rows = field.length / M;
  for (let r = 0; r < rows; r++) for (let j = 0; j < M; j++) received[j] += field[r * M + j];
  return Array.from(received, (s, j) => ({ label: name(j), weight: s / rows }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, REASONS);
}

/** Scores every item the user has not trained on and explains the top `k` where the model has attention. */
export async function recommend(
  ctx: InspectContext,
  target: InspectTarget,
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
      // Field attention is a batch mean: inspect each candidate on its own row.
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
  return { type: 'ok', payload: { runId, user, userKey: ds.userKeys[user], items, reasonKind } };
}
