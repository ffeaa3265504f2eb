/**
 * What is online at time t, overall and per topic: items sorted by upload with prefix sums of their exposure
 * weights, so exposure can draw a popularity-weighted online item with two binary searches. No randomness.
 */
import type { DemoItems } from './items';
import { cumulative } from './sampling';
import { NT } from './vocab';

export interface OnlineIndex {
  /** Items sorted by (upload, index). */
  readonly byTime: Int32Array;
  /** Upload time of `byTime[j]`. */
  readonly timeUpload: Float64Array;
  /** Prefix sums of the weights of `byTime`. */
  readonly timeCum: Float64Array;
  /** Items sorted by (topic, upload, index); topic k occupies `[topicStart[k], topicStart[k + 1])`. */
  readonly byTopic: Int32Array;
  readonly topicStart: Int32Array;
  /** Upload time of `byTopic[j]`. */
  readonly topicUpload: Float64Array;
  /** Prefix sums of the weights of `byTopic`, restarting at each topic's start. */
  readonly topicCum: Float64Array;
}

export function indexOnline(items: DemoItems): OnlineIndex {
  const { numItems, topic, upload, weight } = items;
  const byTopic = new Int32Array(numItems);
  const topicStart = new Int32Array(NT + 1);
  const byTime = new Int32Array(numItems);
  const idx = Array.from({ length: numItems }, (_, i) => i);
  idx.sort((x, y) => upload[x] - upload[y] || x - y);
  for (let i = 0; i < numItems; i++) byTime[i] = idx[i];
  const counts = new Int32Array(NT);
  for (let i = 0; i < numItems; i++) counts[topic[i]]++;
  for (let k = 0; k < NT; k++) topicStart[k + 1] = topicStart[k] + counts[k];
  const fill = topicStart.slice(0, NT);
  for (let i = 0; i < numItems; i++) byTopic[fill[topic[byTime[i]]]++] = byTime[i];

  const timeUpload = new Float64Array(numItems);
  const timeWeight = new Float64Array(numItems);
  const topicUpload = new Float64Array(numItems);
  const topicWeight = new Float64Array(numItems);
  for (let i = 0; i < numItems; i++) {
    timeUpload[i] = upload[byTime[i]];
    timeWeight[i] = weight[byTime[i]];
    topicUpload[i] = upload[byTopic[i]];
    topicWeight[i] = weight[byTopic[i]];
  }
  const timeCum = cumulative(timeWeight);
  const topicCum = new Float64Array(numItems);
  for (let k = 0; k < NT; k++) {
    let s = 0;
    for (let j = topicStart[k]; j < topicStart[k + 1]; j++) topicCum[j] = s += topicWeight[j];
  }
  return { byTime, timeUpload, timeCum, byTopic, topicStart, topicUpload, topicCum };
}
