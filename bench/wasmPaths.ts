/** Where Node finds tfjs's wasm binaries: the installed package's `dist`, or a folder given (the GPU machine). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WasmPaths } from '../src/engine/backends';

export function wasmPaths(dir?: string): WasmPaths {
  const from =
    dir ??
    join(
      dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
      'dist',
    );
  return {
    'tfjs-backend-wasm.wasm': join(from, 'tfjs-backend-wasm.wasm'),
    'tfjs-backend-wasm-simd.wasm': join(from, 'tfjs-backend-wasm-simd.wasm'),
    'tfjs-backend-wasm-threaded-simd.wasm': join(from, 'tfjs-backend-wasm-threaded-simd.wasm'),
  };
}
