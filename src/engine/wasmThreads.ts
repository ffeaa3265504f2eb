/**
 * tfjs-backend-wasm's threaded SIMD module, started so that the app's policy allows it and its thread pool
 * really has the threads asked for.
 *
 * tfjs starts it itself only from Blob URLs (the glue's own `toString()` for the pthread workers, and a Blob of
 * the worker script), which `script-src 'self'` and `worker-src 'self'` refuse, and whose minified copy refers
 * to names outside the function. Here the pthread workers load files of the app's own origin instead: the glue
 * as the package ships it and the worker script that `simd/build.mjs` writes out.
 *
 * XNNPACK's pool (tfjs's backend.cc) is capped at `emscripten_num_logical_cores() / 2` threads, read as the
 * module starts: it assumes two hyperthreads a core, so on a 2-core machine it gets one thread whatever
 * `setThreadsCount` asks. The module is told twice the cores asked for (`reportCores`), which the caller
 * provides for its runtime: `navigator.hardwareConcurrency` in a browser, `os.cpus()` in Node.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface WasmThreads {
  /** Threads of the pool, the calling thread among them (2: one pthread beside it). */
  readonly count: number;
  /** The threaded glue (`wasm-out/tfjs-backend-wasm-threaded-simd.js`), which every pthread worker imports. */
  readonly mainScript: string;
  /** The pthread workers' script (`simd/threadedWorker.generated.js`). */
  readonly workerScript: string;
  /** `tfjs-backend-wasm-threaded-simd.wasm`. */
  readonly wasm: string;
  /** Makes the module read `cores` logical cores while it starts; returns the undo. */
  readonly reportCores: (cores: number) => () => void;
}

/** The `tfjs` bridge tfjs-backend-wasm's own `init()` adds to the module (backend_wasm.ts), unchanged. */
function addBridge(module: Record<string, unknown>): void {
  const cwrap = module.cwrap as (name: string, ret: string | null, args: string[]) => unknown;
  module.tfjs = {
    init: cwrap('init', null, []),
    initWithThreadsCount: cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: cwrap('get_threads_count', 'number', []),
    registerTensor: cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: cwrap('dispose_data', null, ['number']),
    dispose: cwrap('dispose', null, []),
  };
}

/**
 * Registers the threaded module as the `wasm` backend (tfjs's kernels are registered by backend name, so they
 * all serve it), replacing the package's own factory. Call before `tf.setBackend('wasm')`.
 */
export async function registerThreadedWasm(threads: WasmThreads): Promise<void> {
  const wasmPackage = await import('@tensorflow/tfjs-backend-wasm');
  // The glue is CommonJS; the bundler or Node gives it as the default export or as the module itself.
  const imported =
    (await import('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js')) as unknown as {
      default?: unknown;
    };
  const factory = (imported.default ?? imported) as (config: object) => Promise<Record<string, unknown>>;
  if (tf.findBackendFactory('wasm')) tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    async () => {
      const undo = threads.reportCores(2 * threads.count);
      try {
        const module = await factory({
          mainScriptUrlOrBlob: threads.mainScript,
          locateFile: (path: string) => (path.endsWith('.worker.js') ? threads.workerScript : threads.wasm),
        });
        addBridge(module);
        wasmPackage.setThreadsCount(threads.count);
        // tfjs's type wants its own module type, which it does not export.
        return new wasmPackage.BackendWasm(module as never);
      } finally {
        undo();
      }
    },
    2,
  );
}

/** The pool's thread count once the backend has started, or 1 when tfjs cannot say. */
export async function wasmThreadCount(): Promise<number> {
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  try {
    return Math.max(1, getThreadsCount());
  } catch {
    return 1;
  }
}
