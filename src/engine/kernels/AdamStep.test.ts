/**
 * The fused Adam step (one kernel per variable) against tfjs's own AdamOptimizer: the same values, moments
 * and checkpoint weights, bit for bit, on cpu and wasm, over steps with a changing learning rate, a
 * variable without a gradient, and a resume from saved weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import { initBackend } from '../backends';
import { makeTfOptimizer } from '../train/optimizers';
import { setSimdEnabled } from '../simd/simd';
import { ADAM_STEP } from './AdamStep';

// Lengths 21, 5 and 8: the SIMD kernel's four-lane loop with and without a tail.
const shapes = [[7, 3], [5], [2, 2, 2]];

function makeVars(tag: string) {
  const rng = makeRng('adam/init');
  // tidy frees each initial tensor; the variable keeps its own reference to the data.
  return shapes.map((shape, k) =>
    tf.tidy(() =>
      tf.variable(
        tf.tensor(
          Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() - 0.5),
          shape,
        ),
        true,
        `${tag}${k}`,
      ),
    ),
  );
}

/** Runs `steps` updates with seeded gradients; variable 1 gets no gradient on even steps. */
function train(
  opt: tf.Optimizer & { setLearningRate(r: number): void },
  vars: tf.Variable[],
  steps: number,
  from = 0,
) {
  for (let t = from; t < from + steps; t++) {
    const rng = makeRng(`adam/grad/${t}`);
    opt.setLearningRate(0.01 * (1 + t));
    tf.tidy(() => {
      const grads = vars.map((v, k) =>
        k === 1 && t % 2 === 0
          ? { name: v.name, tensor: null as unknown as tf.Tensor }
          : {
              name: v.name,
              tensor: tf.tensor(
                Float32Array.from({ length: v.size }, () => 4 * (rng.next() - 0.5)),
                v.shape,
              ),
            },
      );
      opt.applyGradients(grads);
    });
  }
}

class StockAdam extends tf.AdamOptimizer {
  constructor() {
    super(0.01, 0.9, 0.999, 1e-7);
  }
  setLearningRate(rate: number) {
    this.learningRate = rate;
  }
}

// wasm runs the SIMD kernel where the runtime has wasm SIMD (Node 20 does), and the JavaScript loop without.
for (const [backend, simd] of [
  ['cpu', false],
  ['wasm', true],
  ['wasm', false],
] as const) {
  describe(`fused Adam on ${backend}${backend === 'wasm' ? (simd ? ' (SIMD)' : ' (no SIMD)') : ''}`, () => {
    let before = 0;
    beforeEach(async () => {
      await initBackend(backend);
      setSimdEnabled(simd);
      before = tf.memory().numTensors;
    });
    afterEach(() => {
      setSimdEnabled(true);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('has its kernel registered, and follows tfjs’s Adam bit for bit, resume included', async () => {
      expect(tf.getKernel(ADAM_STEP, backend)).toBeDefined();
      const ours = makeTfOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
      const stock = new StockAdam();
      const a = makeVars('fused');
      const b = makeVars('stock');
      // The fused path runs: one kernel per variable with a gradient, none of the stock arithmetic.
      const profile = await tf.profile(() => train(ours, a, 1));
      expect(profile.kernelNames).toContain(ADAM_STEP);
      expect(profile.kernelNames).not.toContain('Sqrt');
      train(ours, a, 5, 1);
      train(stock, b, 6);
      for (let k = 0; k < a.length; k++)
        expect(Array.from(a[k].dataSync())).toEqual(Array.from(b[k].dataSync()));
      const wa = await ours.getWeights();
      const wb = await stock.getWeights();
      // Ours also saves the β products; the shared weights (iterations, moments) are identical.
      for (const w of wb) {
        const same = wa.find((x) => x.name === w.name.replace(/^stock/, 'fused'));
        expect(same, w.name).toBeDefined();
        expect(Array.from(same!.tensor.dataSync())).toEqual(Array.from(w.tensor.dataSync()));
      }
      // A fresh optimizer restored from the weights continues exactly where the stock one goes on.
      const resumed = makeTfOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
      await resumed.setWeights(wa);
      train(resumed, a, 3, 6);
      train(stock, b, 3, 6);
      for (let k = 0; k < a.length; k++)
        expect(Array.from(a[k].dataSync())).toEqual(Array.from(b[k].dataSync()));
      // getWeights hands out a fresh iteration-count scalar each time; the rest are the optimizers' own.
      tf.dispose([...a, ...b, ...[...wa, ...wb].filter((w) => w.name === 'iter').map((w) => w.tensor)]);
      for (const o of [ours, stock, resumed]) o.dispose();
    });
  });
}
