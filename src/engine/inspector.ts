/**
 * The worker side of the "Explain" views: picks the example row (a validation row, or a synthetic one),
 * runs `model.explain` on it and on a seeded validation sample, checks every payload (STYLE §8) and labels
 * the behaviour positions with titles, categories and times. Plain async code over the typed dataset, so
 * Node tests drive it exactly as the worker does. Called only on request, never inside a training step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../data/features';
import { makeRng } from '../data/random';
import { chronologicalOrder, type Split } from '../data/split';
import type { Dataset } from '../data/types';
import { checkAttention, type AttentionCheck } from '../models/explain';
import type { CtrModel, CtrExplanation } from '../models/contract';
import { disposeBatch, makeBatch } from './train/batches';
import {
  MAX_INSPECT_SAMPLE,
  type InspectOutcome,
  type InspectRequest,
  type SearchHit,
  type SearchOutcome,
  type SearchRequest,
} from './protocol';
import type { AttentionMap, BehaviourPayload, InspectExample } from '../contract/explain';

/** Which split a row is in (`ROW_NONE`: left out by the split). */
const ROW_TRAIN = 0;
const ROW_VALID = 1;
const ROW_TEST = 2;
const ROW_NONE = 3;

/** Per-dataset lookups, built once on the first request (≈ one sort of the rows). */
export interface InspectIndex {
  /** All rows in chronological order (user, timestamp, item id): the order that defines "before". */
  readonly order: Int32Array;
  /** CSR over `order`: user u's rows are `order[userStart[u] .. userStart[u + 1])`. */
  readonly userStart: Int32Array;
  /** Row → its position in `order`. */
  readonly position: Int32Array;
  /** Row → ROW_TRAIN / ROW_VALID / ROW_TEST / ROW_NONE. */
  readonly part: Uint8Array;
}

export function buildIndex(ds: Dataset, split: Split): InspectIndex {
  const inter = ds.interactions;
  const n = inter.user.length;
  const order = chronologicalOrder(inter);
  const userStart = new Int32Array(ds.numUsers + 1);
  for (let r = 0; r < n; r++) userStart[inter.user[r] + 1]++;
  for (let u = 0; u < ds.numUsers; u++) userStart[u + 1] += userStart[u];
  const position = new Int32Array(n);
  for (let k = 0; k < n; k++) position[order[k]] = k;
  const part = new Uint8Array(n).fill(ROW_NONE);
  split.train.forEach((r) => (part[r] = ROW_TRAIN));
  split.valid.forEach((r) => (part[r] = ROW_VALID));
  split.test.forEach((r) => (part[r] = ROW_TEST));
  return { order, userStart, position, part };
}

/** Up to `n` validation rows drawn without replacement from `(seed)`; all of them when there are fewer. */
export function sampleRows(rows: Int32Array, n: number, seed: number): Int32Array {
  const k = Math.max(0, Math.min(n, rows.length));
  const pool = Int32Array.from(rows);
  const rng = makeRng(`${seed}/inspect`);
  // Partial Fisher–Yates: only the first k places are drawn.
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, k);
}

/** Where an example comes from: a validation row, or a synthetic row for a (user, item) pair. */
export type ExampleRow =
  | { readonly kind: 'valid'; readonly row: number; readonly user: number; readonly item: number }
  | { readonly kind: 'synthetic'; readonly user: number; readonly item: number };

/**
 * Resolves the request's (user, item) to an example (see `InspectRequest`): the user's last validation row
 * with that item when there is one, else a synthetic row. Throws on indices out of range.
 */
