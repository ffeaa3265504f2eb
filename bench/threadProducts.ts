/**
 * The matrix products of a din step on tfjs-wasm, one pool against another (docs/SPEED.md "Threads, landed"):
 *   npm run bench -- --entry threadProducts                          # one thread
 *   RECPLAY_WASM_THREADS=2 npm run bench -- --entry threadProducts   # tfjs-wasm's threaded module, two
 * Prints ms per product and GMAC/s; appends nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/engine/backends';
import { wasmPaths } from './wasmPaths';

/** `[M, K]·[K, N]`: the MLP's first layer, the activation unit over 5,120 behaviours and over the distinct items, the MLP's second. */
const SHAPES: readonly (readonly [number, number, number])[] = [
  [256, 256, 200],
  [5120, 96, 36],
  [2263, 96, 36],
  [256, 200, 80],
];

const info = await initBackend('wasm', wasmPaths());
console.log(info.device);
for (const [m, k, n] of SHAPES) {
  const [a, b] = [tf.randomNormal([m, k]), tf.randomNormal([k, n])];
  for (let i = 0; i < 20; i++) tf.matMul(a, b).dispose();
  const reps = 200;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) tf.matMul(a, b).dispose();
  const ms = (performance.now() - t0) / reps;
  console.log(`[${m},${k}]·[${k},${n}]: ${ms.toFixed(3)} ms, ${((m * k * n) / ms / 1e6).toFixed(1)} GMAC/s`);
  tf.dispose([a, b]);
}
// tfjs-wasm's pthreads are worker threads that keep Node alive.
process.exit(0);
