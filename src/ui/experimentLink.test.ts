import { describe, expect, it } from 'vitest';
import type { LabelRule } from '../data/import/types';
import { DEFAULT_SPLIT_CONFIG, type DataSourceRef } from '../engine/importProtocol';
import { QUICK_TRAIN, quickTrainDefaults, TOPK_TRAIN_SCHEMA, TRAIN_SCHEMA } from '../engine/train/config';
import { defaults } from '../models/config';
import { defaultExperiment } from '../state/experiment';
import type { LoadedDataset } from './DatasetPanel';
import {
  experimentOf,
  linkDataCheck,
  linkDataPlan,
  settingsForModel,
  type UploadRef,
} from './experimentLink';
import { DEFAULT_MODEL, modelInfo } from './modelList';

const demo = (seed: number): DataSourceRef => ({ kind: 'demo', seed, users: 2000, items: 3000 });
const upload = (name: string, hash: string): UploadRef => ({ kind: 'upload', name, hash });

/** A loaded dataset as far as the experiment reads it (its source, label rule and split). */
function loaded(source: DataSourceRef): LoadedDataset {
  const label: LabelRule = { kind: 'threshold', threshold: 4 };
  const splitConfig = { ...DEFAULT_SPLIT_CONFIG, seed: 7 };
  // The summary, split summary and report are not part of an experiment: left out.
  return { source, label, splitConfig } as Partial<LoadedDataset> as LoadedDataset;
}

const settings = {
  linkData: null,
  dataset: null,
  model: modelInfo('dnn'),
  modelValues: {},
  trainValues: {},
  backend: 'auto',
  view: null,
  selection: { user: null, item: null },
} as const;

describe('the experiment a link holds', () => {
  it('is the default experiment for a fresh page', () => {
    expect(experimentOf(settings)).toEqual(defaultExperiment());
  });

  it('resolves the form values against the model’s and its family’s schemas', () => {
    const e = experimentOf({ ...settings, modelValues: { embeddingDim: 32 }, trainValues: { epochs: 3 } });
    expect(e.model).toEqual({ ...defaults(modelInfo('dnn').configSchema), embeddingDim: 32 });
    // Training settings the form leaves out are the page's starting ones (the quick start), not the protocol's.
    expect(e.train).toEqual({ ...defaults(TRAIN_SCHEMA), ...QUICK_TRAIN.ctr, epochs: 3 });
    const topk = experimentOf({ ...settings, model: modelInfo('bprmf') });
    expect(topk.modelId).toBe('bprmf');
    expect(topk.train).toEqual({ ...defaults(TOPK_TRAIN_SCHEMA), ...QUICK_TRAIN.topk });
  });

  it('names the loaded data, or the link’s upload while that is not loaded (without a label rule)', () => {
    const data = loaded(upload('mine.csv', 'aaaa'));
    const e = experimentOf({ ...settings, dataset: data, view: 'embedding' });
    expect(e).toMatchObject({
      data: data.source,
      label: data.label,
      split: data.splitConfig,
      view: 'embedding',
    });
    const pending = upload('theirs.csv', 'bbbb');
    const linked = experimentOf({ ...settings, dataset: data, linkData: pending });
    expect(linked).toMatchObject({ data: pending, label: null, split: data.splitConfig });
  });
});

describe('opening a link', () => {
  it('loads its demo unless that demo is loaded', () => {
    expect(linkDataPlan(demo(7), null)).toEqual({
      linkData: null,
      demo: { seed: 7, users: 2000, items: 3000 },
    });
    expect(linkDataPlan(demo(7), demo(42))).toEqual({
      linkData: null,
      demo: { seed: 7, users: 2000, items: 3000 },
    });
    expect(linkDataPlan(demo(7), upload('mine.csv', 'aaaa')).demo).toEqual({
      seed: 7,
      users: 2000,
      items: 3000,
    });
    expect(linkDataPlan(demo(7), demo(7))).toEqual({ linkData: null, demo: null });
  });

  it('points at its upload until the same content is loaded, with the default demo meanwhile', () => {
    const theirs = upload('theirs.csv', 'bbbb');
    expect(linkDataPlan(theirs, null)).toEqual({ linkData: theirs, demo: {} });
    expect(linkDataPlan(theirs, demo(42))).toEqual({ linkData: theirs, demo: null });
    expect(linkDataPlan(theirs, upload('mine.csv', 'aaaa'))).toEqual({ linkData: theirs, demo: null });
    // Same content under another name: nothing to load, nothing to point at.
    expect(linkDataPlan(theirs, upload('renamed.csv', 'bbbb'))).toEqual({ linkData: 'keep', demo: null });
  });

  it('tells whether the files loaded afterwards are the link’s', () => {
    const theirs = upload('theirs.csv', 'bbbb');
    expect(linkDataCheck(theirs, upload('renamed.csv', 'bbbb'))).toBe('✓ Same data as the link (bbbb).');
    expect(linkDataCheck(theirs, upload('mine.csv', 'aaaa'))).toBe(
      "These files differ from the link's data (aaaa, the link expects bbbb); results will differ.",
    );
  });
});

describe('picking another model', () => {
  it('starts from its config defaults and keeps the training settings within a family', () => {
    const train = { ...defaults(TRAIN_SCHEMA), epochs: 9 };
    const after = settingsForModel(modelInfo('autoint'), modelInfo('dnn'), train);
    expect(after.modelValues).toEqual(defaults(modelInfo('autoint').configSchema));
    expect(after.trainValues).toBe(train);
    const topk = { ...defaults(TOPK_TRAIN_SCHEMA), epochs: 9 };
    expect(settingsForModel(modelInfo('lightgcn'), modelInfo('bprmf'), topk).trainValues).toBe(topk);
  });

  it('takes the other family’s starting training settings across families, and keeps them within one', () => {
    const train = { ...defaults(TRAIN_SCHEMA), epochs: 9 };
    expect(settingsForModel(modelInfo('bprmf'), modelInfo('dnn'), train).trainValues).toEqual(
      quickTrainDefaults(modelInfo('bprmf')),
    );
    expect(settingsForModel(modelInfo('dnn'), modelInfo('bprmf'), train).trainValues).toEqual(
      quickTrainDefaults(modelInfo('dnn')),
    );
    expect(settingsForModel(modelInfo('amfr'), modelInfo('dnn'), train).trainValues).toBe(train);
  });

  it('moves to the next model’s own quick start while the settings are on the quick start', () => {
    const dnn = modelInfo('dnn');
    const mmdin = modelInfo('mmdin');
    expect(quickTrainDefaults(mmdin)).toMatchObject({ epochs: 4, patience: 2 });
    expect(settingsForModel(mmdin, dnn, quickTrainDefaults(dnn)).trainValues).toEqual(
      quickTrainDefaults(mmdin),
    );
    expect(settingsForModel(dnn, mmdin, quickTrainDefaults(mmdin)).trainValues).toEqual(
      quickTrainDefaults(dnn),
    );
    // Settings a person changed stay.
    const mine = { ...quickTrainDefaults(dnn), learningRate: 0.01 };
    expect(settingsForModel(mmdin, dnn, mine).trainValues).toBe(mine);
  });

  it('falls back to the default model for an id no model has', () => {
    expect(modelInfo('no-such-model')).toBe(DEFAULT_MODEL);
    expect(modelInfo('tmfun')).toMatchObject({ id: 'tmfun', family: 'topk' });
  });
});