export function resolveExample(
  ds: Dataset,
  index: InspectIndex,
  sample: Int32Array,
  user: number | null,
  item: number | null,
): ExampleRow {
  const inter = ds.interactions;
  if (user !== null && !(Number.isInteger(user) && user >= 0 && user < ds.numUsers))
    throw new Error(`There is no user ${user}.`);
  if (item !== null && !(Number.isInteger(item) && item >= 0 && item < ds.numItems))
    throw new Error(`There is no item ${item}.`);
  const valid = (r: number) => ({ kind: 'valid', row: r, user: inter.user[r], item: inter.item[r] }) as const;
  if (user === null) {
    const r = item === null ? sample[0] : sample.find((s) => inter.item[s] === item);
    if (r !== undefined) return valid(r);
    if (item === null) throw new Error('The validation split is empty: pick a user and an item.');
    throw new Error('No sampled validation row has this item: pick a user too.');
  }
  let lastValid = -1;
  let lastAny = -1;
  for (let k = index.userStart[user]; k < index.userStart[user + 1]; k++) {
    const r = index.order[k];
    lastAny = r;
    if (index.part[r] !== ROW_VALID) continue;
    if (item === null || inter.item[r] === item) lastValid = r;
  }
  if (lastValid >= 0) return valid(lastValid);
  if (item !== null) return { kind: 'synthetic', user, item };
  if (lastAny >= 0) return { kind: 'synthetic', user, item: inter.item[lastAny] };
  throw new Error(`User ${ds.userKeys[user]} has no interactions: pick an item too.`);
}

/**
 * The rows that make up an example's behaviour sequence, oldest first (at most T): for a validation row
 * every earlier row of its user, as `behaviourSequences` counts them; for a synthetic row the user's
 * training rows (their history up to the end of train).
 */
export function historyRows(
  ds: Dataset,
  index: InspectIndex,
  example: ExampleRow,
  T: number,
  positiveOnly: boolean,
): Int32Array {
  const label = ds.interactions.label;
  const start = index.userStart[example.user];
  const end = example.kind === 'valid' ? index.position[example.row] : index.userStart[example.user + 1];
  const out: number[] = [];
  for (let k = end - 1; k >= start && out.length < T; k--) {
    const r = index.order[k];
    if (example.kind === 'synthetic' && index.part[r] !== ROW_TRAIN) continue;
    if (positiveOnly && !(label[r] > 0)) continue;
    out.push(r);
  }
  return Int32Array.from(out.reverse());
}

/**
 * A one-row encoding for a synthetic example (user's fields, item's fields, the given history), so that
 * `makeBatch` builds its batch exactly as it builds real ones. Shares every other array with `enc`.
 */
export function syntheticEncoding(
  enc: CtrEncoding,
  ds: Dataset,
  index: InspectIndex,
  user: number,
  item: number,
  history: Int32Array,
): CtrEncoding {
  const F = enc.fields.length;
  // User-owned fields are the same on every row of a user: copy them from any of the user's rows.
  const userRow = index.userStart[user] < index.userStart[user + 1] ? index.order[index.userStart[user]] : -1;
  if (userRow < 0) throw new Error(`User ${ds.userKeys[user]} has no interactions.`);
  const ids = new Int32Array(F);
  const nItemFields = enc.itemFields.length;
  for (let f = 0; f < F; f++) {
    if (enc.fields[f].owner === 'user') ids[f] = enc.fieldIds[userRow * F + f];
    else {
      const k = enc.itemFields.indexOf(f);
      ids[f] = enc.itemFieldIds[item * nItemFields + k];
    }
  }
  let hist: CtrEncoding['history'] = null;
  if (enc.history) {
    const T = enc.history.options.maxLength;
    const itemOffset = enc.offsets[enc.itemFields[0]];
    const h = new Int32Array(T);
    const pad = T - history.length;
    history.forEach((r, j) => (h[pad + j] = itemOffset + ds.interactions.item[r] + 1));
    hist = { options: enc.history.options, ids: h };
  }
  return {
    ...enc,
    fieldIds: ids,
    userIdx: Int32Array.of(user),
    itemIdx: Int32Array.of(item),
    labels: Float32Array.of(0),
    history: hist,
  };
}

