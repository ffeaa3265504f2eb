import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { initBackend } from './backends';
import { runSelfCheck } from './selfCheck';

describe('backend self-check', () => {
  afterEach(async () => {
    // Restore the stock softmax if a test replaced it.
    if (saved) {
      tf.unregisterKernel('Softmax', saved.backendName);
      tf.registerKernel(saved);
      saved = null;
    }
  });
  let saved: tf.KernelConfig | null = null;

  /** Replaces a backend's softmax by one that is off by 0.01 everywhere. */
  function breakSoftmax(backendName: string, values: (backend: unknown, out: tf.TensorInfo) => Float32Array) {
    saved = tf.getKernel('Softmax', backendName)!;
    const stock = saved;
    tf.unregisterKernel('Softmax', backendName);
    tf.registerKernel({
      ...stock,
      kernelFunc: (args) => {
        const out = stock.kernelFunc(args) as tf.TensorInfo;
        const vals = values(args.backend, out);
        for (let i = 0; i < vals.length; i++) vals[i] += 0.01;
        return out;
      },
    });
  }

  it.each(['cpu', 'wasm'] as const)('passes on %s and does not leak', async (name) => {
    const info = await initBackend(name);
    expect(info.selfCheck.ok).toBe(true);
    expect(info.selfCheck.checks.map((c) => c.name)).toEqual([
      'matmul',
      'softmax',
      'gather',
      'gather gradient',
      'segment sum',
      'batched matmul',
      'sparse product',
      'slice',
      'list-field mean',
      'PReLU layer',
      'Adam step',
    ]);
    const before = tf.memory().numTensors;
    await runSelfCheck();
    expect(tf.memory().numTensors).toBe(before);
    // The status bar says what wasm runs on: Node 20 has WebAssembly SIMD, so our kernels are bound.
    if (name === 'wasm') expect(info.device).toBe('WebAssembly SIMD, 1 thread, recplay SIMD kernels');
  });

  it('refuses a backend whose kernel computes a wrong result, and says which check failed', async () => {
    await initBackend('cpu');
    breakSoftmax(
      'cpu',
      (backend, out) =>
        (backend as { data: { get(id: object): { values: Float32Array } } }).data.get(out.dataId).values,
    );
    const report = await runSelfCheck();
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['softmax']);
  });

  it('in auto mode, passes over a backend that fails its self-check and names the reason', async () => {
    await initBackend('wasm');
    breakSoftmax('wasm', (backend, out) =>
      (backend as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(out),
    );
    const info = await initBackend('auto');
    expect(info.name).toBe('cpu');
    expect(info.attempts.find((a) => a.name === 'wasm')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^self-check failed: softmax off by/),
    });
    // Node has neither WebGPU nor OffscreenCanvas: both are reported as unavailable, not silently skipped.
    expect(info.attempts.map((a) => a.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
  });
});
