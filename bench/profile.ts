/**
 * Where a training step's time goes: per-kernel totals from `tf.profile` over a few steps, plus the wall time
 * of batch building (JS), the step itself, and the step without the optimizer update.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CtrEncoding } from '../src/data/features';
import { makeBatch, disposeBatch } from '../src/engine/train/batches';
import { ctrLoss, makeOptimizer } from '../src/engine/train/ctr';
import { makeTfOptimizer } from '../src/engine/train/optimizers';
import { DEFAULT_TRAIN_CONFIG } from '../src/engine/train/config';
import type { CtrModel, TopkBatch, TopkModel } from '../src/models/contract';
import type { TopkTrainConfig } from '../src/engine/train/config';
import { disposeTopkBatch, epochTriples, makeTopkBatch, type TopkTrainData } from '../src/engine/train/topk';

/** Mean wall milliseconds (2 decimals) of `run(1)` … `run(steps)`, after `run(0)` as a warm-up. */
async function meanMs(steps: number, run: (s: number) => void): Promise<number> {
  run(0);
  const t0 = performance.now();
  for (let s = 1; s <= steps; s++) run(s);
  await tf.ready();
  return +((performance.now() - t0) / steps).toFixed(2);
}

export async function profileStep(model: CtrModel, enc: CtrEncoding, rows: Int32Array, steps = 20) {
  const optimizer = makeOptimizer(DEFAULT_TRAIN_CONFIG);
  const vars = model.trainableVariables as tf.Variable[];
  const B = DEFAULT_TRAIN_CONFIG.batchSize;
  // Batch 0 warms up; batches 1 … steps are timed.
  const batches = Array.from({ length: steps + 1 }, (_, s) => rows.subarray(s * B, (s + 1) * B));
  const time = (f: (r: Int32Array, s: number) => void) => meanMs(steps, (s) => f(batches[s], s));
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
  const kernels = await kernelTimes(() => optimizer.minimize(() => ctrLoss(model, b, true, 1), false, vars));
  disposeBatch(b);
  optimizer.dispose();
  return {
    batch_ms: batchMs,
    forward_ms: forwardMs,
    forward_backward_ms: gradMs,
    step_ms: stepMs,
    ...kernels,
  };
}

/** Per-kernel and per-(kernel, input shapes) totals of one call of `run`, from `tf.profile`. */
async function kernelTimes(run: () => void) {
  const info = await tf.profile(run);
  const byKernel = new Map<string, { n: number; ms: number }>();
  // The same kernel on different shapes (e.g. a dense layer vs attention's batched products) costs differently.
  const byShape = new Map<string, { n: number; ms: number }>();
  const add = (map: typeof byKernel, key: string, ms: number) => {
    const e = map.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += ms;
    map.set(key, e);
  };
  for (const k of info.kernels) {
    add(byKernel, k.name, Number(k.kernelTimeMs));
    add(byShape, `${k.name} ${JSON.stringify(k.inputShapes)}`, Number(k.kernelTimeMs));
  }
  const ranked = (map: typeof byKernel) =>
    [...map.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([key, v]) => ({ key, calls: v.n, ms: +v.ms.toFixed(2) }));
  const kernels = ranked(byKernel);
  return {
    kernel_calls: info.kernels.length,
    kernel_ms: +kernels.reduce((s, k) => s + k.ms, 0).toFixed(2),
    top_kernels: kernels.slice(0, 10).map(({ key, ...v }) => ({ name: key, ...v })),
    top_shapes: ranked(byShape)
      .slice(0, 12)
      .map(({ key, ...v }) => ({ call: key, ...v })),
  };
}

/**
 * The same for a top-k model (P2): wall time of a BPR step (batch upload included), of its gradients alone and
 * of its loss alone, of the model's per-epoch refresh, then the kernels of one step.
 */
export async function profileTopkStep(
  model: TopkModel,
  data: TopkTrainData,
  config: TopkTrainConfig,
  steps = 10,
) {
  const optimizer = makeTfOptimizer(config);
  const vars = model.trainableVariables as tf.Variable[];
  const triples = epochTriples(data.train, data.numItems, config.seed, 0, config.negatives);
  const marker = new Int32Array(data.numItems);
  const B = config.batchSize * config.negatives;
  let stamp = 0;
  const batch = (s: number) => makeTopkBatch(triples, s * B, (s + 1) * B, marker, ++stamp);
  const time = (f: (b: TopkBatch) => void) =>
    meanMs(steps, (s) => {
      const b = batch(s);
      f(b);
      disposeTopkBatch(b);
    });
  const stepMs = await time((b) => optimizer.minimize(() => model.loss(b), false, vars));
  const gradMs = await time((b) =>
    tf.tidy(() => tf.dispose(Object.values(tf.variableGrads(() => model.loss(b), vars).grads))),
  );
  const forwardMs = await time((b) => tf.tidy(() => model.loss(b).dataSync()));
  const t0 = performance.now();
  await model.refresh();
  const refreshMs = +(performance.now() - t0).toFixed(2);
  const b = batch(steps + 1);
  const kernels = await kernelTimes(() => optimizer.minimize(() => model.loss(b), false, vars));
  disposeTopkBatch(b);
  optimizer.dispose();
  return {
    forward_ms: forwardMs,
    forward_backward_ms: gradMs,
    step_ms: stepMs,
    refresh_ms: refreshMs,
    ...kernels,
  };
}
