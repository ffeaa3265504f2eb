import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../data/demo';
import { encodeCtr } from '../data/features';
import { makeRng } from '../data/random';
import { chronologicalSplit } from '../data/split';
import { initBackend } from '../engine/backends';
import { DEFAULT_TRAIN_CONFIG } from '../engine/train/config';
import { trainCtr } from '../engine/train/ctr';
import { resolveConfig } from './config';
import { requireModel } from './registry';

// A smaller demo than the app's, so this stays a unit test; the same planted structure.
const dataset = generateDemo({ users: 300, items: 400 });
const encoding = encodeCtr(dataset);
const split = chronologicalSplit(dataset.interactions);

async function bestValidAuc(modelId: string): Promise<number> {
  const spec = requireModel(modelId, 'ctr');
  const model = await spec.build(resolveConfig(spec.configSchema).config, encoding, makeRng('42/init'));
  const result = await trainCtr(model, encoding, split, { ...DEFAULT_TRAIN_CONFIG, epochs: 2 });
  model.dispose();
  return Math.max(...result.epochs.map((e) => e.valid.auc));
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('on the demo data, with the same training budget', () => {
  it('each seed model (amfr, mmdin) beats lr on validation AUC', async () => {
    const before = tf.memory().numTensors;
    const lr = await bestValidAuc('lr');
    const amfr = await bestValidAuc('amfr');
    const mmdin = await bestValidAuc('mmdin');
    console.log(
      `demo 300×400, 2 epochs, valid AUC: lr ${lr.toFixed(4)}, amfr ${amfr.toFixed(4)}, mmdin ${mmdin.toFixed(4)}`,
    );
    expect(amfr).toBeGreaterThan(lr);
    expect(mmdin).toBeGreaterThan(lr);
    expect(tf.memory().numTensors).toBe(before);
  });
});
