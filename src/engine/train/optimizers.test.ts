import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends';
import { makeStepper, scheduledRate, type OptimizerSettings } from './optimizers';

const BASE: OptimizerSettings = {
  optimizer: 'sgd',
  learningRate: 0.1,
  momentum: 0,
  weightDecay: 0,
  schedule: 'constant',
  warmupSteps: 0,
  clipNorm: 0,
};

/** A variable from values, freeing the initial tensor (tf.variable keeps its own reference to the data). */
function variable(values: number[]): tf.Variable {
  const init = tf.tensor1d(values);
  const v = tf.variable(init);
  init.dispose();
  return v;
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('scheduledRate', () => {
  it('is constant by default, rises linearly over the warmup, then follows a half cosine to 0', () => {
    expect(scheduledRate(BASE, 0, 100)).toBe(0.1);
    expect(scheduledRate(BASE, 99, 100)).toBe(0.1);
    const warm = { ...BASE, warmupSteps: 4 };
    expect(scheduledRate(warm, 0, 100)).toBeCloseTo(0.1 / 4, 12);
    expect(scheduledRate(warm, 3, 100)).toBeCloseTo(0.1, 12);
    const cos = { ...warm, schedule: 'cosine' as const };
    expect(scheduledRate(cos, 4, 104)).toBeCloseTo(0.1, 12);
    expect(scheduledRate(cos, 54, 104)).toBeCloseTo(0.05, 12);
    expect(scheduledRate(cos, 103, 104)).toBeCloseTo(0.05 * (1 + Math.cos((Math.PI * 99) / 100)), 12);
    expect(scheduledRate(cos, 103, 104)).toBeGreaterThan(0);
  });
});

/** Runs steps of `loss = Σ c ⊙ w` (gradient c) from w0 and returns w after each step. */
async function trajectory(s: OptimizerSettings, w0: number[], c: number[], steps: number, total = steps) {
  const w = variable(w0);
  const grad = tf.tensor1d(c);
  const stepper = makeStepper(s, total);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    stepper.step(() => tf.sum(tf.mul(grad, w)) as tf.Scalar, [w], t).dispose();
    out.push(Array.from(await w.data()));
  }
  stepper.dispose();
  tf.dispose([w, grad]);
  return out;
}

const W0 = [1, -2];
const G = [0.5, -0.25];
const EPS = 1e-7; // the cpu backend's epsilon (Adagrad) and our Adam ε

describe('makeStepper', () => {
  // Warmup of 2 makes the rate 0.05 at step 0 and 0.1 at step 1: a rate that did not take effect would show.
  const warm = { ...BASE, warmupSteps: 2 };
  const rates = [0.05, 0.1];

  it.each([
    [
      'sgd',
      { ...warm },
      (g: number) => [-rates[0] * g, -(rates[0] + rates[1]) * g], // w − Σ rate·g
    ],
    [
      'sgd + momentum 0.9',
      { ...warm, momentum: 0.9 },
      (g: number) => [-rates[0] * g, -rates[0] * g - rates[1] * (0.9 * g + g)],
    ],
    [
      'adam',
      { ...warm, optimizer: 'adam' as const },
      // With a constant gradient the bias-corrected m̂/√v̂ is g/|g| at every step.
      (g: number) => {
        const u = g / (Math.abs(g) + EPS);
        return [-rates[0] * u, -(rates[0] + rates[1]) * u];
      },
    ],
    [
      'adagrad',
      { ...warm, optimizer: 'adagrad' as const },
      (g: number) => {
        const d1 = (rates[0] * g) / Math.sqrt(0.1 + g * g + EPS);
        return [-d1, -d1 - (rates[1] * g) / Math.sqrt(0.1 + 2 * g * g + EPS)];
      },
    ],
  ])('%s applies the scheduled rate of every step', async (_name, settings, delta) => {
    const before = tf.memory().numTensors;
    const got = await trajectory(settings as OptimizerSettings, W0, G, 2);
    expect(tf.memory().numTensors).toBe(before); // optimizer state and cached rate scalars freed
    [0, 1].forEach((t) =>
      W0.forEach((w, i) => expect(got[t][i], `step ${t}, weight ${i}`).toBeCloseTo(w + delta(G[i])[t], 5)),
    );
  });

  it('decays weights decoupled from the gradient step (AdamW): w·(1 − rate·decay) − rate·update', async () => {
    const sgd = await trajectory({ ...BASE, weightDecay: 0.5 }, W0, G, 1);
    W0.forEach((w, i) => expect(sgd[0][i]).toBeCloseTo(w * (1 - 0.1 * 0.5) - 0.1 * G[i], 6));
    const adam = await trajectory({ ...BASE, optimizer: 'adam', weightDecay: 0.5 }, W0, G, 1);
    W0.forEach((w, i) => expect(adam[0][i]).toBeCloseTo(w * (1 - 0.1 * 0.5) - 0.1 * Math.sign(G[i]), 5));
  });

  it('clips by the global norm over all variables, and leaves small gradients alone', async () => {
    const run = async (clipNorm: number) => {
      const a = variable([0]);
      const b = variable([0, 0]);
      const ga = tf.tensor1d([3]);
      const gb = tf.tensor1d([0, 4]); // global norm 5
      const stepper = makeStepper({ ...BASE, learningRate: 1, clipNorm }, 1);
      const loss = () => tf.add(tf.sum(tf.mul(ga, a)), tf.sum(tf.mul(gb, b))) as tf.Scalar;
      stepper.step(loss, [a, b], 0).dispose();
      const out = [...(await a.data()), ...(await b.data())];
      stepper.dispose();
      tf.dispose([a, b, ga, gb]);
      return out;
    };
    const clipped = await run(1);
    [-3 / 5, 0, -4 / 5].forEach((x, i) => expect(clipped[i]).toBeCloseTo(x, 6));
    const untouched = await run(10);
    [-3, 0, -4].forEach((x, i) => expect(untouched[i]).toBeCloseTo(x, 6));
  });

  it('returns the loss before the update', async () => {
    const w = variable([2]);
    const stepper = makeStepper(BASE, 1);
    const loss = stepper.step(() => tf.sum(tf.square(w)) as tf.Scalar, [w], 0);
    expect((await loss.data())[0]).toBeCloseTo(4, 6);
    expect((await w.data())[0]).toBeCloseTo(2 - 0.1 * 4, 6);
    tf.dispose([loss, w]);
    stepper.dispose();
  });
});
