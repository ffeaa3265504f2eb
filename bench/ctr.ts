/**
 * The ctr half of the bench (P1 and the demo protocol): trains each model on prepared data with the engine the
 * app uses and returns one row per (model, backend) with the fields PROTOCOLS.md lists. No I/O here, so the
 * bench's own test can run it on a tiny dataset.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../src/data/features';
import { makeRng } from '../src/data/random';
import type { Split } from '../src/data/split';
import { initBackend, type BackendName, type WasmPaths } from '../src/engine/backends';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../src/engine/train/config';
import { trainCtr } from '../src/engine/train/ctr';
import type { CtrMetrics } from '../src/engine/metrics/ctr';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';

export interface CtrBenchOptions {
  readonly protocol: string;
  readonly encoding: CtrEncoding;
  readonly split: Split;
  readonly models: readonly string[];
  readonly backends: readonly BackendName[];
  readonly epochs: number;
  readonly seed: number;
  /** Applied to every model's defaults where the model has the setting, e.g. `{ embeddingDim: 32 }`. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /** Training settings over the defaults (epochs and seed come from the fields above). */
  readonly train?: Partial<TrainConfig>;
  readonly wasmPaths?: WasmPaths;
  /** Called before each model trains (the CLI logs the backend's reason). */
  readonly onBackend?: (name: string, reason: string) => void;
}

export interface CtrBenchRow {
  readonly protocol: string;
  readonly model: string;
  readonly backend: string;
  readonly config: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
  readonly metrics: CtrMetrics | null;
  readonly best_epoch: number;
  readonly valid_auc: number[];
  readonly train_rows_per_s: number;
  readonly ms_per_epoch: number;
  readonly peak_tensors: number;
  readonly peak_bytes: number;
  /** Tensors left behind once the model was disposed (0 unless something leaks). */
  readonly leaked_tensors: number;
  readonly seed: number;
  /** Epochs asked for (early stopping may run fewer). */
  readonly epochs: number;
}

export async function runCtrBench(options: CtrBenchOptions): Promise<CtrBenchRow[]> {
  const rows: CtrBenchRow[] = [];
  for (const backend of options.backends) {
    const info = await initBackend(backend, options.wasmPaths);
    options.onBackend?.(info.name, info.reason);
    for (const modelId of options.models) {
      const spec = requireModel(modelId, 'ctr');
      const known = Object.fromEntries(
        Object.entries(options.overrides ?? {}).filter(([k]) => k in spec.configSchema),
      );
      const { config } = resolveConfig(spec.configSchema, known);
      const before = tf.memory().numTensors;
      const model = await spec.build(config, options.encoding, makeRng(`${options.seed}/init`));
      let peakBytes = tf.memory().numBytes;
      const result = await trainCtr(
        model,
        options.encoding,
        options.split,
        { ...DEFAULT_TRAIN_CONFIG, ...options.train, epochs: options.epochs, seed: options.seed },
        { onProgress: () => (peakBytes = Math.max(peakBytes, tf.memory().numBytes)) },
      );
      model.dispose();
      rows.push({
        protocol: options.protocol,
        model: modelId,
        backend: info.name,
        config: known,
        // Every setting, defaults included: a row stays readable after a default changes.
        settings: config,
        metrics: result.test,
        best_epoch: result.bestEpoch,
        valid_auc: result.epochs.map((e) => +e.valid.auc.toFixed(4)),
        train_rows_per_s: Math.round(result.rowsPerSec),
        ms_per_epoch: Math.round(
          (result.epochs.reduce((s, e) => s + e.trainSeconds, 0) / Math.max(1, result.epochs.length)) * 1000,
        ),
        peak_tensors: result.peakTensors,
        peak_bytes: peakBytes,
        leaked_tensors: tf.memory().numTensors - before,
        seed: options.seed,
        epochs: options.epochs,
      });
    }
  }
  return rows;
}
