import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends';
import {
  etaSeconds,
  LossMeter,
  NonFiniteLossError,
  progressReport,
  reportProgress,
  type TrainProgress,
} from './progress';

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

describe('progressReport', () => {
  it('gives the speed since the start, the time left and the tensors held now', () => {
    const held = tf.scalar(1);
    const p = progressReport({
      epoch: 2,
      epochs: 3,
      step: 5,
      stepsPerEpoch: 10,
      loss: 0.5,
      rowsDone: 2000,
      trainMs: 1000,
      rowsLeft: 4000,
      evalsLeft: 2,
      evalMs: 600,
      evals: 1,
      paused: false,
    });
    expect(p).toMatchObject({ epoch: 2, epochs: 3, step: 5, stepsPerEpoch: 10, loss: 0.5, paused: false });
    expect(p.rowsPerSec).toBe(2000);
    expect(p.etaSeconds).toBeCloseTo(2 + 1.2, 10);
    expect(p.numTensors).toBe(tf.memory().numTensors);
    held.dispose();
  });
});

describe('reportProgress', () => {
  const state = {
    epoch: 2,
    epochs: 3,
    step: 4,
    stepsPerEpoch: 10,
    rowsDone: 100,
    trainMs: 1000,
    rowsLeft: 200,
    evalsLeft: 2,
    evalMs: 0,
    evals: 0,
  };

  it('sends the window mean, marked paused exactly when a pause gate is up, and returns that gate', async () => {
    const seen: TrainProgress[] = [];
    const onProgress = (p: TrainProgress) => void seen.push(p);
    const meter = new LossMeter();
    meter.add(tf.scalar(2), 1);
    meter.add(tf.scalar(4), 1);
    expect(
      (await reportProgress(meter, 0.001, state, { onProgress, pauseGate: () => null })).gate,
    ).toBeNull();
    meter.add(tf.scalar(1), 1);
    // A gate that never opens: the report must hand it back at once, not wait on it.
    const gate = new Promise<void>(() => {});
    expect((await reportProgress(meter, 0.001, state, { onProgress, pauseGate: () => gate })).gate).toBe(
      gate,
    );
    expect(seen.map((p) => [p.loss, p.paused, p.step])).toEqual([
      [3, false, 4],
      [1, true, 4],
    ]);
    meter.dispose();
  });

  it('throws on a non-finite loss before reporting anything, naming the epoch and step', async () => {
    const meter = new LossMeter();
    meter.add(tf.scalar(NaN), 1);
    let reports = 0;
    await expect(reportProgress(meter, 0.5, state, { onProgress: () => reports++ })).rejects.toThrow(
      /epoch 2, step 4.*0\.5/,
    );
    expect(reports).toBe(0);
    meter.dispose();
  });
});
