import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT_CONFIG } from '../importProtocol';
import { createWorkerApi } from './api';

// The worker's planted-vs-learned endpoint, as the page calls it.
describe('plantedVsLearned', () => {
  it('reads a ctr run on the demo against the planted truth, and refuses data whose truth is unknown', async () => {
    const s = createWorkerApi();
    expect((await s.loadDemo({ users: 300, items: 200 })).type).toBe('ok');
    const train = (runId: number, modelId: string) =>
      s.train({ runId, modelId, modelConfig: {}, trainConfig: { epochs: 1 }, backend: 'wasm' }, () => {});
    expect((await train(1, 'dnn')).type).toBe('done');
    const before = tf.memory().numTensors;
    const out = await s.plantedVsLearned({ runId: 1 });
    expect(tf.memory().numTensors).toBe(before);
    if (out.type !== 'ok') throw new Error(JSON.stringify(out));
    expect(out.payload.modelId).toBe('dnn');
    expect(out.payload.signals.map((x) => x.id)).toEqual(['cross', 'embedding', 'popularity']);
    expect(out.payload.rows).toBeGreaterThan(0);
    // Another run's id: nothing to read.
    expect((await s.plantedVsLearned({ runId: 2 })).type).toBe('unavailable');

    // The same rows kept and loaded again as a demo dataset: the truth is rebuilt and checked.
    const ds = (await s.snapshotDataset())!;
    const demo = { kind: 'demo', seed: 42, users: 300, items: 200 } as const;
    expect((await s.loadDataset(structuredClone(ds), demo, DEFAULT_SPLIT_CONFIG)).type).toBe('ok');
    expect((await train(3, 'dnn')).type).toBe('done');
    expect((await s.plantedVsLearned({ runId: 3 })).type).toBe('ok');
    // Labels that are not the generator's (as an upload would have): no truth to compare with.
    const flipped = structuredClone(ds);
    flipped.interactions.label[0] = 1 - flipped.interactions.label[0];
    expect((await s.loadDataset(flipped, demo, DEFAULT_SPLIT_CONFIG)).type).toBe('ok');
    expect((await train(4, 'dnn')).type).toBe('done');
    const refused = await s.plantedVsLearned({ runId: 4 });
    expect(refused).toMatchObject({ type: 'unavailable', reason: expect.stringMatching(/demo generator/) });
    const upload = { kind: 'upload', name: 'likes.csv', hash: '0123456789abcdef' } as const;
    expect((await s.loadDataset(structuredClone(ds), upload, DEFAULT_SPLIT_CONFIG)).type).toBe('ok');
    expect((await train(5, 'dnn')).type).toBe('done');
    expect((await s.plantedVsLearned({ runId: 5 })).type).toBe('unavailable');
  }, 120_000);

  it('rebuilds the truth with the data wizard’s knobs; a signal switched off reads “nothing planted”', async () => {
    const s = createWorkerApi();
    const loaded = await s.loadDemo({ users: 300, items: 200, ageTopic: 0, labelNoise: 0.1 });
    if (loaded.type !== 'ok') throw new Error(JSON.stringify(loaded));
    const source = {
      kind: 'demo',
      seed: 42,
      users: 300,
      items: 200,
      knobs: { ageTopic: 0, labelNoise: 0.1 },
    };
    expect(loaded.source).toEqual(source);
    const train = (runId: number) =>
      s.train(
        { runId, modelId: 'dnn', modelConfig: {}, trainConfig: { epochs: 1 }, backend: 'wasm' },
        () => {},
      );
    expect((await train(1)).type).toBe('done');
    const out = await s.plantedVsLearned({ runId: 1 });
    if (out.type !== 'ok') throw new Error(JSON.stringify(out));
    expect(out.payload.signals[0]).toMatchObject({ id: 'cross', verdict: 'unplanted' });
    // Kept and loaded again under its source: the knobs rebuild the very same rows, so the truth is trusted.
    const ds = (await s.snapshotDataset())!;
    expect((await s.loadDataset(ds, loaded.source, DEFAULT_SPLIT_CONFIG)).type).toBe('ok');
    expect((await train(2)).type).toBe('done');
    expect((await s.plantedVsLearned({ runId: 2 })).type).toBe('ok');
  }, 120_000);

  it('reads top-k item embeddings and tmfun’s modality attention against the planted truth', async () => {
    const s = createWorkerApi();
    expect((await s.loadDemo({ users: 300, items: 200 })).type).toBe('ok');
    const train = (runId: number, modelId: string) =>
      s.train({ runId, modelId, modelConfig: {}, trainConfig: { epochs: 2 }, backend: 'wasm' }, () => {});
    expect((await train(1, 'tmfun')).type).toBe('done');
    const before = tf.memory().numTensors;
    const out = await s.plantedVsLearned({ runId: 1 });
    // The control model it trains beside it is disposed.
    expect(tf.memory().numTensors).toBe(before);
    if (out.type !== 'ok') throw new Error(JSON.stringify(out));
    expect(out.payload.unit).toBe('items');
    expect(out.payload.rows).toBe(200);
    expect(out.payload.signals.map((x) => x.id)).toEqual(['embedding', 'modalityAttention', 'popularity']);
    for (const signal of out.payload.signals.slice(0, 2)) {
      expect(signal.value).toBeGreaterThanOrEqual(0);
      expect(signal.value).toBeLessThanOrEqual(1);
      // Its chance level is the same model's trained one epoch on shuffled interactions, measured beside it.
      expect(signal.chanceFrom).toBe('shuffled interactions');
      expect(signal.chance).toBeGreaterThan(0);
    }
    // lightgcn has an item embedding but no modality attention; pop has neither, only its item scores.
    expect((await train(2, 'lightgcn')).type).toBe('done');
    const lightgcn = await s.plantedVsLearned({ runId: 2 });
    if (lightgcn.type !== 'ok') throw new Error(JSON.stringify(lightgcn));
    expect(lightgcn.payload.signals.map((x) => x.id)).toEqual(['embedding', 'popularity']);
    // sasrec trains on sequences, and so does its control.
    expect((await train(4, 'sasrec')).type).toBe('done');
    const sasrec = await s.plantedVsLearned({ runId: 4 });
    if (sasrec.type !== 'ok') throw new Error(JSON.stringify(sasrec));
    expect(sasrec.payload.signals.map((x) => x.id)).toEqual(['embedding', 'popularity']);
    expect(sasrec.payload.signals[0].chanceFrom).toBe('shuffled interactions');
    expect((await train(3, 'pop')).type).toBe('done');
    const pop = await s.plantedVsLearned({ runId: 3 });
    if (pop.type !== 'ok') throw new Error(JSON.stringify(pop));
    expect(pop.payload.signals.map((x) => x.id)).toEqual(['popularity']);
  }, 120_000);

  it('reads item scores against the planted popularity, and at chance when the wizard switches it off', async () => {
    const s = createWorkerApi();
    const read = async (knobs: Record<string, number>, modelId: string) => {
      expect((await s.loadDemo({ users: 300, items: 200, ...knobs })).type).toBe('ok');
      const done = await s.train(
        { runId: 1, modelId, modelConfig: {}, trainConfig: { epochs: 2 }, backend: 'wasm' },
        () => {},
      );
      expect(done.type).toBe('done');
      const before = tf.memory().numTensors;
      const out = await s.plantedVsLearned({ runId: 1 });
      expect(tf.memory().numTensors).toBe(before);
      if (out.type !== 'ok') throw new Error(JSON.stringify(out));
      return out.payload.signals.find((x) => x.id === 'popularity')!;
    };
    // The "popularity only" preset's strength: the counts of pop and the scores of dnn follow it.
    for (const model of ['pop', 'dnn']) {
      const planted = await read({ popularity: 2, ageTopic: 0, visual: 0, recency: 0 }, model);
      expect(planted.value).toBeGreaterThan(0.25);
      expect(planted.verdict).not.toBe('chance');
      // The control: the generator with popularity off (uniform exposure, no popularity in the like).
      const off = await read({ popularity: 0 }, model);
      expect(Math.abs(off.value)).toBeLessThan(0.15);
      expect(off.verdict).toBe('unplanted');
      expect(off.sentence).toMatch(/Nothing of this is planted/);
    }
  }, 120_000);
});
