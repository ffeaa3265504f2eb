/// <reference lib="webworker" />
/**
 * The training worker: owns tfjs, the current dataset and the trained model. The page talks to it only
 * through `WorkerApi` (comlink), so nothing heavy ever runs on the main thread.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { inspectionTransferables } from './inspector';
import { exportTransferables, type ExportOutcome } from './exportProtocol';
import { createSession } from './session';
import { graphTransferables } from './topkSession';
import { LOCK_HELD, type TrainEvent, type WorkerApi } from './protocol';

// Held for the worker's whole life under its unique name: the page learns that the worker died (closed,
// crashed, killed for memory), which fires no event, when the lock is released (src/ui/workerClient.ts).
// The page waits on the lock only after LOCK_HELD: asking earlier could be granted before the worker holds it.
if (self.name && 'locks' in navigator)
  void navigator.locks.request(self.name, () => {
    self.postMessage(LOCK_HELD);
    return new Promise<never>(() => {});
  });

const session = createSession({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const api: WorkerApi = {
  initBackend: (choice) => session.initBackend(choice),
  loadDemo: (options, split) => session.loadDemo(options, split),
  async readImport(files, onProgress) {
    try {
      // Files arrive by structured clone; their bytes are read here, never on the page.
      const inputs = await Promise.all(
        files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
      );
      return await session.readImport(inputs, (p) => void onProgress(p));
    } finally {
      (onProgress as unknown as Comlink.Remote<unknown>)[Comlink.releaseProxy]();
    }
  },
  loadImport: (mapping, split) => session.loadImport(mapping, split),
  async train(request, onEvent) {
    try {
      // Checkpoint bytes are moved to the page, not copied.
      const send = (e: TrainEvent) =>
        e.type === 'checkpoint' ? onEvent(Comlink.transfer(e, [e.bytes.buffer as ArrayBuffer])) : onEvent(e);
      return await session.train(request, send);
    } finally {
      // The callback arrives as a comlink proxy holding a MessagePort; free it with the run.
      (onEvent as unknown as Comlink.Remote<unknown>)[Comlink.releaseProxy]();
    }
  },
  snapshotDataset: () => session.snapshotDataset(),
  loadDataset: (dataset, source, split) => session.loadDataset(dataset, source, split),
  stop: (runId) => session.stop(runId),
  pause: (runId) => session.pause(runId),
  resume: (runId) => session.resume(runId),
  async inspect(request) {
    const outcome = await session.inspect(request);
    // Float32Arrays go as transferables: moved to the page, not copied (STYLE §7).
    return Comlink.transfer(outcome, inspectionTransferables(outcome));
  },
  searchExamples: (request) => session.searchExamples(request),
  async explainGraph(request) {
    const outcome = await session.explainGraph(request);
    return Comlink.transfer(outcome, graphTransferables(outcome));
  },
  exportModel: (runId) => session.exportModel(runId).then(transferFiles),
  exportEmbeddings: (runId) => session.exportEmbeddings(runId).then(transferFiles),
  exportPredictions: (request) => session.exportPredictions(request).then(transferFiles),
  exportDataset: () => session.exportDataset().then(transferFiles),
  importModel: (bytes, runId) => session.importModel(bytes, runId),
  async embeddingMap(request) {
    const outcome = await session.embeddingMap(request);
    const p = outcome.type === 'ok' ? outcome.payload : null;
    return p ? Comlink.transfer(outcome, [p.xy.buffer, p.indices.buffer] as ArrayBuffer[]) : outcome;
  },
  recommend: (request) => session.recommend(request),
};

function transferFiles(outcome: ExportOutcome): ExportOutcome {
  return Comlink.transfer(outcome, exportTransferables(outcome));
}

Comlink.expose(api);
