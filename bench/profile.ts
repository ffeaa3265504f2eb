/**
 * Where a training step's time goes: per-kernel totals from `tf.profile` over a few steps, plus the wall time
 * of batch building (JS), the step itself, and the step without the optimizer update.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../src/data/features';
import { makeBatch, disposeBatch } from '../src/engine/train/batches';
import { ctrLoss, makeOptimizer } from '../src/engine/train/ctr';
import { DEFAULT_TRAIN_CONFIG } from '../src/engine/train/config';
import type { CtrModel } from '../src/models/contract';

export async function profileStep(model: CtrModel, enc: CtrEncoding, rows: Int32Array, steps = 20) {
  const optimizer = makeOptimizer(DEFAULT_TRAIN_CONFIG);
  const vars = model.trainableVariables as tf.Variable[];
  const B = DEFAULT_TRAIN_CONFIG.batchSize;
  const batches = Array.from({ length: steps }, (_, s) => rows.subarray(s * B, (s + 1) * B));
  const time = async (f: (r: Int32Array, s: number) => void) => {
    f(batches[0], 0);
    const t0 = performance.now();
    batches.forEach((r, s) => f(r, s));
    await tf.ready();
    return (performance.now() - t0) / steps;
  };
  const batchMs = await time((r) => disposeBatch(makeBatch(enc, r)));
  const stepMs = await time((r, s) => {
    const b = makeBatch(enc, r);
    optimizer.minimize(() => ctrLoss(model, b, true, s), false, vars);
    disposeBatch(b);
  });
  const gradMs = await time((r, s) => {
    const b = makeBatch(enc, r);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => ctrLoss(model, b, true, s), vars);
      tf.dispose(Object.values(grads));
    });
    disposeBatch(b);
  });
  const forwardMs = await time((r, s) => {
    const b = makeBatch(enc, r);
    tf.tidy(() => ctrLoss(model, b, true, s).dataSync());
    disposeBatch(b);
  });
  const b = makeBatch(enc, batches[1]);
  const info = await tf.profile(() => {
    optimizer.minimize(() => ctrLoss(model, b, true, 1), false, vars);
  });
  disposeBatch(b);
  optimizer.dispose();
  const byKernel = new Map<string, { n: number; ms: number }>();
  for (const k of info.kernels) {
    const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += Number(k.kernelTimeMs);
    byKernel.set(k.name, e);
  }
  // The same kernel on different shapes (e.g. a dense layer vs attention's batched products) costs differently.
  const byShape = new Map<string, { n: number; ms: number }>();
  for (const k of info.kernels) {
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const e = byShape.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += Number(k.kernelTimeMs);
    byShape.set(key, e);
  }
  const shapes = [...byShape.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 12)
    .map(([call, v]) => ({ call, calls: v.n, ms: +v.ms.toFixed(2) }));
  const kernels = [...byKernel.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([name, v]) => ({ name, calls: v.n, ms: +v.ms.toFixed(2) }));
  return {
    batch_ms: +batchMs.toFixed(2),
    forward_ms: +forwardMs.toFixed(2),
    forward_backward_ms: +gradMs.toFixed(2),
    step_ms: +stepMs.toFixed(2),
    kernel_calls: info.kernels.length,
    kernel_ms: +kernels.reduce((s, k) => s + k.ms, 0).toFixed(2),
    top_kernels: kernels.slice(0, 10),
    top_shapes: shapes,
  };
}
