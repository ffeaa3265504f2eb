import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { makeRng } from '../../data/random';
import { chronologicalSplit } from '../../data/split';
import { defaults } from '../../models/config';
import { dnn } from '../../models/ctr/dnn';
import { initBackend } from '../backends';
import { DEFAULT_TRAIN_CONFIG } from './config';
import { ctrFamily } from './ctr';
import { timeTrainingSteps } from './timeSteps';

const dataset = generateDemo({ users: 120, items: 150 });
const encoding = encodeCtr(dataset);
const split = chronologicalSplit(dataset.interactions);

beforeAll(async () => {
  await initBackend('wasm');
});

describe('timeTrainingSteps', () => {
  it('times full batches within the budget, trains the model, and leaks no tensor', async () => {
    const model = await dnn.build(defaults(dnn.configSchema), encoding, makeRng('1/init'));
    const config = { ...DEFAULT_TRAIN_CONFIG, batchSize: 64 };
    const family = ctrFamily(model, encoding, split, config);
    const before = tf.memory().numTensors;
    const w0 = await model.trainableVariables[0].data();
    const t = await timeTrainingSteps(family, config, { warmup: 1, minSteps: 5, maxSteps: 6, budgetMs: 0 });
    // Blocks of up to four: 4 + 2 reaches the cap of six; the minimum of five alone would stop at eight.
    expect(t.steps).toBe(6);
    expect(t.ms).toBeGreaterThan(0);
    expect(t.perSec).toBeCloseTo((6 * 64 * 1000) / t.ms, 6);
    expect(tf.memory().numTensors).toBe(before);
    const w1 = await model.trainableVariables[0].data();
    expect(w1).not.toEqual(w0);
    model.dispose();
  });

  it('wraps to the next epoch on a dataset smaller than the steps timed, skipping the short last batch', async () => {
    const model = await dnn.build(defaults(dnn.configSchema), encoding, makeRng('1/init'));
    const rows = split.train.length;
    // Two full batches and a short one per epoch.
    const batchSize = Math.floor(rows / 2.5);
    const config = { ...DEFAULT_TRAIN_CONFIG, batchSize };
    const family = ctrFamily(model, encoding, split, config);
    expect(family.stepsPerEpoch).toBe(3);
    const t = await timeTrainingSteps(family, config, { warmup: 0, minSteps: 8, maxSteps: 8, budgetMs: 0 });
    expect(t.steps).toBe(8);
    expect(t.perSec).toBeCloseTo((8 * batchSize * 1000) / t.ms, 6);
    model.dispose();
  });
});
