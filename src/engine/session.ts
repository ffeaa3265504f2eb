/**
 * What the worker does, as plain async functions, so Node tests can drive exactly the worker's logic
 * without a Worker: dataset in memory, backend, one training run at a time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { generateDemo, type DemoOptions } from '../data/demo';
import { encodeCtr, type CtrEncoding } from '../data/features';
import { makeRng } from '../data/random';
import { chronologicalSplit, type Split } from '../data/split';
import { summarize, type Dataset, type DatasetSummary } from '../data/types';
import { resolveConfig } from '../models/config';
import { getModel } from '../models';
import type { CtrModel } from '../models/types';
import { errorMessage, initBackend, type BackendChoice, type BackendInfo, type WasmPaths } from './backends';
import type { TrainEvent, TrainOutcome, TrainRequest } from './protocol';
import { TRAIN_SCHEMA, trainCtr } from './trainer';

interface Prepared {
  readonly dataset: Dataset;
  readonly encoding: CtrEncoding;
  readonly split: Split;
}

export interface Session {
  initBackend(choice: BackendChoice): Promise<BackendInfo>;
  loadDemo(options: Partial<DemoOptions>): Promise<DatasetSummary>;
  train(request: TrainRequest, onEvent: (event: TrainEvent) => void): Promise<TrainOutcome>;
  stop(runId: number): void;
}

export function createSession(wasmPaths?: WasmPaths): Session {
  let data: Prepared | null = null;
  let backend: { choice: BackendChoice; info: BackendInfo } | null = null;
  let model: CtrModel | null = null;
  const stopRequested = new Set<number>();
  let activeRun: number | null = null;

  async function ensureBackend(choice: BackendChoice): Promise<BackendInfo> {
    if (backend && backend.choice === choice && tf.getBackend() === backend.info.name) return backend.info;
    const info = await initBackend(choice, wasmPaths);
    backend = { choice, info };
    return info;
  }

  return {
    initBackend: ensureBackend,

    async loadDemo(options) {
      const dataset = generateDemo(options);
      const encoding = encodeCtr(dataset);
      data = { dataset, encoding, split: chronologicalSplit(dataset.interactions) };
      return summarize(dataset);
    },

    async train(request, onEvent) {
      const { runId } = request;
      if (activeRun !== null) {
        return { type: 'error', runId, message: `Run ${activeRun} is still training; stop it first.` };
      }
      activeRun = runId;
      try {
        if (!data) throw new Error('No dataset is loaded.');
        const spec = getModel(request.modelId);
        if (!spec) throw new Error(`Unknown model "${request.modelId}".`);
        const modelCfg = resolveConfig(spec.configSchema, request.modelConfig);
        const trainCfg = resolveConfig(TRAIN_SCHEMA, request.trainConfig);
        const info = await ensureBackend(request.backend);
        onEvent({ type: 'backend', runId, info });

        model?.dispose();
        model = null;
        model = spec.build(modelCfg.config, data.encoding, makeRng(`${trainCfg.config.seed}/init`));
        const result = await trainCtr(model, data.encoding, data.split, trainCfg.config, {
          onProgress: (progress) => onEvent({ type: 'progress', runId, progress }),
          onEpoch: (report) => onEvent({ type: 'epoch', runId, report }),
          shouldStop: () => stopRequested.has(runId),
        });
        return { type: 'done', runId, result, warnings: [...modelCfg.warnings, ...trainCfg.warnings] };
      } catch (err) {
        return { type: 'error', runId, message: errorMessage(err) };
      } finally {
        stopRequested.delete(runId);
        activeRun = null;
      }
    },

    stop(runId) {
      if (activeRun === runId) stopRequested.add(runId);
    },
  };
}
