import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backends';
import { etaSeconds, LossMeter, NonFiniteLossError } from './trainLoop';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('LossMeter', () => {
  it('keeps the row-weighted epoch sum and the mean of each report window, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const meter = new LossMeter(10); // a resumed epoch: 10 = the weighted sum of the steps already done
    meter.add(tf.scalar(1), 4);
    meter.add(tf.scalar(3), 2);
    expect(await meter.takeWindowMean('epoch 1, step 2', 0.001)).toBe(2);
    meter.add(tf.scalar(5), 1);
    expect(await meter.takeWindowMean('epoch 1, step 3', 0.001)).toBe(5);
    expect(await meter.total()).toBe(10 + 4 + 6 + 5);
    meter.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws on a NaN or infinite loss, naming the step and the learning rate', async () => {
    const before = tf.memory().numTensors;
    for (const bad of [NaN, Infinity]) {
      const meter = new LossMeter();
      meter.add(tf.scalar(1), 1);
      meter.add(tf.scalar(bad), 1);
      const read = meter.takeWindowMean('epoch 2, step 7', 10);
      await expect(read).rejects.toThrow(NonFiniteLossError);
      await expect(read).rejects.toThrow(/at epoch 2, step 7: the learning rate \(10\)/);
      meter.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('etaSeconds', () => {
  it('adds the rows left at the current rate and the evaluations left at their mean time', () => {
    expect(etaSeconds(1000, 100, 2, 3000, 3)).toBe(10 + 2);
    expect(etaSeconds(1000, 0, 2, 0, 0)).toBe(0); // nothing measured yet
  });
});
