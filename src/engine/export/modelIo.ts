/**
 * Model export / import on the backend: reads a model's variables into a model zip, and rebuilds a model
 * from one — same code, config and encoding, then the saved weights — so it predicts exactly as the
 * exported one did.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../../data/features';
import { makeRng } from '../../data/random';
import type { Dataset } from '../../data/types';
import { resolveConfig } from '../../models/config';
import { REGISTRY, type Registry } from '../../models/registry';
import type { CtrModel } from '../../models/contract';
import type { CtrMetrics } from '../metrics/ctr';
import {
  compatibilityIssues,
  encodingSignature,
  ModelFileError,
  MODEL_FORMAT_VERSION,
  modelZip,
  readModelZip,
  type ModelMeta,
} from './modelFile';
import { checkShapes, entryTensor, readVariables, type TensorEntry } from '../weights';

export interface ExportableModel {
  readonly model: CtrModel;
  readonly modelId: string;
  readonly config: Readonly<Record<string, unknown>>;
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** The model's current weights as a model zip. */
export async function exportModelZip(
  target: ExportableModel,
  enc: CtrEncoding,
  ds: Dataset,
  test: CtrMetrics | null,
): Promise<Uint8Array> {
  const weights = await readVariables(target.model.trainableVariables, target.model.variableNames);
  const meta: ModelMeta = {
    formatVersion: MODEL_FORMAT_VERSION,
    modelId: target.modelId,
    config: { ...target.config },
    encoding: encodingSignature(enc),
    dataset: { name: ds.name, numUsers: ds.numUsers, numItems: ds.numItems },
    ...(test
      ? { test: { auc: orNull(test.auc), gauc: orNull(test.gauc), logloss: orNull(test.logloss) } }
      : {}),
  };
  return modelZip(meta, weights);
}

/** Copies saved weights into a built model, matching names (when the model names its variables) and shapes. */
export function assignWeights(model: CtrModel, weights: readonly TensorEntry[]): void {
  checkShapes(weights, model.trainableVariables, 'weights');
  const names = model.variableNames;
  if (names) {
    const i = weights.findIndex((w, k) => w.name !== names[k]);
    if (i >= 0)
      throw new ModelFileError(
        `Weight ${i} is "${weights[i].name}" in the file, "${names[i]}" in the model.`,
      );
  }
  tf.tidy(() => model.trainableVariables.forEach((v, i) => v.assign(entryTensor(weights[i]))));
}

/**
 * Rebuilds the model a zip holds for the loaded data. Throws `ModelFileError` with every reason it does not
 * fit (unknown model, a config this app does not accept, another dataset's vocabularies, other shapes).
 */
export async function importModelZip(
  bytes: Uint8Array,
  enc: CtrEncoding,
  registry: Registry = REGISTRY,
): Promise<{ model: CtrModel; meta: ModelMeta; config: Readonly<Record<string, unknown>> }> {
  const { meta, weights } = readModelZip(bytes);
  const spec = registry.get(meta.modelId);
  if (spec?.family !== 'ctr')
    throw new ModelFileError(
      `The file holds a "${meta.modelId.slice(0, 40)}" model, which this app does not have.`,
    );
  const { config, warnings } = resolveConfig(spec.configSchema, meta.config);
  if (warnings.length > 0) {
    throw new ModelFileError(
      `The model's settings do not fit this app's ${spec.id}: ${warnings.slice(0, 3).join('; ')}.`,
    );
  }
  const issues = compatibilityIssues(meta, enc);
  if (issues.length > 0) throw new ModelFileError(issues.join(' '));
  // Initial values are overwritten; the seed only keeps the build deterministic.
  const model = await spec.build(config, enc, makeRng('import/init'));
  try {
    assignWeights(model, weights);
  } catch (e) {
    model.dispose();
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(e instanceof Error ? e.message : String(e));
  }
  return { model, meta, config: config as Readonly<Record<string, unknown>> };
}
