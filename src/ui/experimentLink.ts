/**
 * The pure rules between the page's settings and the share link: what the link holds, what opening one does
 * about the data, and what picking another model resets. `useExperiment` holds the state they act on.
 */
import type { DemoOptions } from '../data/demo';
import { DEFAULT_SPLIT_CONFIG, demoOptionsOf, type DataSourceRef } from '../engine/importProtocol';
import { quickTrainDefaults, trainSchemaOf } from '../engine/train/config';
import { defaults, resolveConfig } from '../models/config';
import { defaultExperiment, type ExampleSelection, type Experiment } from '../state/experiment';
import type { LoadedDataset } from './DatasetPanel';
import type { ModelEntry } from '../models/contract';
import type { BackendChoice } from '../engine/backendInfo';
import type { SweepLink } from '../state/sweepLink';

export type Values = Readonly<Record<string, unknown>>;
export type UploadRef = Extract<DataSourceRef, { kind: 'upload' }>;

/** The page's settings that make up an experiment (form values as typed, not yet resolved). */
export interface ExperimentSettings {
  /** A link's upload that is not loaded yet: the link keeps pointing at it. */
  readonly linkData: UploadRef | null;
  readonly dataset: LoadedDataset | null;
  readonly model: ModelEntry;
  readonly modelValues: Values;
  readonly trainValues: Values;
  readonly backend: BackendChoice;
  /** The Explain tab (null: the model's first view). */
  readonly view: string | null;
  readonly selection: ExampleSelection;
  /** The sweep set up in the Sweep panel (the link carries it), if any. */
  readonly sweep?: SweepLink | null;
}

/** The experiment as the share link holds it: every config resolved against its schema. */
export function experimentOf(s: ExperimentSettings): Experiment {
  return {
    data: s.linkData ?? s.dataset?.source ?? defaultExperiment().data,
    label: s.linkData ? null : (s.dataset?.label ?? null),
    split: s.dataset?.splitConfig ?? DEFAULT_SPLIT_CONFIG,
    modelId: s.model.id,
    model: resolveConfig(s.model.configSchema, s.modelValues).config,
    // A setting the form has not set is the page's starting one (as a link leaving it out means).
    train: resolveConfig(trainSchemaOf(s.model.family), {
      ...quickTrainDefaults(s.model),
      ...s.trainValues,
    }).config,
    backend: s.backend,
    view: s.view ?? 'curves',
    selection: s.selection,
    ...(s.sweep && s.sweep.spec.space.modelId === s.model.id ? { sweep: s.sweep } : {}),
  };
}

export interface LinkDataPlan {
  /** The link's upload to point at until it is loaded (null: none; 'keep': leave the note as it is). */
  readonly linkData: UploadRef | null | 'keep';
  /** A demo dataset to load, with these options (null: load nothing). */
  readonly demo: Partial<DemoOptions> | null;
}

/**
 * What opening a link does about its data, given what the worker holds (`loaded`). A demo link loads its
 * demo unless that one is loaded. An upload cannot travel in a link: unless the same content is loaded, the
 * link's upload is noted for the user to load, and the default demo fills in when nothing is loaded yet.
 */
export function linkDataPlan(linked: DataSourceRef, loaded: DataSourceRef | null): LinkDataPlan {
  if (linked.kind === 'demo') {
    const same = JSON.stringify(loaded) === JSON.stringify(linked);
    return {
      linkData: null,
      demo: same ? null : demoOptionsOf(linked),
    };
  }
  if (loaded?.kind === 'upload' && loaded.hash === linked.hash) return { linkData: 'keep', demo: null };
  return { linkData: linked, demo: loaded ? null : {} };
}

/** What the user is told after loading files while a link's upload was pending: same content or not. */
export function linkDataCheck(linked: UploadRef, loaded: UploadRef): string {
  return loaded.hash === linked.hash
    ? `✓ Same data as the link (${linked.hash}).`
    : `These files differ from the link's data (${loaded.hash}, the link expects ${linked.hash}); results will differ.`;
}

/** True when `values` hold every setting of `target` (a setting `values` lacks counts as held). */
export function holdsSettings(
  values: Readonly<Record<string, unknown>>,
  target: Readonly<Record<string, unknown>>,
) {
  return Object.entries(target).every(([k, v]) => JSON.stringify(values[k] ?? v) === JSON.stringify(v));
}

/**
 * The settings after picking another model: its config defaults, and its quick start when the family
 * differs (BPR epochs are not ctr epochs) or the training settings are still on the current model's quick
 * start; otherwise the training settings a person chose stay.
 */
export function settingsForModel(
  next: ModelEntry,
  current: ModelEntry,
  trainValues: Values,
): { readonly modelValues: Values; readonly trainValues: Values } {
  return {
    modelValues: defaults(next.configSchema),
    // The quick start follows the model while the settings are on it; settings a person changed stay (within
    // the family, whose settings they are).
    trainValues:
      next.family !== current.family || holdsSettings(trainValues, quickTrainDefaults(current))
        ? quickTrainDefaults(next)
        : trainValues,
  };
}
