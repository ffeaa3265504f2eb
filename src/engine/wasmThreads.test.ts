/**
 * tfjs-wasm's threaded module as the app starts it (wasmThreads.ts), here in Node: a pool of two threads even
 * on a 2-core machine (backend.cc's cap is told twice the cores), the self-check passed with our SIMD kernels on
 * its shared heap, and a product XNNPACK splits over the threads equal to a plain loop.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { nodeWasmThreads, wasmPaths } from '../../bench/wasmPaths';
import { initBackend } from './backends';

describe('tfjs-wasm on two threads', () => {
  it('starts a pool of two, passes the self-check with our kernels, and multiplies as a plain loop', async () => {
    const info = await initBackend('wasm', { ...wasmPaths(), threads: nodeWasmThreads(2) });
    expect(info.name).toBe('wasm');
    expect(info.device).toBe('WebAssembly SIMD, 2 threads, recplay SIMD kernels');
    const [M, K, N] = [300, 64, 40];
    const a = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: K * N }, (_, i) => Math.cos(i));
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => tf.matMul(tf.tensor2d(a, [M, K]), tf.tensor2d(b, [K, N])));
    const got = await out.data();
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    let worst = 0;
    for (let m = 0; m < M; m++)
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a[m * K + k] * b[k * N + n];
        worst = Math.max(worst, Math.abs(got[m * N + n] - s));
      }
    expect(worst).toBeLessThan(1e-3);
  });
});
