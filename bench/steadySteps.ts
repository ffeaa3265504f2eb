/**
 * Node half of `bench/steadySteps.mjs`: trains a ctr model on the demo data on wasm (as `--protocol demo`)
 * and prints the mean milliseconds a training step took between `--from` and `--to` seconds after the first
 * step, counted by the steps' optimizer kernels (one `RecplayAdamStep` per variable), and the model's number
 * of variables. One JSON line.
 *
 *   npm run bench -- --entry steadySteps --model amfr [--from 3 --to 8]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { generateDemo } from '../src/data/demo';
import { makeRng } from '../src/data/random';
import { initBackend } from '../src/engine/backends';
import { DEFAULT_TRAIN_CONFIG } from '../src/engine/train/config';
import { trainCtr } from '../src/engine/train/ctr';
import { resolveConfig } from '../src/models/config';
import { requireModel } from '../src/models/registry';
import { ctrData } from './datasets';
import { wasmPaths } from './wasmPaths';

/** The engine's kernel entry point, wrapped to count one kernel (the page does the same in its worker). */
interface CountingEngine {
  runKernel(name: string, ...rest: unknown[]): unknown;
}

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'amfr' },
    from: { type: 'string', default: '3' },
    to: { type: 'string', default: '8' },
  },
});
await initBackend('wasm', wasmPaths());
const data = ctrData(generateDemo());
const spec = requireModel(args.model!, 'ctr');
const model = await spec.build(
  resolveConfig(spec.configSchema, {}).config,
  data.encoding,
  makeRng('42/init'),
);
const vars = model.trainableVariables.length;
const engine = tf.engine() as unknown as CountingEngine;
const run = engine.runKernel.bind(engine);
const stamps: number[] = [];
let calls = 0;
engine.runKernel = (name, ...rest) => {
  if (name === 'RecplayAdamStep' && calls++ % vars === 0) stamps.push(performance.now());
  return run(name, ...rest);
};
const [from, to] = [Number(args.from) * 1000, Number(args.to) * 1000];
const done = new Promise<void>((resolve) => {
  const check = setInterval(() => {
    if (stamps.length > 0 && performance.now() - stamps[0] >= to) {
      clearInterval(check);
      resolve();
    }
  }, 50);
});
void trainCtr(model, data.encoding, data.split, { ...DEFAULT_TRAIN_CONFIG, epochs: 20, seed: 42 }, {});
await done;
const inWindow = stamps.filter((t) => t - stamps[0] >= from && t - stamps[0] < to);
const msPerStep = (inWindow[inWindow.length - 1] - inWindow[0]) / (inWindow.length - 1);
console.log(
  JSON.stringify({
    where: 'node',
    model: args.model,
    vars,
    steps: inWindow.length,
    ms_per_step: +msPerStep.toFixed(2),
  }),
);
process.exit(0);
