/**
 * The attention views' explanation of one example: the example row (`examples.ts`), the model's `explain` on it
 * and on a seeded validation sample (for the averages), every payload checked (STYLE §8: shapes, rows that
 * sum to 1), the behaviour positions labelled with titles, categories and times. Called only on request,
 * never inside a training step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import type { Split } from '../../data/split';
import type { Dataset } from '../../data/types';
import { checkAttention, type AttentionCheck } from '../../models/explain';
import type { CtrExplanation, CtrModel } from '../../models/contract';
import type { AttentionMap, BehaviourPayload, ExplainExample } from '../../contract/explain';
import { MAX_EXPLAIN_SAMPLE, type AttentionOutcome, type AttentionRequest } from '../protocol';
import { disposeBatch, makeBatch } from '../train/batches';
import { categoryOf } from './catalogue';
import {
  fieldValues,
  historyRows,
  resolveExample,
  sampleRows,
  syntheticEncoding,
  type ExampleIndex,
} from './examples';

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

export interface ExplainContext {
  readonly dataset: Dataset;
  readonly encoding: CtrEncoding;
  readonly split: Split;
  readonly index: ExampleIndex;
}

export interface ExplainTarget {
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

/** One explanation: the example, then (for field attention) the validation sample. */
export async function explainAttention(
  ctx: ExplainContext,
  target: ExplainTarget,
  request: AttentionRequest,
): Promise<AttentionOutcome> {
  const t0 = performance.now();
  const { dataset: ds, encoding: enc, split, index } = ctx;
  const { model, runId, modelId } = target;
  if (!model.explain) {
    return { type: 'unavailable', runId, reason: `${modelId} has no attention to show.` };
  }
  const size = Math.max(
    1,
    Math.min(MAX_EXPLAIN_SAMPLE, Math.floor(request.sampleSize ?? MAX_EXPLAIN_SAMPLE)),
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

  const example: ExplainExample = {
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
