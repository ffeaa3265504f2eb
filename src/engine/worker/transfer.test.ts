import { describe, expect, it } from 'vitest';
import { createWorkerApi } from './api';
import { buffersOf } from './transfer';

/** Moves every typed array of `value` away, as `postMessage` with transferables does, leaving them empty. */
function moveAway(value: unknown): number {
  const buffers = [...buffersOf(value)];
  structuredClone(value, { transfer: buffers });
  return buffers.length;
}

/** `value` without its timings (`seconds`), which differ from call to call. */
function untimed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(untimed);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'seconds')
      .map(([k, v]) => [k, untimed(v)]),
  );
}

describe('the worker transfers results, never its own arrays', () => {
  it('finds every typed array once, through arrays and nested objects', () => {
    const shared = new Float32Array(4);
    const value = { a: shared, b: [shared.subarray(1), { c: new Int32Array(2) }], d: 'text', e: null };
    expect(buffersOf(value).size).toBe(2);
  });

  it('answers every endpoint with arrays the same after its previous answer was moved away', async () => {
    const api = createWorkerApi();
    await api.loadDemo({ users: 120, items: 150, interactionsPerUser: 20 });
    const train = (runId: number, modelId: string, modelConfig = {}) =>
      api.train({ runId, modelId, modelConfig, trainConfig: { epochs: 1 }, backend: 'wasm' }, () => {});

    const twice = async (ask: () => Promise<unknown>) => {
      const first = await ask();
      const copy = untimed(structuredClone(first));
      const moved = moveAway(first);
      expect(untimed(await ask())).toEqual(copy);
      return moved;
    };

    expect((await train(1, 'amfr')).type).toBe('done');
    expect(
      await twice(() => api.explainAttention({ runId: 1, user: null, item: null, sampleSize: 32 })),
    ).toBe(4);
    expect(await twice(() => api.embeddingMap({ runId: 1, kind: 'item' }))).toBeGreaterThan(1);
    await twice(() => api.recommend({ runId: 1, user: 3, k: 5 }));
    expect(await twice(() => api.exportEmbeddings(1))).toBe(2);
    expect(await twice(() => api.snapshotDataset())).toBeGreaterThan(5);

    expect((await train(2, 'tmfun', { embeddingDim: 8, attentionDim: 8, knnK: 5 })).type).toBe('done');
    expect(await twice(() => api.explainGraph({ runId: 2, k: 5 }))).toBeGreaterThan(4);
  });
});