/** The row's value of each categorical and multi-valued field, by name. */
export function fieldValues(ds: Dataset, user: number, item: number): InspectExample['fields'] {
  return [
    { name: 'user_id', value: ds.userKeys[user] },
    { name: 'item_id', value: ds.itemKeys[item] },
    ...ds.userFields.map((c) => ({ name: c.name, value: c.vocab[c.tokens[user]] ?? '' })),
    ...ds.itemFields.map((c) => ({ name: c.name, value: c.vocab[c.tokens[item]] ?? '' })),
    ...ds.itemMultiFields.map((c) => ({
      name: c.name,
      value: Array.from(c.tokens.subarray(c.offsets[item], c.offsets[item + 1]), (t) => c.vocab[t]).join(
        ', ',
      ),
    })),
  ];
}

/** The item field that names a behaviour's category: the first categorical item field, else the first multi. */
export function categoryOf(ds: Dataset): { name: string | null; of: (item: number) => [string, number] } {
  const c = ds.itemFields[0];
  if (c) return { name: c.name, of: (i) => [c.vocab[c.tokens[i]] ?? '', c.tokens[i]] };
  const m = ds.itemMultiFields[0];
  if (m) {
    return {
      name: m.name,
      of: (i) => {
        const t = m.offsets[i] < m.offsets[i + 1] ? m.tokens[m.offsets[i]] : 0;
        return [m.vocab[t] ?? '', t];
      },
    };
  }
  return { name: null, of: () => ['', -1] };
}

/**
 * Squeezes a one-row `[1, T, H]` behaviour payload to `[T, H]` and labels each position. `rows` are the
 * history rows (oldest first) the positions hold, right-aligned as in the encoding; a position whose item
 * does not match its row keeps its title but no time or like.
 */
export function labelBehaviour(
  ds: Dataset,
  raw: NonNullable<CtrExplanation['behaviourAttention']>,
  rows: Int32Array,
  candidate: number,
  normalised: boolean,
): BehaviourPayload {
  const [, T, H] = raw.shape;
  const items = raw.items.slice(0, T);
  const cat = categoryOf(ds);
  const titles: string[] = [];
  const categories: string[] = [];
  const categoryTokens = new Int32Array(T).fill(-1);
  const times = new Float64Array(T).fill(NaN);
  const liked = new Int8Array(T).fill(-1);
  const pad = T - rows.length;
  for (let t = 0; t < T; t++) {
    const i = items[t];
    if (i < 0) {
      titles.push('');
      categories.push('');
      continue;
    }
    titles.push(ds.itemTitles[i] ?? ds.itemKeys[i]);
    const [name, token] = cat.of(i);
    categories.push(name);
    categoryTokens[t] = token;
    const r = t >= pad ? rows[t - pad] : -1;
    if (r >= 0 && ds.interactions.item[r] === i) {
      times[t] = ds.interactions.timestamp[r];
      liked[t] = ds.interactions.label[r] > 0 ? 1 : 0;
    }
  }
  return {
    data: raw.data.slice(0, T * H),
    shape: [T, H],
    items,
    titles,
    categories,
    categoryTokens,
    categoryField: cat.name,
    candidateCategory: cat.of(candidate)[0],
    candidateCategoryToken: cat.of(candidate)[1],
    times,
    liked,
    normalised,
  };
}

function checked(map: AttentionMap, what: string, check: AttentionCheck): AttentionMap {
  const problems = checkAttention(map, check);
  if (problems.length > 0) throw new Error(`The ${what} failed its checks: ${problems.join('; ')}`);
  return map;
}

export interface InspectContext {
  readonly dataset: Dataset;
  readonly encoding: CtrEncoding;
  readonly split: Split;
  readonly index: InspectIndex;
}

export interface InspectTarget {
  readonly runId: number;
  readonly modelId: string;
  readonly model: CtrModel;
  /** The model's resolved config (its `softmax` decides whether behaviour weights must sum to 1). */
  readonly config: Readonly<Record<string, unknown>>;
}

