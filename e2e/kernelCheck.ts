/**
 * Kernel and training checks that need a real browser backend (webgl and webgpu through SwiftShader here).
 * Bundled by e2e/kernels.spec.ts at test time and served into a page of the built app through a route: nothing
 * of it ships in the production build. Runs the app's own engine and model code.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { generateDemo } from '../src/data/demo';
import { encodeCtr } from '../src/data/features';
import { makeRng } from '../src/data/random';
import { chronologicalSplit } from '../src/data/split';
import { initBackend, type BackendName } from '../src/engine/backends';
import { unsortedSegmentSumWebglConfig } from '../src/engine/kernels/UnsortedSegmentSum.webgl';
import { unsortedSegmentSumWebGpuConfig } from '../src/engine/kernels/UnsortedSegmentSum.webgpu';
import { ADAM_STEP } from '../src/engine/kernels/AdamStep';
import { disposeBatch, makeBatch } from '../src/engine/train/batches';
import { ctrLoss, trainCtr } from '../src/engine/train/ctr';
import { makeStepper } from '../src/engine/train/optimizers';
import { defaults } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { DEFAULT_TRAIN_CONFIG } from '../src/engine/train/config';

export type GpuBackend = 'webgl' | 'webgpu';

// The stock kernels, captured before ours replace them, for the comparison.
const stockSegmentSum = {
  webgl: tf.getKernel('UnsortedSegmentSum', 'webgl')!,
  webgpu: tf.getKernel('UnsortedSegmentSum', 'webgpu')!,
};
const ourSegmentSum = { webgl: unsortedSegmentSumWebglConfig, webgpu: unsortedSegmentSumWebGpuConfig };

/** Runs `f` with the stock kernel of `backend` registered in place of ours. */
async function withStock<T>(backend: GpuBackend, f: () => Promise<T>): Promise<T> {
  const ours = tf.getKernel('UnsortedSegmentSum', backend)!;
  tf.unregisterKernel('UnsortedSegmentSum', backend);
  tf.registerKernel(stockSegmentSum[backend]);
  try {
    return await f();
  } finally {
    tf.unregisterKernel('UnsortedSegmentSum', backend);
    tf.registerKernel(ours);
  }
}

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
  // Every third segment only (the others stay empty), many repeats, and some ids out of range, -1 or past the
  // last segment (dropped; tfjs's webgpu kernel wraps the latter around modulo numSegments).
  const ids = Int32Array.from({ length: n }, () => {
    const u = rng.next();
    if (u < 0.05) return -1;
    if (u < 0.08 && n > 1) return numSegments + rng.int(3);
    return rng.int(Math.max(1, Math.ceil(numSegments / 3))) * 3;
  });
  return { x, ids };
}

export interface SegmentCase {
  shape: number[];
  numSegments: number;
  maxAbsError: number;
  /** Largest |expected| value (at least 1): float32 sums in another order differ relative to it. */
  scale: number;
  /** int32 values: the sums must be exact. */
  int32?: boolean;
}

async function read(f: () => tf.Tensor): Promise<Float32Array | Int32Array> {
  const t = tf.tidy(f);
  const v = (await t.data()) as Float32Array | Int32Array;
  t.dispose();
  return v;
}

async function segmentCases(backend: GpuBackend): Promise<SegmentCase[]> {
  const out: SegmentCase[] = [];
  for (const [n, segs, inner] of [
    [1, 1, 1],
    [50, 7, 3],
    [300, 40, 1],
    [2048, 5000, 16],
    [700, 30, 5],
    // More ids than the old chunking limit (2^18).
    [300_000, 1000, 2],
  ]) {
    const { x, ids } = randomCase(`${backend}/${n}/${segs}`, n, segs, inner);
    const sum = tf.tidy(() =>
      tf.unsortedSegmentSum(tf.tensor2d(x, [n, inner]), tf.tensor1d(ids, 'int32'), segs),
    );
    const got = await sum.data();
    sum.dispose();
    const want = reference(x, ids, segs, inner);
    let err = got.length === want.length ? 0 : Infinity;
    let scale = 1;
    for (let i = 0; i < want.length; i++) {
      err = Math.max(err, Math.abs(got[i] - want[i]));
      scale = Math.max(scale, Math.abs(want[i]));
    }
    out.push({ shape: [n, inner], numSegments: segs, maxAbsError: err, scale });
  }
  // 3-D rows and int32 values.
  // Read with data(), never dataSync(): a synchronous read on webgpu destroyed the device here (SwiftShader).
  const got3 = await read(() =>
    tf.unsortedSegmentSum(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]), tf.tensor1d([1, 1], 'int32'), 3),
  );
  const want3 = [0, 0, 0, 0, 6, 8, 10, 12, 0, 0, 0, 0];
  out.push({
    shape: [2, 2, 2],
    numSegments: 3,
    maxAbsError: Math.max(...want3.map((v, i) => Math.abs(got3[i] - v))),
    scale: 1,
  });
  const gotI = await read(() =>
    tf.unsortedSegmentSum(tf.tensor1d([5, 7, 9], 'int32'), tf.tensor1d([2, 0, 2], 'int32'), 3),
  );
  out.push({
    shape: [3],
    numSegments: 3,
    maxAbsError: Math.max(...[7, 0, 14].map((v, i) => Math.abs(gotI[i] - v))),
    scale: 1,
    int32: true,
  });
  // webgl keeps int32 in float textures, so only webgpu can be exact past 2^24.
  if (backend === 'webgl') return out;
  // int32 rows of 2 with sums past 2^24 (exact only when summed as integers), an id -1 and an empty segment.
  const big = 1 << 24;
  const gotB = await read(() =>
    tf.unsortedSegmentSum(
      tf.tensor2d([big, 1, 1, -3, 7, 7, big, 2], [4, 2], 'int32'),
      tf.tensor1d([0, 0, -1, 0], 'int32'),
      2,
    ),
  );
  if (!(gotI instanceof Int32Array) || !(gotB instanceof Int32Array)) {
    throw new Error('int32 segment sums came back as float32');
  }
  const wantB = [2 * big + 1, 0, 0, 0];
  out.push({
    shape: [4, 2],
    numSegments: 2,
    maxAbsError: Math.max(...wantB.map((v, i) => Math.abs(gotB[i] - v))),
    scale: 1,
    int32: true,
  });
  return out;
}

