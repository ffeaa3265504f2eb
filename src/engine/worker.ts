/// <reference lib="webworker" />
/**
 * The training worker: owns tfjs, the current dataset and the trained model, and exposes `WorkerApi`
 * (`worker/api.ts`) to the page through comlink. All it adds is transport: every typed array of a result or a
 * callback's event is moved to the page, not copied (the API promises they belong to it alone, STYLE §7), and
 * the proxies of callbacks are released when their call ends.
 */
import * as Comlink from 'comlink';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
// The threaded module's glue as the package ships it and its pthread worker, as files of the app's own origin.
import threadedGlue from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';
import threadedWorker from './simd/threadedWorker.generated.js?url';
import { LOCK_HELD, type WorkerApi } from './protocol';
import type { WasmThreads } from './wasmThreads';
import { createWorkerApi } from './worker/api';
import { buffersOf } from './worker/transfer';

// Held for the worker's whole life under its unique name: the page learns that the worker died (closed,
// crashed, killed for memory), which fires no event, when the lock is released (src/ui/workerClient.ts).
// The page waits on the lock only after LOCK_HELD: asking earlier could be granted before the worker holds it.
if (self.name && 'locks' in navigator)
  void navigator.locks.request(self.name, () => {
    self.postMessage(LOCK_HELD);
    return new Promise<never>(() => {});
  });

/**
 * tfjs-wasm's threaded module where the page is cross-origin isolated (SharedArrayBuffer; the headers of
 * deploy/headers.mjs) and has at least two physical cores by tfjs's own reckoning (half the logical ones, at
 * most 8, its pool's size); otherwise the single-threaded module. On a 2-core machine a second thread was
 * measured to cost more than it gives (docs/SPEED.md: autoint 0.81 ×, din 0.94 × the one-thread speed), so
 * one thread runs there, as before. A build made with `VITE_WASM_THREADS=N` uses N threads wherever it can, to
 * measure threads on such a machine (`VITE_WASM_THREADS=2 npm run build && node bench/browser.mjs …`).
 */
function browserThreads(): WasmThreads | undefined {
  const forced = Number(import.meta.env.VITE_WASM_THREADS ?? 0);
  const count = forced >= 1 ? forced : Math.min(8, Math.floor((navigator.hardwareConcurrency || 1) / 2));
  if (!self.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined' || count < 2) return undefined;
  // A pthread resolves a relative URL against its own script: every URL is made absolute here.
  const absolute = (url: string) => new URL(url, self.location.href).href;
  return {
    count,
    mainScript: absolute(threadedGlue),
    workerScript: absolute(threadedWorker),
    wasm: absolute(wasmThreaded),
    reportCores(n) {
      // WebIDL attributes are configurable accessors on the prototype; this worker's own navigator only.
      const proto = Object.getPrototypeOf(navigator) as object;
      const own = Object.getOwnPropertyDescriptor(proto, 'hardwareConcurrency');
      Object.defineProperty(proto, 'hardwareConcurrency', { configurable: true, get: () => n });
      return () => {
        if (own) Object.defineProperty(proto, 'hardwareConcurrency', own);
      };
    },
  };
}

const threads = browserThreads();
const api = createWorkerApi({
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    ...(threads ? { threads } : {}),
  },
});

/** `value`, its typed arrays marked to move (comlink keys the mark by object: primitives pass as they are). */
function moved<T>(value: T): T {
  const buffers = buffersOf(value);
  return typeof value === 'object' && value !== null && buffers.size > 0
    ? Comlink.transfer(value, [...buffers])
    : value;
}

type Method = (...args: unknown[]) => unknown;

/** `fn` with its results and its callbacks' arguments transferred, and the callbacks released after it. */
function transporting(fn: Method): Method {
  return async (...args: unknown[]) => {
    const callbacks = args.filter((a): a is Method => typeof a === 'function');
    const wrapped = args.map((a) =>
      typeof a === 'function' ? (...xs: unknown[]) => (a as Method)(...xs.map(moved)) : a,
    );
    try {
      return moved(await fn(...wrapped));
    } finally {
      // A callback arrives as a comlink proxy holding a MessagePort; free it with the call.
      for (const cb of callbacks) (cb as unknown as Comlink.Remote<unknown>)[Comlink.releaseProxy]?.();
    }
  };
}

const exposed = Object.fromEntries(
  Object.entries(api).map(([name, fn]) => [name, transporting(fn as Method)]),
) as unknown as WorkerApi; // the same methods, the same signatures: only their transport changed

Comlink.expose(exposed);