async function probability(model: CtrModel, batch: Parameters<CtrModel['logits']>[0]): Promise<number> {
  const p = tf.tidy(() => tf.sigmoid(model.logits(batch, false, 0)));
  try {
    return (await p.data())[0];
  } finally {
    p.dispose();
  }
}

/** One inspection: the example, then (for field attention) the validation sample. */
export async function inspectModel(
  ctx: InspectContext,
  target: InspectTarget,
  request: InspectRequest,
): Promise<InspectOutcome> {
  const t0 = performance.now();
  const { dataset: ds, encoding: enc, split, index } = ctx;
  const { model, runId, modelId } = target;
  if (!model.explain) {
    return { type: 'unavailable', runId, reason: `${modelId} has no attention to show.` };
  }
  const size = Math.max(
    1,
    Math.min(MAX_INSPECT_SAMPLE, Math.floor(request.sampleSize ?? MAX_INSPECT_SAMPLE)),
  );
  const sample = sampleRows(split.valid, size, request.seed ?? 42);
  const ex = resolveExample(ds, index, sample, request.user, request.item);
  const T = enc.history?.options.maxLength ?? 0;
  const hist = enc.history
    ? historyRows(ds, index, ex, T, enc.history.options.positiveOnly)
    : new Int32Array(0);

  const exBatch =
    ex.kind === 'valid'
      ? makeBatch(enc, Int32Array.of(ex.row))
      : makeBatch(syntheticEncoding(enc, ds, index, ex.user, ex.item, hist), Int32Array.of(0));
  let one: CtrExplanation;
  let p: number;
  try {
    one = await model.explain(exBatch);
    p = await probability(model, exBatch);
  } finally {
    disposeBatch(exBatch);
  }

  let avg: CtrExplanation = {};
  if ((one.fieldAttention || one.pairAttention) && sample.length > 0) {
    const batch = makeBatch(enc, sample);
    try {
      avg = await model.explain(batch);
    } finally {
      disposeBatch(batch);
    }
  }

  const example: InspectExample = {
    user: ex.user,
    item: ex.item,
    userKey: ds.userKeys[ex.user],
    itemKey: ds.itemKeys[ex.item],
    itemTitle: ds.itemTitles[ex.item] ?? ds.itemKeys[ex.item],
    source: ex.kind,
    label: ex.kind === 'valid' ? ds.interactions.label[ex.row] : null,
    probability: p,
    fields: fieldValues(ds, ex.user, ex.item),
  };
  const rowsSumToOne: AttentionCheck = { sumsToOne: 3 };
  const pairSumsToOne: AttentionCheck = { sumsToOne: 'all' };
  const field =
    one.fieldAttention && avg.fieldAttention
      ? {
          example: checked(one.fieldAttention, 'field attention', rowsSumToOne),
          average: checked(avg.fieldAttention, 'average field attention', rowsSumToOne),
        }
      : undefined;
  const pair =
    one.pairAttention && avg.pairAttention
      ? {
          example: checked(one.pairAttention, 'pair attention', pairSumsToOne),
          average: checked(avg.pairAttention, 'average pair attention', pairSumsToOne),
        }
      : undefined;
  let behaviour: BehaviourPayload | undefined;
  if (one.behaviourAttention) {
    const normalised = target.config.softmax === true;
    behaviour = labelBehaviour(ds, one.behaviourAttention, hist, ex.item, normalised);
    // Without softmax DIN's weights are free (they keep the intensity of interest): check shape only.
    checked(behaviour, 'behaviour attention', normalised ? { sumsToOne: 0, allowEmpty: true } : {});
    if (behaviour.items.length !== behaviour.shape[0]) throw new Error('behaviour items do not match T');
  }
  return {
    type: 'ok',
    runId,
    modelId,
    example,
    sampleSize: sample.length,
    ...(field ? { fieldAttention: field } : {}),
    ...(pair ? { pairAttention: pair } : {}),
    ...(behaviour ? { behaviour } : {}),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** The distinct buffers of an outcome's typed arrays, to post them as transferables (no copy). */
export function inspectionTransferables(outcome: InspectOutcome): ArrayBuffer[] {
  if (outcome.type !== 'ok') return [];
  const arrays: ArrayBufferView[] = [];
  for (const m of [outcome.fieldAttention, outcome.pairAttention]) {
    if (m) arrays.push(m.example.data, m.average.data);
  }
  const b = outcome.behaviour;
  if (b) arrays.push(b.data, b.items, b.categoryTokens, b.times, b.liked);
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  return [...buffers];
}

// ---- Example picker search ------------------------------------------------------------------------------

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** Exact id first, then ids starting with the text, then ids or titles containing it; index breaks ties. */
function rank(text: string, key: string, title: string): number {
  const k = key.toLowerCase();
  if (k === text) return 0;
  if (k.startsWith(text)) return 1;
  if (k.includes(text)) return 2;
  if (title.toLowerCase().includes(text)) return 3;
  return -1;
}

function topHits(
  n: number,
  limit: number,
  score: (i: number) => number,
  hit: (i: number) => SearchHit,
): SearchOutcome {
  const matches: { i: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    const s = score(i);
    if (s >= 0) matches.push({ i, s });
  }
  matches.sort((a, b) => a.s - b.s || a.i - b.i);
  return { hits: matches.slice(0, limit).map((m) => hit(m.i)), total: matches.length };
}

function userLabel(ds: Dataset, index: InspectIndex, u: number): string {
  const n = index.userStart[u + 1] - index.userStart[u];
  const fields = ds.userFields.map((c) => c.vocab[c.tokens[u]] ?? '').filter((v) => v !== '');
  return [ds.userKeys[u], ...fields, `${n} rows`].join(' · ');
}

function itemLabel(ds: Dataset, i: number): string {
  const title = ds.itemTitles[i] ?? '';
  return title && title !== ds.itemKeys[i] ? `${ds.itemKeys[i]} · ${title}` : ds.itemKeys[i];
}

/** Users or items matching the request (see `SearchRequest`). */
export function searchExamples(ds: Dataset, index: InspectIndex, request: SearchRequest): SearchOutcome {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(request.limit ?? DEFAULT_LIMIT)));
  const text = request.text.trim().toLowerCase();
  if (request.kind === 'user') {
    const hasRows = (u: number) => index.userStart[u + 1] > index.userStart[u];
    return topHits(
      ds.numUsers,
      limit,
      (u) => (!hasRows(u) ? -1 : text === '' ? 0 : rank(text, ds.userKeys[u], '')),
      (u) => ({ index: u, key: ds.userKeys[u], label: userLabel(ds, index, u) }),
    );
  }
  const user = request.user ?? null;
  if (text === '' && user !== null && user >= 0 && user < ds.numUsers) {
    // The user's validation items, most recent first: the rows the model was scored on.
    const seen = new Set<number>();
    const hits: SearchHit[] = [];
    for (let k = index.userStart[user + 1] - 1; k >= index.userStart[user]; k--) {
      const r = index.order[k];
      const i = ds.interactions.item[r];
      if (index.part[r] !== ROW_VALID || seen.has(i)) continue;
      seen.add(i);
      const liked = ds.interactions.label[r] > 0 ? 'liked' : 'not liked';
      hits.push({ index: i, key: ds.itemKeys[i], label: `${itemLabel(ds, i)} · validation, ${liked}` });
    }
    return { hits: hits.slice(0, limit), total: hits.length };
  }
  return topHits(
    ds.numItems,
    limit,
    (i) => (text === '' ? 0 : rank(text, ds.itemKeys[i], ds.itemTitles[i] ?? '')),
    (i) => ({ index: i, key: ds.itemKeys[i], label: itemLabel(ds, i) }),
  );
}

export { ROW_NONE, ROW_TEST, ROW_TRAIN, ROW_VALID };
