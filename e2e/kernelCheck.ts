/**
 * Kernel and training checks that need a real browser backend (webgl through SwiftShader here). Bundled by
 * e2e/kernels.spec.ts at test time and served into a page of the built app through a route: nothing of it
 * ships in the production build. Runs the app's own engine and model code.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { generateDemo } from '../src/data/demo';
import { encodeCtr } from '../src/data/features';
import { makeRng } from '../src/data/random';
import { chronologicalSplit } from '../src/data/split';
import { initBackend, type BackendName } from '../src/engine/backends';
import { unsortedSegmentSumWebglConfig } from '../src/engine/kernels/UnsortedSegmentSum.webgl';
import { DEFAULT_TRAIN_CONFIG, trainCtr } from '../src/engine/trainer';
import { defaults } from '../src/models/config';
import { getModel } from '../src/models';

// The stock webgl kernel, captured before ours replaces it, for the timing comparison.
const stockSegmentSum = tf.getKernel('UnsortedSegmentSum', 'webgl')!;

function reference(x: Float32Array, ids: Int32Array, numSegments: number, inner: number): Float32Array {
  const out = new Float32Array(numSegments * inner);
  ids.forEach((s, n) => {
    if (s < 0 || s >= numSegments) return;
    for (let k = 0; k < inner; k++) out[s * inner + k] += x[n * inner + k];
  });
  return out;
}

function randomCase(seed: string, n: number, numSegments: number, inner: number) {
  const rng = makeRng(seed);
  const x = Float32Array.from({ length: n * inner }, () => rng.normal());
  // Every third segment only (the others stay empty), many repeats, and some ids out of range (dropped).
  const ids = Int32Array.from({ length: n }, () =>
    rng.next() < 0.05 ? -1 : rng.int(Math.max(1, Math.ceil(numSegments / 3))) * 3,
  );
  return { x, ids };
}

export interface SegmentCase {
  shape: number[];
  numSegments: number;
  maxAbsError: number;
}

async function segmentCases(): Promise<SegmentCase[]> {
  const out: SegmentCase[] = [];
  for (const [n, segs, inner] of [
    [1, 1, 1],
    [50, 7, 3],
    [300, 40, 1],
    [2048, 5000, 16],
    [700, 30, 5],
  ]) {
    const { x, ids } = randomCase(`webgl/${n}/${segs}`, n, segs, inner);
    const sum = tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor2d(x, [n, inner]), tf.tensor1d(ids, 'int32'), segs),
    );
    const got = await sum.data();
    sum.dispose();
    const want = reference(x, ids, segs, inner);
    let err = got.length === want.length ? 0 : Infinity;
    for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
    out.push({ shape: [n, inner], numSegments: segs, maxAbsError: err });
  }
  // 3-D rows and int32 values.
  const got3 = tf.tidy(() =>
    tf
      .unsortedSegmentSum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]), tf.tensor1d([1, 1], 'int32'), 3)
      .dataSync(),
  );
  const want3 = [0, 0, 0, 0, 6, 8, 10, 12, 0, 0, 0, 0];
  out.push({
    shape: [2, 2, 2],
    numSegments: 3,
    maxAbsError: Math.max(...want3.map((v, i) => Math.abs(got3[i] - v))),
  });
  const gotI = tf.tidy(() =>
    tf.unsortedSegmentSum(tf.tensor1d([5, 7, 9], 'int32'), tf.tensor1d([2, 0, 2], 'int32'), 3).dataSync(),
  );
  out.push({
    shape: [3],
    numSegments: 3,
    maxAbsError: Math.max(...[7, 0, 14].map((v, i) => Math.abs(gotI[i] - v))),
  });
  return out;
}

/** Median ms of our kernel and the stock one on a gather-gradient-sized case. */
async function timing(): Promise<{ oursMs: number; stockMs: number; shape: number[]; numSegments: number }> {
  const [n, segs, inner] = [4096, 2000, 16];
  const { x, ids } = randomCase('webgl/timing', n, segs, inner);
  const xt = tf.tensor2d(x, [n, inner]);
  const it = tf.tensor1d(ids, 'int32');
  const median = async () => {
    const ts: number[] = [];
    for (let r = 0; r < 4; r++) {
      const t0 = performance.now();
      const s = tf.unsortedSegmentSum(xt, it, segs);
      await s.data();
      s.dispose();
      ts.push(performance.now() - t0);
    }
    ts.sort((a, b) => a - b);
    return ts.slice(1).sort((a, b) => a - b)[1]; // first run compiles the shader
  };
  const oursMs = await median();
  const ours = tf.getKernel('UnsortedSegmentSum', 'webgl')!;
  tf.unregisterKernel('UnsortedSegmentSum', 'webgl');
  tf.registerKernel(stockSegmentSum);
  const stockMs = await median();
  tf.unregisterKernel('UnsortedSegmentSum', 'webgl');
  tf.registerKernel(ours);
  tf.dispose([xt, it]);
  return { oursMs, stockMs, shape: [n, inner], numSegments: segs };
}

/** Per-step training losses of a few steps of `modelId` on a few hundred rows of demo data. */
async function losses(modelId: string, backend: BackendName): Promise<number[]> {
  await initBackend(backend);
  const dataset = generateDemo({ users: 40, items: 80, interactionsPerUser: 12 });
  const encoding = encodeCtr(dataset);
  const split = chronologicalSplit(dataset.interactions);
  const spec = getModel(modelId)!;
  const model = spec.build(defaults(spec.configSchema) as never, encoding, makeRng('agree/init'));
  const out: number[] = [];
  await trainCtr(
    model,
    encoding,
    split,
    { ...DEFAULT_TRAIN_CONFIG, epochs: 1, batchSize: 64, seed: 3 },
    { progressIntervalMs: 0, onProgress: (p) => out.push(p.loss) },
  );
  model.dispose();
  return out;
}

export async function run() {
  const info = await initBackend('webgl');
  const ours =
    tf.getKernel('UnsortedSegmentSum', 'webgl')?.kernelFunc === unsortedSegmentSumWebglConfig.kernelFunc;
  const cases = await segmentCases();
  const speed = await timing();
  const training: Record<string, { cpu: number[]; webgl: number[] }> = {};
  for (const id of ['dnn', 'autoint']) {
    training[id] = { cpu: await losses(id, 'cpu'), webgl: await losses(id, 'webgl') };
  }
  return {
    backend: info.name,
    device: info.device,
    selfCheck: info.selfCheck,
    ours,
    cases,
    speed,
    training,
  };
}
