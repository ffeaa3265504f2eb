/** P2 plumbing on the real ml-100k files (../shared/datasets): data, split, and MostPop's reference numbers. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../src/engine/backends';
import { topkValue } from '../src/engine/metrics/topk';
import { trainTopk } from '../src/engine/train/topk';
import { pop } from '../src/models/topk/pop';
import { loadP2, parseModelEntry, P2_REFERENCES, runP2 } from './p2';
import { DEFAULT_TOPK_TRAIN_CONFIG } from '../src/engine/train/config';

describe('P2 on MovieLens 100K', () => {
  it('loads 943 × 1,682 with a 128-d text modality and the 80,808 / 9,596 / 9,596 split', async () => {
    const { topk, split } = await loadP2();
    expect([topk.numUsers, topk.numItems]).toEqual([943, 1682]);
    expect(topk.modalities.map((m) => [m.name, m.dim])).toEqual([['text', 128]]);
    expect([split.train.indices.length, split.valid.indices.length, split.test.indices.length]).toEqual([
      80_808, 9_596, 9_596,
    ]);
  });

  it('--text-dim sizes the text modality, and labels the rows as a variant the report lists apart', async () => {
    const [row] = await runP2({ models: ['pop'], backends: ['wasm'], textDim: 16 });
    expect(row.model).toBe('pop:textDim=16');
    expect(row.text_dim).toBe(16);
    const { topk } = await loadP2(undefined, 16);
    expect(topk.modalities.map((m) => m.dim)).toEqual([16]);
  });

  it('--text passes the featuriser settings through the importer and labels the rows with them', async () => {
    const [row] = await runP2({ models: ['pop'], backends: ['wasm'], textOptions: { centre: true } });
    expect(row.model).toBe('pop:text.centre=true');
    expect(row.text_options).toEqual({ centre: true });
    const plain = (await loadP2()).dataset.modalities[0].data;
    const centred = (await loadP2(undefined, 128, { centre: true })).dataset.modalities[0].data;
    expect(centred.length).toBe(plain.length);
    expect(centred.some((v, k) => Math.abs(v - plain[k]) > 1e-3)).toBe(true);
  });

  it('pop reproduces the MostPop reference R@20 / N@20 (no randomness: split, masking and metrics agree)', async () => {
    await initBackend('wasm');
    const { topk, split } = await loadP2();
    const before = tf.memory().numTensors;
    const model = await pop.build({}, topk);
    const { test } = await trainTopk(model, split, DEFAULT_TOPK_TRAIN_CONFIG);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const ref = P2_REFERENCES[0];
    expect(topkValue(test!, 'recall', 20)).toBeCloseTo(ref.r20, 3);
    expect(topkValue(test!, 'ndcg', 20)).toBeCloseTo(ref.n20, 3);
    expect(topkValue(test!, 'recall', 10)).toBeCloseTo(ref.r10, 3);
    expect(topkValue(test!, 'ndcg', 10)).toBeCloseTo(ref.n10, 3);
  });

  it('--trace-test rows carry each epoch’s validation and test figures; the picked one is the row’s', async () => {
    const [row] = await runP2({ models: ['bprmf:epochs=3'], backends: ['wasm'], traceTest: true });
    expect(row.trace!.map((p) => p.epoch)).toEqual([1, 2, 3]);
    const picked = row.trace![row.best_epoch - 1];
    expect(picked.test_ndcg20).toBeCloseTo(row.metrics!['ndcg@20'], 6);
    expect(picked.test_recall20).toBeCloseTo(row.metrics!['recall@20'], 6);
    expect(picked.valid_recall20).toBeCloseTo(row.valid!['recall@20'], 6);
    expect(Math.max(...row.trace!.map((p) => p.valid_recall20))).toBe(picked.valid_recall20);
    const [plain] = await runP2({ models: ['bprmf:epochs=3'], backends: ['wasm'] });
    expect(plain.trace).toBeUndefined();
    expect(plain.metrics).toEqual(row.metrics);
  });

  it('parses model entries with model and training settings', () => {
    expect(parseModelEntry('tmfun:gamma=0.3:learningRate=0.01:clWeight=0')).toEqual({
      id: 'tmfun',
      model: { gamma: '0.3', clWeight: '0' },
      train: { learningRate: '0.01' },
    });
    expect(() => parseModelEntry('tmfun:gamma')).toThrow(/key=value/);
  });
});