/** Median ms of our kernel and the stock one on a gather-gradient-sized case. */
async function timing(
  backend: GpuBackend,
): Promise<{ oursMs: number; stockMs: number; shape: number[]; numSegments: number }> {
  const [n, segs, inner] = [4096, 2000, 16];
  const { x, ids } = randomCase(`${backend}/timing`, n, segs, inner);
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
  const stockMs = await withStock(backend, median);
  tf.dispose([xt, it]);
  return { oursMs, stockMs, shape: [n, inner], numSegments: segs };
}

/** Per-step training losses of a few steps of `modelId` on a few hundred rows of demo data. */
async function losses(modelId: string, backend: BackendName): Promise<number[]> {
  // A forced backend that cannot start falls back silently: make sure the losses come from `backend`.
  const info = await initBackend(backend);
  if (info.name !== backend || tf.getBackend() !== backend) {
    throw new Error(`asked for ${backend}, got ${info.name}: ${info.reason}`);
  }
  const dataset = generateDemo({ users: 40, items: 80, interactionsPerUser: 12 });
  const encoding = encodeCtr(dataset);
  const split = chronologicalSplit(dataset.interactions);
  const spec = requireModel(modelId, 'ctr');
  const model = await spec.build(defaults(spec.configSchema), encoding, makeRng('agree/init'));
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

/**
 * Kernels one training step of autoint issues on `backend` (each at least one GPU dispatch), with our fused
 * Adam where the backend has it and with the stock optimizer, and whether ours ran.
 */
async function stepKernels(backend: GpuBackend): Promise<{ fused: number; stock: number; ours: boolean }> {
  const dataset = generateDemo({ users: 40, items: 80, interactionsPerUser: 12 });
  const encoding = encodeCtr(dataset);
  const spec = requireModel('autoint', 'ctr');
  const model = await spec.build(defaults(spec.configSchema), encoding, makeRng('dispatch/init'));
  const batch = makeBatch(encoding, chronologicalSplit(dataset.interactions).train.subarray(0, 64));
  const count = async () => {
    const stepper = makeStepper(DEFAULT_TRAIN_CONFIG, 10);
    const vars = model.trainableVariables as tf.Variable[];
    stepper.step(() => ctrLoss(model, batch, true, 1), vars, 0).dispose(); // warm-up: moments created
    const profile = await tf.profile(() => {
      stepper.step(() => ctrLoss(model, batch, true, 2), vars, 1).dispose();
    });
    stepper.dispose();
    return profile.kernels.length;
  };
  const fused = tf.getKernel(ADAM_STEP, backend);
  const withOurs = await count();
  if (fused) tf.unregisterKernel(ADAM_STEP, backend);
  try {
    return { fused: withOurs, stock: await count(), ours: fused !== undefined };
  } finally {
    if (fused) tf.registerKernel(fused);
    disposeBatch(batch);
    model.dispose();
  }
}

export async function run(backend: GpuBackend = 'webgl') {
  const info = await initBackend(backend);
  const ours = tf.getKernel('UnsortedSegmentSum', backend)?.kernelFunc === ourSegmentSum[backend].kernelFunc;
  const cases = await segmentCases(backend);
  // webgpu's stock kernel on the same cases, for the record (webgl's is right but quadratic: too slow here).
  const stockCases =
    backend === 'webgpu'
      ? await withStock(backend, () => segmentCases(backend).catch((e: unknown) => String(e)))
      : [];
  const speed = await timing(backend);
  const training: Record<string, { cpu: number[]; gpu: number[]; ms: { cpu: number; gpu: number } }> = {};
  for (const id of ['dnn', 'autoint']) {
    const t0 = performance.now();
    const cpu = await losses(id, 'cpu');
    const t1 = performance.now();
    const gpu = await losses(id, backend);
    training[id] = { cpu, gpu, ms: { cpu: t1 - t0, gpu: performance.now() - t1 } };
  }
  const kernelsPerStep = await stepKernels(backend);
  return {
    backend: info.name,
    device: info.device,
    selfCheck: info.selfCheck,
    kernelsPerStep,
    ours,
    cases,
    stockCases,
    speed,
    training,
  };
}
