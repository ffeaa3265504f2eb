/**
 * Where Node finds tfjs's wasm binaries: the installed package's `dist`, or a folder given (the GPU machine).
 * `RECPLAY_WASM_THREADS=N` (N ≥ 2) runs tfjs-wasm's threaded module with N threads (engine/wasmThreads.ts):
 * its pthreads are Node worker threads loading the glue and the worker script from disk.
 */
import { copyFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { WasmPaths } from '../src/engine/backends';
import type { WasmThreads } from '../src/engine/wasmThreads';

const pkg = () =>
  dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json'));

/** The threads asked for by `RECPLAY_WASM_THREADS`, or 1. */
export function wasmThreadsAsked(): number {
  const n = Number(process.env.RECPLAY_WASM_THREADS ?? 1);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`RECPLAY_WASM_THREADS must be a whole number ≥ 1, got ${n}`);
  return n;
}

/**
 * The pthread workers' script that simd/build.mjs writes (run first by `npm run bench` and the unit tests),
 * copied under a `.cjs` name: this package is an ES module one, where Node would not run it as CommonJS.
 */
function nodeWorkerScript(): string {
  const file = join(os.tmpdir(), 'recplay-tfjs-pthread.cjs');
  // Written aside and renamed: processes side by side never read a half-written file.
  const aside = `${file}.${process.pid}`;
  copyFileSync(resolve('src/engine/simd/threadedWorker.generated.js'), aside);
  renameSync(aside, file);
  return file;
}

/** The threaded module's files in Node, and its core count read from `os.cpus()` (see wasmThreads.ts). */
export function nodeWasmThreads(count: number): WasmThreads {
  return {
    count,
    mainScript: join(pkg(), 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
    workerScript: nodeWorkerScript(),
    wasm: join(pkg(), 'dist', 'tfjs-backend-wasm-threaded-simd.wasm'),
    reportCores(cores) {
      const cpus = os.cpus;
      const one = cpus()[0];
      os.cpus = () => Array.from({ length: cores }, () => one);
      return () => {
        os.cpus = cpus;
      };
    },
  };
}

export function wasmPaths(dir?: string): WasmPaths {
  const from = dir ?? join(pkg(), 'dist');
  const threads = wasmThreadsAsked();
  return {
    'tfjs-backend-wasm.wasm': join(from, 'tfjs-backend-wasm.wasm'),
    'tfjs-backend-wasm-simd.wasm': join(from, 'tfjs-backend-wasm-simd.wasm'),
    'tfjs-backend-wasm-threaded-simd.wasm': join(from, 'tfjs-backend-wasm-threaded-simd.wasm'),
    ...(threads > 1 ? { threads: nodeWasmThreads(threads) } : {}),
  };
}
