/**
 * Adding a model is one module exporting one entry plus one registry line. This test is that module: a small
 * model defined here, registered in a test registry, and taken through everything the app does with a model —
 * trained, explained, exported, imported, and carried by a share link — without any other file knowing it.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createWorkerApi } from '../engine/worker/api';
import { defaultExperiment, parseExperiment, serializeExperiment } from '../state/experiment';
import type { CtrModelEntry } from './contract';
import { initStd } from './params';
import { MODELS, makeRegistry } from './registry';

const schema = {
  embeddingDim: {
    kind: 'number',
    label: 'Embedding size d',
    doc: 'Length of the user and item vectors.',
    default: 8,
    min: 2,
    max: 64,
    integer: true,
  },
  initStd,
} as const;

/** Logistic matrix factorisation: σ(b + b_i + uᵀi), its vectors rows of the shared field table. */
const dotmf = {
  id: 'dotmf',
  family: 'ctr',
  label: 'Dot MF',
  description: 'A user and an item vector per row, their dot product plus biases (a test model).',
  citation: 'Koren, Bell & Volinsky, "Matrix Factorization Techniques for Recommender Systems", 2009',
  configSchema: schema,
  views: ['embedding', 'recommend'],
  embeddings: ['item', 'user'],
  needs: {},
  async build(config, features, rng) {
    const { tf, layers, fields } = await import('./kit');
    const p = new layers.Params(rng);
    const table = p.normal('embedding', [features.totalVocab, config.embeddingDim], config.initStd);
    const bias = p.zeros('bias', [features.totalVocab, 1]);
    const userCol = features.fields.findIndex((f) => f.name === 'user_id');
    const itemCol = features.fields.findIndex((f) => f.name === 'item_id');
    return {
      trainableVariables: p.variables,
      variableNames: p.names,
      logits: (batch) =>
        tf.tidy(() => {
          const ids = (col: number) => tf.squeeze(tf.slice(batch.fieldIds, [0, col], [-1, 1]), [1]);
          const u = tf.gather(table, ids(userCol));
          const i = tf.gather(table, ids(itemCol));
          const b = tf.squeeze(tf.gather(bias, ids(itemCol)), [1]);
          return tf.add(tf.sum(tf.mul(u, i), 1), b) as tf.Tensor1D;
        }),
      embeddings: (role) => fields.idRows(table as tf.Tensor2D, features, role),
      dispose: () => p.dispose(),
    };
  },
} as const satisfies CtrModelEntry<typeof schema>;

const registry = makeRegistry([...MODELS, dotmf]);

describe('a model added in one module and one registry line', () => {
  it('is trained, explained, exported, imported and carried by a share link', async () => {
    const api = createWorkerApi({ registry });
    await api.loadDemo({ users: 150, items: 200, interactionsPerUser: 25 });
    const modelConfig = { embeddingDim: 12 };
    const trained = await api.train(
      { runId: 1, modelId: 'dotmf', modelConfig, trainConfig: { epochs: 2 }, backend: 'wasm' },
      () => {},
    );
    if (trained.type !== 'done' || trained.family !== 'ctr') throw new Error(JSON.stringify(trained));
    const auc = trained.result.test!.auc;
    expect(auc).toBeGreaterThan(0.5);

    // Explained: the embedding map and recommendations read its embeddings and scores.
    const map = await api.embeddingMap({ runId: 1, kind: 'item' });
    expect(map.type === 'ok' && map.payload.count).toBe(200);
    const recs = await api.recommend({ runId: 1, user: 4, k: 5 });
    expect(recs.type === 'ok' && recs.payload.items).toHaveLength(5);

    // Exported, then imported as another run's model: the same test AUC.
    const file = await api.exportModel(1);
    if (file.type !== 'ok') throw new Error(JSON.stringify(file));
    const imported = await api.importModel(file.files[0].bytes, 2);
    expect(imported).toMatchObject({ type: 'ok', modelId: 'dotmf', config: { embeddingDim: 12 } });
    expect(imported.type === 'ok' && imported.test.auc).toBeCloseTo(auc, 6);

    // A share link carries it; an app without the model says so and falls back to its default.
    const experiment = {
      ...defaultExperiment(registry),
      modelId: 'dotmf',
      model: { ...modelConfig, initStd: 0.01 },
    };
    const link = await serializeExperiment(experiment, registry);
    expect((await parseExperiment(link, registry)).experiment).toEqual(experiment);
    const elsewhere = await parseExperiment(link);
    expect(elsewhere.experiment.modelId).toBe(MODELS[0].id);
    expect(elsewhere.warnings.join(' ')).toMatch(/"dotmf" is not a model of this app/);

    // The app's own registry does not know it: the model exists only where it was registered.
    const app = createWorkerApi();
    await app.loadDemo({ users: 150, items: 200, interactionsPerUser: 25 });
    const refused = await app.train(
      { runId: 3, modelId: 'dotmf', modelConfig, trainConfig: { epochs: 1 }, backend: 'wasm' },
      () => {},
    );
    expect(refused).toMatchObject({ type: 'error', message: 'Unknown model "dotmf".' });
  });
});
