/**
 * The Sweep panel's form as plain data: the draft a person edits (settings with their ranges, search, seed,
 * budget), its defaults for a model, and the spec it makes. Pure, so it is tested without React.
 */
import { trainSchemaOf } from '../../engine/train/config';
import type { SearchKind, SweepSpec } from '../../engine/sweep/samplers';
import { smallerIsBetter } from '../../engine/sweep/runner';
import { candidateDimensions, dimId, type Dimension, type SpaceSchemas } from '../../engine/sweep/space';
import type { ModelEntry } from '../../models/contract';
import type { SweepLink } from '../../state/sweepLink';

export interface SweepDraft {
  readonly modelId: string;
  readonly dims: readonly Dimension[];
  readonly search: SearchKind;
  readonly seed: string;
  readonly trials: number;
  readonly epochs: number;
  readonly minutes: number;
}

export function schemasFor(model: ModelEntry): SpaceSchemas {
  return { model: model.configSchema, train: trainSchemaOf(model.family) };
}

/** Narrower first ranges than the schema's for the settings people sweep first. */
const STARTING_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  'train.learningRate': [1e-4, 1e-1],
  embeddingDim: [4, 32],
  layers: [1, 3],
};

/** A model's starting sweep: its learning rate, embedding size and layers (those it has), random search. */
export function defaultDraft(model: ModelEntry): SweepDraft {
  const dims = candidateDimensions(schemasFor(model))
    .filter((d) => dimId(d) in STARTING_RANGES)
    .map((d) => {
      const r = STARTING_RANGES[dimId(d)];
      return d.kind === 'number' ? { ...d, min: Math.max(d.min, r[0]), max: Math.min(d.max, r[1]) } : d;
    });
  return { modelId: model.id, dims, search: 'random', seed: 'sweep-1', trials: 12, epochs: 3, minutes: 10 };
}

export function draftFromLink(link: SweepLink): SweepDraft {
  const { space, search, seed, budget } = link.spec;
  return { modelId: space.modelId, dims: space.dims, search, seed, ...budget };
}

/** The validation metric trials are compared by: the one the form's training settings pick epochs by. */
export function sweepMetric(model: ModelEntry, trainConfig: Readonly<Record<string, unknown>>): string {
  const m = trainConfig.earlyStoppingMetric;
  const schema = trainSchemaOf(model.family).earlyStoppingMetric;
  return typeof m === 'string' && (schema.options as readonly string[]).includes(m) ? m : schema.default;
}

/** The spec of a draft, or a reason it cannot start. */
export function specOf(draft: SweepDraft, metric: string): SweepSpec | string {
  if (draft.dims.length === 0) return 'Choose at least one setting to sweep.';
  if (!(draft.trials >= 1 && draft.trials <= 500)) return 'Trials must be between 1 and 500.';
  if (!(draft.epochs >= 1 && draft.epochs <= 200)) return 'Epochs per trial must be between 1 and 200.';
  if (!(draft.minutes >= 0)) return 'Minutes must be 0 (no limit) or more.';
  for (const d of draft.dims) {
    if (d.kind === 'number' && !(d.min <= d.max)) return `${dimId(d)}: the minimum is above the maximum.`;
  }
  return {
    space: { modelId: draft.modelId, dims: draft.dims },
    search: draft.search,
    seed: draft.seed || 'sweep',
    budget: { trials: Math.round(draft.trials), epochs: Math.round(draft.epochs), minutes: draft.minutes },
    metric,
    smallerIsBetter: smallerIsBetter(metric),
  };
}
