/**
 * The sequence view's data (sasrec): a user's training sequence as items, the model's causal attention over
 * it per block and head, the items it recommends from the last position, and why — the past items that the
 * last position attends to most, against the uniform 1/n of a causal row over n items.
 */
import type { SequenceItem, SequencePayload } from '../../contract/explain';
import type { Dataset } from '../../data/types';
import type { SequenceOutcome, SequenceRequest } from '../explainProtocol';
import { categoryOf } from './catalogue';
import { defaultUser, topK, type TopkTarget } from './recommend';
import { lastRowMean, whyFromRow } from './sequenceWhy';

const MAX_K = 50;

export async function explainSequence(
  dataset: Dataset,
  run: TopkTarget,
  request: SequenceRequest,
): Promise<SequenceOutcome> {
  const { runId } = request;
  const model = run.model;
  if (!model.explainSequence) {
    return { type: 'unavailable', runId, reason: `${run.modelId} does not read sequences (sasrec does).` };
  }
  const { numUsers, numItems, train } = run.data.topk;
  const user = request.user ?? defaultUser(run);
  if (!(Number.isInteger(user) && user >= 0 && user < numUsers)) throw new Error(`There is no user ${user}.`);
  const attention = await model.explainSequence(user, 'valid');
  if (attention.items.length === 0) {
    return {
      type: 'unavailable',
      runId,
      reason: `User ${dataset.userKeys[user]} has no training interactions: pick another.`,
    };
  }
  const k = Math.max(1, Math.min(MAX_K, Math.floor(request.k ?? 10) || 10));
  const scored = model.scoreUsers(Int32Array.of(user), 'valid');
  let scores: Float32Array;
  try {
    scores = Float32Array.from(await scored.data());
  } finally {
    scored.dispose();
  }
  const allowed = new Uint8Array(numItems).fill(1);
  for (let p = train.indptr[user]; p < train.indptr[user + 1]; p++) allowed[train.indices[p]] = 0;
  const cat = categoryOf(dataset);
  const describe = (i: number): SequenceItem => {
    const [name, token] = cat.of(i);
    return {
      item: i,
      key: dataset.itemKeys[i],
      title: dataset.itemTitles[i] || dataset.itemKeys[i],
      category: name,
      categoryToken: cat.name === null || name === '' ? -1 : token,
    };
  };
  const payload: SequencePayload = {
    runId,
    user,
    userKey: dataset.userKeys[user],
    items: Array.from(attention.items, describe),
    attention,
    recommendations: topK(scores, allowed, k).map((i) => ({ ...describe(i), score: scores[i] })),
    why: whyFromRow(lastRowMean(attention.data, attention.shape)),
  };
  return { type: 'ok', payload };
}
