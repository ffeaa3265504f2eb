/** The demo's options, value names, time window and the sizes every stage shares. */

/**
 * The generator's knobs (the Dataset panel's data wizard). Every signal strength is a multiplier of one planted
 * term, 1 giving the demo as it always was: at the defaults the data are byte-identical to the generator
 * before these knobs existed (pinned.test.ts).
 */
export interface DemoOptions {
  seed: number;
  users: number;
  items: number;
  interactionsPerUser: number;
  /** Age × topic: scales the age × topic like shift and the age lean of the tastes (affinity.ts). */
  ageTopic: number;
  /**
   * Visual informativeness: scales what the visual vectors of the visual topics carry (topic centroid, the
   * hidden appeal and style) and how much appeal and style move the like. 0: vision is pure noise.
   */
  visual: number;
  /** The topics whose visual vectors are informative (names of DEMO_TOPICS, in that order). */
  visualTopics: readonly string[];
  /** Text signal: scales the text vectors' topic centroid and author component (against their noise). */
  text: number;
  /** Acoustic signal: scales the acoustic vectors' topic centroid. */
  acoustic: number;
  /** Sequence effect: scales the like boost of recent same-topic likes and the feed's "more of the last liked topic". */
  recency: number;
  /** Popularity bias of exposure: the exponent on the items' exposure weights, and the like's popularity term. */
  popularity: number;
  /** Label noise: the share of labels flipped after the like was drawn (0.5: labels carry nothing). */
  labelNoise: number;
  /** Share of cold items: new uploads in the window's last days, so most have no training interactions. */
  coldItems: number;
}

/** The topics whose visual vectors carry topic + appeal/style signal by default; the others are visual noise. */
export const DEMO_VISUAL_TOPICS: readonly string[] = [
  'dance',
  'cooking',
  'pets',
  'travel',
  'sports',
  'beauty',
];

export const DEMO_DEFAULTS: DemoOptions = {
  seed: 42,
  users: 2000,
  items: 3000,
  interactionsPerUser: 50,
  ageTopic: 1,
  visual: 1,
  visualTopics: DEMO_VISUAL_TOPICS,
  text: 1,
  acoustic: 1,
  recency: 1,
  popularity: 1,
  labelNoise: 0,
  coldItems: 0,
};

/** The knobs beyond seed and size (the share link writes those apart, and only the non-default knobs). */
export type DemoKnobs = Partial<Omit<DemoOptions, 'seed' | 'users' | 'items'>>;
export const DEMO_KNOB_KEYS = [
  'interactionsPerUser',
  'ageTopic',
  'visual',
  'visualTopics',
  'text',
  'acoustic',
  'recency',
  'popularity',
  'labelNoise',
  'coldItems',
] as const satisfies readonly (keyof DemoKnobs)[];

/** Visual topics as a set in DEMO_TOPICS order, unknown names dropped (one spelling per set). */
export function canonicalTopics(topics: readonly string[]): string[] {
  return DEMO_TOPICS.filter((t) => topics.includes(t));
}

/** The knobs of `options` that differ from the defaults; undefined when none does. */
export function demoKnobs(options: Partial<DemoOptions>): DemoKnobs | undefined {
  const out: Record<string, unknown> = {};
  for (const k of DEMO_KNOB_KEYS) {
    const v = options[k];
    if (v === undefined) continue;
    if (k === 'visualTopics') {
      const t = canonicalTopics(v as readonly string[]);
      if (t.join() !== DEMO_VISUAL_TOPICS.join()) out[k] = t;
    } else if (v !== DEMO_DEFAULTS[k]) out[k] = v;
  }
  return Object.keys(out).length > 0 ? (out as DemoKnobs) : undefined;
}

/** Human names of the topics; topic `k` (0-based) has category token `k + 1`. */
export const DEMO_TOPICS: readonly string[] = [
  'dance',
  'gaming',
  'cooking',
  'pets',
  'travel',
  'news',
  'comedy',
  'music',
  'sports',
  'beauty',
  'science',
  'diy',
];

export const DEMO_AGE_BUCKETS: readonly string[] = ['<18', '18-24', '25-34', '35-44', '45-54', '55+'];
export const DEMO_DURATIONS: readonly string[] = ['<15s', '15-30s', '30-60s', '1-3min', '3min+'];
export const DEMO_GENDERS: readonly string[] = ['female', 'male', 'other'];
export const DEMO_REGIONS: readonly string[] = [
  'north',
  'south',
  'east',
  'west',
  'central',
  'coast',
  'mountains',
  'overseas',
];

/** Start of the 90-day window (seconds since the epoch) and its length. */
export const DEMO_TIME_BASE = 1_700_000_000;
export const DEMO_WINDOW_SECONDS = 90 * 86_400;

/** Number of topics. */
export const NT = DEMO_TOPICS.length;
/** Size of the hidden visual style that items show and users have a taste for. */
export const STYLE_DIM = 3;

/** Skewed topic popularity (share of uploads and of favourite topics), in DEMO_TOPICS order. */
export const TOPIC_WEIGHT: readonly number[] = [
  0.16, 0.13, 0.1, 0.09, 0.06, 0.05, 0.12, 0.1, 0.07, 0.06, 0.03, 0.03,
];

/** Per topic (DEMO_TOPICS order): is it one of `topics`? */
export const visualMask = (topics: readonly string[]): readonly boolean[] =>
  DEMO_TOPICS.map((t) => topics.includes(t));
