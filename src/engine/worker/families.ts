/**
 * What a training run needs of its model's family, prepared in the worker: the built model (kept as the
 * worker's trained model before training starts, so the views can explain it between epochs), the family of
 * the training loop, the resolved training config, and how its events and outcome are tagged.
 */
import { makeRng } from '../../data/random';
import type { CtrModelEntry, TopkModelEntry } from '../../models/contract';
import { resolveModelConfig } from '../../models/registry';
import { resolveConfig } from '../../models/config';
import type { TrainEvent, TrainOutcome, TrainRequest } from '../protocol';
import type { CtrMetrics } from '../metrics/ctr';
import type { TopkResult } from '../metrics/topkResult';
import { TOPK_TRAIN_SCHEMA, TRAIN_SCHEMA, type TopkTrainConfig, type TrainConfig } from '../train/config';
import { ctrFamily } from '../train/ctr';
import type { EpochReport, Family, LoopConfig, Trainable, TrainResult } from '../train/loop';
import { topkFamily } from '../train/topk';
import { topkDataFromSplit } from '../train/topkData';
import type { Prepared, Trained } from './state';

/** A run ready to train: `V` its metrics, `C` its training config. */
export interface PreparedRun<V, C extends LoopConfig> {
  readonly trained: Trained;
  readonly model: Trainable;
  readonly family: Family<V>;
  readonly config: C;
  /** Settings that were invalid or out of range, and what was used instead. */
  readonly warnings: readonly string[];
  epochEvent(runId: number, report: EpochReport<V>): TrainEvent;
  done(runId: number, result: TrainResult<V>, warnings: readonly string[]): TrainOutcome;
  /** Records the run's test result on the trained model (exports and imports report it). */
  keepTest(result: TrainResult<V>): void;
}

/** Build progress is posted at most this often (a 20,000-item graph has ~100 blocks per modality). */
const BUILD_REPORT_MS = 100;

export async function prepareCtrRun(
  entry: CtrModelEntry,
  data: Prepared,
  request: TrainRequest,
): Promise<PreparedRun<CtrMetrics, TrainConfig>> {
  const modelCfg = resolveModelConfig(entry, request.modelConfig);
  const trainCfg = resolveConfig(TRAIN_SCHEMA, request.trainConfig);
  const model = await entry.build(modelCfg.config, data.encoding, makeRng(`${trainCfg.config.seed}/init`));
  const trained: Trained = {
    family: 'ctr',
    runId: request.runId,
    modelId: entry.id,
    config: modelCfg.config,
    model,
    test: null,
  };
  return {
    trained,
    model,
    family: ctrFamily(model, data.encoding, data.split, trainCfg.config),
    config: trainCfg.config,
    warnings: [...modelCfg.warnings, ...trainCfg.warnings],
    epochEvent: (runId, report) => ({ type: 'epoch', runId, family: 'ctr', report }),
    done: (runId, result, warnings) => ({
      type: 'done',
      runId,
      family: 'ctr',
      result,
      warnings,
    }),
    keepTest: (result) => (trained.test = result.test),
  };
}

export async function prepareTopkRun(
  entry: TopkModelEntry,
  data: Prepared,
  request: TrainRequest,
  emit: (event: TrainEvent) => void,
): Promise<PreparedRun<TopkResult, TopkTrainConfig>> {
  const { runId } = request;
  const modelCfg = resolveModelConfig(entry, request.modelConfig);
  const trainCfg = resolveConfig(TOPK_TRAIN_SCHEMA, request.trainConfig);
  const prepared = topkDataFromSplit(data.dataset, data.split, { positiveOnly: true });
  if (prepared.topk.train.indices.length === 0) {
    throw new Error(
      'The training split has no positive interactions: a top-k model has nothing to learn from.',
    );
  }
  let lastReport = -Infinity;
  const model = await entry.build(modelCfg.config, prepared.topk, makeRng(`${trainCfg.config.seed}/init`), {
    onProgress: ({ stage, done, total }) => {
      const now = performance.now();
      if (done > 0 && done < total && now - lastReport < BUILD_REPORT_MS) return;
      lastReport = now;
      emit({ type: 'build', runId, stage, done, total });
    },
  });
  const trained: Trained = {
    family: 'topk',
    runId,
    modelId: entry.id,
    config: modelCfg.config,
    model,
    data: prepared,
    test: null,
  };
  return {
    trained,
    model,
    family: topkFamily(model, prepared.split, trainCfg.config),
    config: trainCfg.config,
    warnings: [...modelCfg.warnings, ...trainCfg.warnings],
    epochEvent: (id, report) => ({ type: 'epoch', runId: id, family: 'topk', report }),
    done: (id, result, warnings) => ({
      type: 'done',
      runId: id,
      family: 'topk',
      result,
      warnings,
    }),
    keepTest: (result) => (trained.test = result.test),
  };
}
