/**
 * Stage 3, users: demographics, topic tastes, a taste for the hidden visual style and a personal like bias.
 * Draws only from the `users` stream.
 */
import type { Rng } from '../random';
import { AGE_TOPIC, GENDER_TOPIC } from './affinity';
import { cumulative, gauss, pick } from './sampling';
import { DEMO_REGIONS, NT, STYLE_DIM, TOPIC_WEIGHT } from './vocab';

const AGE_WEIGHT = [0.12, 0.28, 0.25, 0.16, 0.11, 0.08];
const GENDER_WEIGHT = [0.49, 0.47, 0.04];

// A user's taste logit for topic k: log(topic popularity) + TASTE_NOISE · N(0, 1) + the user's demographic
// lean (affinity.ts, scaled) + a region lean, then 1–3 favourite topics get FAVOURITE_BOOST + U(0, 1) each.
const TASTE_NOISE = 0.7;
const TASTE_AGE = 0.6;
const TASTE_GENDER = 0.5;
/** Standard deviation of the region × topic lean (travel in "coast", sports in "north", …). */
const REGION_SD = 0.3;
const FAVOURITE_BOOST = 1.5;
/** Standard deviation of the personal like bias. */
const BIAS_SD = 0.5;

export interface DemoUsers {
  readonly numUsers: number;
  /** Age bucket index (0-based, DEMO_AGE_BUCKETS order) per user. */
  readonly age: Int32Array;
  /** Gender index (0-based, DEMO_GENDERS order) per user. */
  readonly gender: Int32Array;
  /** Region index (0-based, DEMO_REGIONS order) per user. */
  readonly region: Int32Array;
  /** Row-major `[numUsers, NT]` softmax of the taste logits: what the user is shown. */
  readonly taste: Float32Array;
  /** Row-major `[numUsers, NT]` taste logits centred per user: the like model's taste term. */
  readonly tasteLogit: Float32Array;
  /** Row-major `[numUsers, STYLE_DIM]` taste for the items' hidden style, N(0, 1). */
  readonly style: Float32Array;
  /** Personal like-logit shift, N(0, BIAS_SD²). */
  readonly bias: Float32Array;
}

/** The users; `ageTopic` (the wizard's knob, 1 by default) scales their age lean. */
export function generateUsers(numUsers: number, rng: Rng, ageTopic = 1): DemoUsers {
  const tasteAge = TASTE_AGE * ageTopic;
  const age = new Int32Array(numUsers);
  const gender = new Int32Array(numUsers);
  const region = new Int32Array(numUsers);
  const taste = new Float32Array(numUsers * NT);
  const tasteLogit = new Float32Array(numUsers * NT);
  const style = new Float32Array(numUsers * STYLE_DIM);
  const bias = new Float32Array(numUsers);
  const topicCum = cumulative(TOPIC_WEIGHT);
  const ageCum = cumulative(AGE_WEIGHT);
  const genderCum = cumulative(GENDER_WEIGHT);
  const regionTopic = gauss(DEMO_REGIONS.length * NT, REGION_SD, rng);
  const logit = new Float64Array(NT);
  for (let u = 0; u < numUsers; u++) {
    const a = pick(ageCum, rng);
    const g = pick(genderCum, rng);
    const r = rng.int(DEMO_REGIONS.length);
    age[u] = a;
    gender[u] = g;
    region[u] = r;
    for (let k = 0; k < NT; k++) {
      logit[k] =
        Math.log(TOPIC_WEIGHT[k]) +
        TASTE_NOISE * rng.normal() +
        tasteAge * AGE_TOPIC[a][k] +
        TASTE_GENDER * GENDER_TOPIC[g][k] +
        regionTopic[r * NT + k];
    }
    const favourites = 1 + rng.int(3);
    for (let f = 0; f < favourites; f++) logit[pick(topicCum, rng)] += FAVOURITE_BOOST + rng.next();
    softmaxRow(logit, taste, tasteLogit, u * NT);
    for (let s = 0; s < STYLE_DIM; s++) style[u * STYLE_DIM + s] = rng.normal();
    bias[u] = BIAS_SD * rng.normal();
  }
  return { numUsers, age, gender, region, taste, tasteLogit, style, bias };
}

/** Writes softmax(logit) to `prob` and logit minus its mean to `centred`, both from `offset`. */
function softmaxRow(logit: Float64Array, prob: Float32Array, centred: Float32Array, offset: number): void {
  const n = logit.length;
  let max = -Infinity;
  let mean = 0;
  for (let k = 0; k < n; k++) {
    if (logit[k] > max) max = logit[k];
    mean += logit[k] / n;
  }
  let z = 0;
  for (let k = 0; k < n; k++) z += Math.exp(logit[k] - max);
  for (let k = 0; k < n; k++) {
    prob[offset + k] = Math.exp(logit[k] - max) / z;
    centred[offset + k] = logit[k] - mean;
  }
}
