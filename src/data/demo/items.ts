/**
 * Stage 1, items: authors, then each item's author, topic, duration, upload time, popularity and the hidden
 * quality, appeal and style that the like model reads. Draws only from the `items` stream.
 */
import type { Rng } from '../random';
import { cumulative, pick } from './sampling';
import { DEMO_VISUAL_TOPICS, DEMO_WINDOW_SECONDS, STYLE_DIM, TOPIC_WEIGHT, visualMask } from './vocab';

const DURATION_WEIGHT = [0.28, 0.3, 0.22, 0.14, 0.06];
/** Share of items written in their author's main topic (the rest pick a topic at random). */
const P_AUTHOR_TOPIC = 0.8;
/** Share of items that are back catalogue, online from the start of the window. */
const P_BACK_CATALOGUE = 0.05;

export interface DemoItems {
  readonly numItems: number;
  readonly numAuthors: number;
  /** Topic index (0-based, DEMO_TOPICS order) per item. */
  readonly topic: Int32Array;
  /** Author index (0-based) per item; every author has at least one item. */
  readonly author: Int32Array;
  /** Duration bucket index (0-based, DEMO_DURATIONS order) per item. */
  readonly duration: Int32Array;
  /** Seconds after DEMO_TIME_BASE; at least one item is online at 0. */
  readonly upload: Float64Array;
  /** Exposure weight: author popularity × a per-item log-normal factor (heavy-tailed). */
  readonly weight: Float64Array;
  /** Standardised log of `weight`, the like model's popularity term. */
  readonly logPop: Float64Array;
  /** Hidden quality, N(0, 1), in no feature. */
  readonly quality: Float32Array;
  /** Hidden appeal, N(0, 1) for visual topics (encoded in the visual vector), 0 elsewhere. */
  readonly appeal: Float32Array;
  /** Row-major `[numItems, STYLE_DIM]` hidden style, N(0, 1) for visual topics, 0 elsewhere. */
  readonly style: Float32Array;
  /** Per topic (DEMO_TOPICS order): are its visual vectors informative? */
  readonly visualTopic: readonly boolean[];
}

/** Authors (a main topic and a heavy-tailed popularity each) and their items; `visualTopic` per topic. */
export function generateItems(
  numItems: number,
  rng: Rng,
  visualTopic: readonly boolean[] = visualMask(DEMO_VISUAL_TOPICS),
): DemoItems {
  const topicCum = cumulative(TOPIC_WEIGHT);
  const numAuthors = Math.max(1, Math.round(numItems / 10));
  const authorTopic = new Int32Array(numAuthors);
  const authorPop = new Float64Array(numAuthors);
  for (let a = 0; a < numAuthors; a++) {
    authorTopic[a] = pick(topicCum, rng);
    authorPop[a] = Math.exp(0.8 * rng.normal());
  }
  const authorCum = cumulative(authorPop);

  const topic = new Int32Array(numItems);
  const author = new Int32Array(numItems);
  const duration = new Int32Array(numItems);
  const upload = new Float64Array(numItems);
  const weight = new Float64Array(numItems);
  const quality = new Float32Array(numItems);
  const appeal = new Float32Array(numItems);
  const style = new Float32Array(numItems * STYLE_DIM);
  const durCum = cumulative(DURATION_WEIGHT);
  let earliest = 0;
  for (let i = 0; i < numItems; i++) {
    const a = i < numAuthors ? i : pick(authorCum, rng);
    author[i] = a;
    topic[i] = rng.next() < P_AUTHOR_TOPIC ? authorTopic[a] : pick(topicCum, rng);
    duration[i] = pick(durCum, rng);
    // Uploads are front-loaded over the window (u² spread), never in its last 3 %.
    const u = rng.next();
    upload[i] = u < P_BACK_CATALOGUE ? 0 : Math.floor(DEMO_WINDOW_SECONDS * 0.97 * u * u);
    if (upload[i] < upload[earliest]) earliest = i;
    weight[i] = authorPop[a] * Math.exp(1.0 * rng.normal());
    quality[i] = rng.normal();
    if (visualTopic[topic[i]]) {
      appeal[i] = rng.normal();
      for (let s = 0; s < STYLE_DIM; s++) style[i * STYLE_DIM + s] = rng.normal();
    }
  }
  upload[earliest] = 0; // something is always available
  const logPop = standardisedLog(weight);
  return {
    numItems,
    numAuthors,
    topic,
    author,
    duration,
    upload,
    weight,
    logPop,
    quality,
    appeal,
    style,
    visualTopic,
  };
}

/** Cold items are uploaded in this part of the window (its last days, before the last 3 %). */
const COLD_FROM = 0.9;
const COLD_TO = 0.97;

/**
 * Makes about `share` of the items cold (the wizard's knob): each, but the one always online, with
 * probability `share` is moved to an upload time in the window's last days, so that few users see it and
 * then late, mostly after their training rows. Draws from its own stream, so the other stages are unchanged.
 */
export function makeCold(items: DemoItems, share: number, rng: Rng): void {
  const { upload, numItems } = items;
  const keep = upload.indexOf(0);
  for (let i = 0; i < numItems; i++) {
    const u = rng.next();
    const at = rng.next();
    if (i === keep || u >= share) continue;
    upload[i] = Math.floor(DEMO_WINDOW_SECONDS * (COLD_FROM + (COLD_TO - COLD_FROM) * at));
  }
}

/** `log(w)` standardised to mean 0, standard deviation 1 (population sd; 1 if constant). */
function standardisedLog(w: Float64Array): Float64Array {
  const n = w.length;
  const out = new Float64Array(n);
  let m = 0;
  let v = 0;
  for (let i = 0; i < n; i++) m += out[i] = Math.log(w[i]);
  m /= n;
  for (let i = 0; i < n; i++) v += (out[i] - m) ** 2;
  const sd = Math.sqrt(v / n) || 1;
  for (let i = 0; i < n; i++) out[i] = (out[i] - m) / sd;
  return out;
}
