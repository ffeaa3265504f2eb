/**
 * Interleaved A/B of one ctr model's training step with a custom kernel switched off (a: unregistered, so the
 * model takes its stock composition) and on (b), in one process:
 *
 *   npm run bench -- --entry abKernel [--model din] [--kernel RecplayBiasPrelu] [--rounds 16] [--steps 8]
 *     [--seed 42] [--config '{"attentionUnits":[64,16],"hiddenUnits":[256,128]}']
 *
 * Two models built from the same seed see the same P1 batches; they take turns, `rounds` rounds of `steps`
 * steps each way (order alternating, round 0 a warm-up). Prints one JSON line: the median ms a step of each,
 * b/a, the largest loss difference, and the tensors left over (0 = no leak).
 */
import * as tf from '@tensorflow/tfjs-core';
import { parseArgs } from 'node:util';
import { makeRng } from '../src/data/random';
import { initBackend } from '../src/engine/backends';
import { disposeBatch, makeBatch } from '../src/engine/train/batches';
import { DEFAULT_TRAIN_CONFIG } from '../src/engine/train/config';
import { ctrLoss, makeOptimizer } from '../src/engine/train/ctr';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { ctrData, DATASETS, loadMovieLens } from './datasets';
import { median } from './versus';
import { wasmPaths } from './wasmPaths';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'din' },
    kernel: { type: 'string', default: 'RecplayBiasPrelu' },
    rounds: { type: 'string', default: '16' },
    steps: { type: 'string', default: '8' },
    seed: { type: 'string', default: '42' },
    config: { type: 'string', default: '{}' },
  },
});

async function main() {
  await initBackend('wasm', wasmPaths());
  const kernel = tf.getKernel(values.kernel!, 'wasm');
  if (!kernel) throw new Error(`no wasm kernel ${values.kernel}`);
  const setup = (on: boolean) => {
    const has = tf.getKernel(values.kernel!, 'wasm') !== undefined;
    if (on && !has) tf.registerKernel(kernel);
    if (!on && has) tf.unregisterKernel(values.kernel!, 'wasm');
  };
  const data = ctrData(await loadMovieLens(`${DATASETS}/ml-100k`));
  const spec = requireModel(values.model!, 'ctr');
  const seed = Number(values.seed);
  const { config } = resolveConfig(spec.configSchema, JSON.parse(values.config!) as Record<string, unknown>);
  const arm = async () => {
    const model = await spec.build(config as never, data.encoding, makeRng(`${seed}/init`));
    return {
      model,
      optimizer: makeOptimizer({ ...DEFAULT_TRAIN_CONFIG, seed }),
      ms: [] as number[],
      losses: [] as number[],
    };
  };
  const arms = [await arm(), await arm()];
  const B = DEFAULT_TRAIN_CONFIG.batchSize;
  const rows = data.split.train;
  const batches = Math.floor(rows.length / B);
  const rounds = Number(values.rounds);
  const steps = Number(values.steps);
  let tensorsBefore = 0;
  for (let r = 0; r <= rounds; r++) {
    if (r === 1) tensorsBefore = tf.memory().numTensors;
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const x = arms[i];
      setup(i === 1);
      const vars = x.model.trainableVariables as tf.Variable[];
      let ms = 0;
      for (let s = 0; s < steps; s++) {
        const at = (r * steps + s) % batches;
        const batch = makeBatch(data.encoding, rows.subarray(at * B, (at + 1) * B));
        const t0 = performance.now();
        const loss = x.optimizer.minimize(() => ctrLoss(x.model, batch, true, at), true, vars)!;
        const v = loss.dataSync()[0];
        ms += performance.now() - t0;
        loss.dispose();
        disposeBatch(batch);
        if (r > 0) x.losses.push(v);
      }
      if (r > 0) x.ms.push(ms / steps);
    }
  }
  setup(true);
  const leaked = tf.memory().numTensors - tensorsBefore;
  const lossDiff = Math.max(...arms[0].losses.map((l, i) => Math.abs(l - arms[1].losses[i])));
  const [ma, mb] = arms.map((x) => median(x.ms));
  console.log(
    JSON.stringify({
      model: values.model,
      a: `without ${values.kernel}`,
      b: `with ${values.kernel}`,
      rounds,
      steps,
      a_ms: +ma.toFixed(2),
      b_ms: +mb.toFixed(2),
      b_over_a: +(mb / ma).toFixed(3),
      max_loss_diff: lossDiff,
      leaked_tensors: leaked,
    }),
  );
  for (const x of arms) {
    x.optimizer.dispose();
    x.model.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
