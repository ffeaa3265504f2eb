/**
 * The data wizard's named presets (issue 23): a few settings of the generator's knobs that each plant one
 * thing clearly, and the model that shows it in the planted-vs-learned view. A preset sets every knob
 * (those it does not name to their defaults) and keeps the seed and the size.
 */
import { DEMO_DEFAULTS, type DemoKnobs, type DemoOptions } from './vocab';

export interface DemoPreset {
  readonly id: string;
  readonly name: string;
  /** One line: what it plants. */
  readonly blurb: string;
  /** The knobs it sets; the others go back to their defaults. */
  readonly knobs: DemoKnobs;
  /** The model that showcases it (a registry id). */
  readonly model: string;
}

export const DEMO_PRESETS: readonly DemoPreset[] = [
  {
    id: 'visual',
    name: 'Visual matters',
    blurb: 'The look of a clip drives the like, on the visual topics; text and sound say little.',
    knobs: { visual: 2.5, text: 0.4, acoustic: 0.4, ageTopic: 0.5 },
    model: 'tmfun',
  },
  {
    id: 'text',
    name: 'Text only',
    blurb: 'Captions carry the topic; the pictures and the sound are noise.',
    knobs: { visual: 0, acoustic: 0, text: 2 },
    model: 'tmfun',
  },
  {
    id: 'sequence',
    name: 'Sequence-driven',
    blurb: 'What a user liked last decides what they like next.',
    knobs: { recency: 2.5, ageTopic: 0.5 },
    model: 'din',
  },
  {
    id: 'ageTopic',
    name: 'Age × topic',
    blurb: 'Each age group has its own topics; a model must cross age with category.',
    knobs: { ageTopic: 2, recency: 0.5 },
    model: 'amfr',
  },
  {
    id: 'popularity',
    name: 'Popularity only',
    blurb: 'The feed shows the popular clips and they get the likes; no other signal.',
    knobs: { popularity: 2, ageTopic: 0, visual: 0, recency: 0 },
    model: 'pop',
  },
  {
    id: 'noise',
    name: 'Pure noise',
    blurb: 'Every signal off and the labels coin flips: nothing to learn.',
    knobs: { ageTopic: 0, visual: 0, text: 0, acoustic: 0, recency: 0, popularity: 0, labelNoise: 0.5 },
    model: 'dnn',
  },
];

/** The generator's options of a preset, over `base`'s seed and size. */
export function presetOptions(preset: DemoPreset, base: Partial<DemoOptions> = {}): DemoOptions {
  const { seed, users, items, interactionsPerUser } = { ...DEMO_DEFAULTS, ...base };
  return { ...DEMO_DEFAULTS, seed, users, items, interactionsPerUser, ...preset.knobs };
}

/** The preset whose knobs `options` has exactly (size and seed aside), if any. */
export function matchingPreset(options: Partial<DemoOptions>): DemoPreset | undefined {
  const o = { ...DEMO_DEFAULTS, ...options };
  return DEMO_PRESETS.find((p) => {
    const want = presetOptions(p, o);
    return (Object.keys(want) as (keyof DemoOptions)[]).every(
      (k) => JSON.stringify(want[k]) === JSON.stringify(o[k]),
    );
  });
}
