/** The demo's options, value names, time window and the sizes every stage shares. */

export interface DemoOptions {
  seed: number;
  users: number;
  items: number;
  interactionsPerUser: number;
}

export const DEMO_DEFAULTS: DemoOptions = { seed: 42, users: 2000, items: 3000, interactionsPerUser: 50 };

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

/** Topics whose visual vectors carry topic + appeal/style signal; the other topics get pure visual noise. */
export const DEMO_VISUAL_TOPICS: readonly string[] = [
  'dance',
  'cooking',
  'pets',
  'travel',
  'sports',
  'beauty',
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

/** Per topic (DEMO_TOPICS order): is it one of DEMO_VISUAL_TOPICS? */
export const IS_VISUAL_TOPIC: readonly boolean[] = DEMO_TOPICS.map((t) => DEMO_VISUAL_TOPICS.includes(t));
