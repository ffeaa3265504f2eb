import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from './api';

// The Export panel's worker calls, driven as the page drives them, in Node.
describe('session exports', () => {
  it('exports a trained model, re-imports it in a fresh session: the same test metrics', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 120, items: 150 });
    expect(await s.exportModel(1)).toMatchObject({ type: 'unavailable' });
    expect((await s.exportDataset()).type).toBe('ok');

    const trained = await s.train(
      {
        runId: 1,
        modelId: 'dnn',
        modelConfig: { embeddingDim: 8 },
        trainConfig: { epochs: 1 },
        backend: 'wasm',
      },
      () => {},
    );
    if (trained.type !== 'done' || trained.family === 'topk') throw new Error('training failed');
    expect(await s.exportModel(2)).toMatchObject({ type: 'unavailable' }); // another run's id

    const out = await s.exportModel(1);
    if (out.type !== 'ok') throw new Error(JSON.stringify(out));
    expect(out.files[0].name).toBe('demo_micro-videos-dnn-run1-model.zip');

    const fresh = createWorkerApi();
    await fresh.initBackend('wasm');
    expect(await fresh.importModel(out.files[0].bytes, 5)).toMatchObject({
      type: 'error',
      message: /Load the dataset/,
    });
    await fresh.loadDemo({ users: 120, items: 150 });
    const imported = await fresh.importModel(out.files[0].bytes, 5);
    if (imported.type !== 'ok') throw new Error(imported.message);
    expect(imported.modelId).toBe('dnn');
    expect(imported.test.auc).toBeCloseTo(trained.result.test!.auc, 9);
    expect(imported.test.logloss).toBeCloseTo(trained.result.test!.logloss, 9);
    expect(imported.savedTest?.auc).toBeCloseTo(trained.result.test!.auc, 9);
    // The imported model is the session's model of run 5 now: it exports like a trained one.
    expect((await fresh.exportEmbeddings(5)).type).toBe('ok');

    // Other data: a clear message, and the session keeps working.
    await fresh.loadDemo({ users: 130, items: 150 });
    const refused = await fresh.importModel(out.files[0].bytes, 6);
    expect(refused).toMatchObject({ type: 'error', message: /does not fit the loaded data.*user_id/ });
  }, 120_000);

  it('exports embeddings, top-K predictions and the dataset of a run', async () => {
    const s = createWorkerApi();
    await s.loadDemo({ users: 80, items: 90 });
    await s.train(
      {
        runId: 3,
        modelId: 'dnn',
        modelConfig: { embeddingDim: 6 },
        trainConfig: { epochs: 1 },
        backend: 'wasm',
      },
      () => {},
    );
    const emb = await s.exportEmbeddings(3);
    if (emb.type !== 'ok') throw new Error(JSON.stringify(emb));
    const [vectors, metadata] = emb.files.map((f) => strFromU8(f.bytes).trimEnd().split('\n'));
    expect(vectors).toHaveLength(90);
    expect(vectors[0].split('\t')).toHaveLength(6);
    expect(metadata).toHaveLength(91);

    const pred = await s.exportPredictions({ runId: 3, k: 4, users: 7 });
    if (pred.type !== 'ok') throw new Error(JSON.stringify(pred));
    const lines = strFromU8(pred.files[0].bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('user,rank,item,title,score');
    expect(lines).toHaveLength(1 + 7 * 4);
    expect(await s.exportPredictions({ runId: 3, k: 0, users: 7 })).toMatchObject({ type: 'error' });

    const ds = await s.exportDataset();
    if (ds.type !== 'ok') throw new Error(JSON.stringify(ds));
    const names = Object.keys(unzipSync(ds.files[0].bytes));
    expect(names).toEqual([
      'demo_micro-videos/demo_micro-videos.inter',
      'demo_micro-videos/demo_micro-videos.item',
      'demo_micro-videos/demo_micro-videos.user',
      'demo_micro-videos/demo_micro-videos.yaml',
    ]);
  }, 120_000);
});
