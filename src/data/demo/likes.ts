/**
 * Stage 5, labels: the like model. An impression is liked with probability sigmoid(likeLogit), a sum of the
 * planted effects below, each named by its coefficient. The like draw itself comes from the `log` stream,
 * right after the impression's exposure draws (impressions.ts).
 */
import type { Rng } from '../random';
import { AGE_TOPIC, GENDER_TOPIC } from './affinity';
import type { DemoItems } from './items';
import type { DemoUsers } from './users';
import { DEMO_DEFAULTS, NT, STYLE_DIM, type DemoOptions } from './vocab';

/** Base like logit: sigmoid(-2) ≈ 0.12 before the other effects. */
const BIAS = -2;
/** The user's own taste for the item's topic (centred taste logit). */
const W_TASTE = 0.45;
/** Visual topics only: the item's hidden appeal, also encoded in its visual vector. */
const W_APPEAL = 0.8;
/** Visual topics only: the match of the user's style taste with the item's hidden style (scaled dot product). */
const W_STYLE = 0.8;
/** The item's hidden quality, in no feature: noise no model can explain. */
const W_QUALITY = 0.4;
/** The item's standardised log popularity: popular items are liked more, not only shown more. */
const W_POP = 0.25;
/** Like-logit shift by duration bucket: short clips get finished and liked more. */
const DURATION_EFFECT = [0.15, 0.1, 0, -0.1, -0.25];
/**
 * Sequence signal: each recent like of the same topic adds W_RECENT, up to RECENT_CAP likes' worth; the count
 * decays by RECENT_DECAY per impression slot, so the order of a user's behaviour matters.
 */
const W_RECENT = 0.45;
const RECENT_DECAY = 0.75;
const RECENT_CAP = 3;

/** The wizard's knobs the like model reads: each multiplies its terms (1: the demo as it always was). */
export type LikeKnobs = Pick<DemoOptions, 'ageTopic' | 'visual' | 'recency' | 'popularity'>;

/** Decays the per-topic recent-like counts by one impression slot. */
export function decayRecent(recent: Float64Array): void {
  for (let k = 0; k < recent.length; k++) recent[k] *= RECENT_DECAY;
}

/** The planted effects of `likeLogit`, one by one (for analyses that ask which of them a model learned). */
export interface LikeTerms {
  /** The base logit plus the user's own bias. */
  readonly bias: number;
  readonly taste: number;
  /** Age × topic plus gender × topic (affinity.ts). */
  readonly demographics: number;
  readonly quality: number;
  readonly popularity: number;
  readonly duration: number;
  readonly recency: number;
  /** Visual topics only: the item's hidden appeal (in its visual vector). */
  readonly appeal: number;
  /** Visual topics only: user style × item style (the item's half is in its visual vector). */
  readonly style: number;
}

/** The terms with the two demographic shifts apart, as `likeLogit` adds them. */
function plantedTerms(
  users: DemoUsers,
  u: number,
  items: DemoItems,
  item: number,
  recent: Float64Array,
  knobs: LikeKnobs,
): Omit<LikeTerms, 'demographics'> & { readonly age: number; readonly gender: number } {
  const k = items.topic[item];
  let appeal = 0;
  let style = 0;
  // Each weight times its knob first: a knob of 1 leaves every product (and so the data) exactly as it was.
  if (items.visualTopic[k]) {
    let m = 0;
    for (let d = 0; d < STYLE_DIM; d++)
      m += users.style[u * STYLE_DIM + d] * items.style[item * STYLE_DIM + d];
    appeal = W_APPEAL * knobs.visual * items.appeal[item];
    style = (W_STYLE * knobs.visual * m) / Math.sqrt(STYLE_DIM);
  }
  return {
    bias: BIAS + users.bias[u],
    taste: W_TASTE * users.tasteLogit[u * NT + k],
    age: knobs.ageTopic * AGE_TOPIC[users.age[u]][k],
    gender: GENDER_TOPIC[users.gender[u]][k],
    quality: W_QUALITY * items.quality[item],
    popularity: W_POP * knobs.popularity * items.logPop[item],
    duration: DURATION_EFFECT[items.duration[item]],
    recency: W_RECENT * knobs.recency * Math.min(RECENT_CAP, recent[k]),
    appeal,
    style,
  };
}

/**
 * The like logit of user `u` for `item`, given the user's decayed recent-like counts per topic. Also the
 * demographics × topic effect of affinity.ts, in full.
 */
export function likeLogit(
  users: DemoUsers,
  u: number,
  items: DemoItems,
  item: number,
  recent: Float64Array,
  knobs: LikeKnobs = DEMO_DEFAULTS,
): number {
  const t = plantedTerms(users, u, items, item, recent, knobs);
  // Summed left to right in this order, the visual pair last and together (zero off the visual topics): a
  // reordering changes the float result and hence the data.
  const z = t.bias + t.taste + t.age + t.gender + t.quality + t.popularity + t.duration + t.recency;
  return z + (t.appeal + t.style);
}

/** `likeLogit`'s terms; they sum to it up to float rounding. */
export function likeTerms(
  users: DemoUsers,
  u: number,
  items: DemoItems,
  item: number,
  recent: Float64Array,
  knobs: LikeKnobs = DEMO_DEFAULTS,
): LikeTerms {
  const { age, gender, ...t } = plantedTerms(users, u, items, item, recent, knobs);
  return { ...t, demographics: age + gender };
}

/** 1 with probability sigmoid(z), else 0 (one draw). */
export function drawLike(z: number, rng: Rng): 0 | 1 {
  return rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
