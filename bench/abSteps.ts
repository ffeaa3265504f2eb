/**
 * Interleaved A/B of two builds of one top-k model's training step, in one process (`bench/ab.mjs` bundles
 * this with the model module of a base revision and of the working tree). Both variants start from the same
 * seed and see the same batches; they take turns, `rounds` rounds of `steps` BPR steps each way (the order
 * within a round alternates), so both see the same load on a shared machine. Prints one JSON line: the
 * median milliseconds a step of each, their ratio, and the largest loss difference between the two over
 * the steps (0 when the change moves no number).
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeRng } from '../src/data/random';
import { initBackend } from '../src/engine/backends';
import { DEFAULT_TOPK_TRAIN_CONFIG, TOPK_TRAIN_SCHEMA } from '../src/engine/train/config';
import { makeTfOptimizer } from '../src/engine/train/optimizers';
import { disposeTopkBatch, epochTriples, makeTopkBatch } from '../src/engine/train/topk';
import { resolveConfig } from '../src/models/config';
import type { TopkModel, TopkModelEntry } from '../src/models/contract';
import { median } from './versus';
import { loadP2 } from './p2';
import { wasmPaths } from './wasmPaths';

export interface AbOptions {
  readonly rounds: number;
  readonly steps: number;
  /** Model settings for both variants (`key=value` strings, as the bench's model entries). */
  readonly settings: Readonly<Record<string, string>>;
  readonly seed: number;
  /** Run before each block of steps of arm 0 (a) or 1 (b): e.g. registers one kernel or gradient or another. */
  readonly setup?: (arm: 0 | 1) => void;
}

/** One variant: its model, optimizer, and the loss of each step it ran. */
interface Arm {
  readonly name: string;
  readonly model: TopkModel;
  readonly step: (b: ReturnType<typeof makeTopkBatch>) => number;
  readonly ms: number[];
  readonly losses: number[];
  readonly dispose: () => void;
}

export async function abTopkSteps(
  a: { name: string; entry: TopkModelEntry<never> },
  b: { name: string; entry: TopkModelEntry<never> },
  options: AbOptions,
): Promise<void> {
  await initBackend('wasm', wasmPaths());
  const data = await loadP2();
  const train = {
    ...DEFAULT_TOPK_TRAIN_CONFIG,
    ...resolveConfig(TOPK_TRAIN_SCHEMA, { ...a.entry.trainDefaults, seed: options.seed }).config,
  };
  const arm = async (name: string, entry: TopkModelEntry<never>): Promise<Arm> => {
    const { config } = resolveConfig(entry.configSchema, options.settings);
    const model = await entry.build(config as never, data.topk, makeRng(`${options.seed}/init`));
    const optimizer = makeTfOptimizer(train);
    const vars = model.trainableVariables as tf.Variable[];
    return {
      name,
      model,
      ms: [],
      losses: [],
      step: (batch) => {
        const loss = optimizer.minimize(() => model.loss(batch), true, vars);
        const v = loss!.dataSync()[0];
        loss!.dispose();
        return v;
      },
      dispose: () => {
        optimizer.dispose();
        model.dispose();
      },
    };
  };
  const arms = [await arm(a.name, a.entry), await arm(b.name, b.entry)];
  const triples = epochTriples(data.split.train, data.split.numItems, train.seed, 0, train.negatives);
  const B = train.batchSize * train.negatives;
  const batches = Math.floor(triples.users.length / B);
  const marker = new Int32Array(data.split.numItems);
  let stamp = 0;
  let tensorsBefore = 0;
  // Round 0 warms both up (and creates the optimizers' slots) and is not counted.
  for (let r = 0; r <= options.rounds; r++) {
    if (r === 1) tensorsBefore = tf.memory().numTensors;
    const order = r % 2 === 0 ? arms : [arms[1], arms[0]];
    for (const x of order) {
      options.setup?.(x === arms[0] ? 0 : 1);
      let ms = 0;
      for (let s = 0; s < options.steps; s++) {
        const at = (r * options.steps + s) % batches;
        const batch = makeTopkBatch(triples, at * B, (at + 1) * B, marker, ++stamp);
        const t0 = performance.now();
        const loss = x.step(batch);
        ms += performance.now() - t0;
        disposeTopkBatch(batch);
        if (r > 0) x.losses.push(loss);
      }
      if (r > 0) x.ms.push(ms / options.steps);
    }
  }
  const leaked = tf.memory().numTensors - tensorsBefore;
  const lossDiff = Math.max(...arms[0].losses.map((l, i) => Math.abs(l - arms[1].losses[i])));
  const [ma, mb] = arms.map((x) => median(x.ms));
  console.log(
    JSON.stringify({
      a: a.name,
      b: b.name,
      rounds: options.rounds,
      steps: options.steps,
      a_ms: +ma.toFixed(2),
      b_ms: +mb.toFixed(2),
      b_over_a: +(mb / ma).toFixed(3),
      max_loss_diff: lossDiff,
      leaked_tensors: leaked,
      a_rounds: arms[0].ms.map((m) => +m.toFixed(2)),
      b_rounds: arms[1].ms.map((m) => +m.toFixed(2)),
    }),
  );
  for (const x of arms) x.dispose();
}
