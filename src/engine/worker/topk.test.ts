import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { splitDataset } from '../../data/split';
import { DEFAULT_SPLIT_CONFIG } from '../importProtocol';
import type { TrainEvent, TrainOutcome } from '../protocol';
import { createWorkerApi } from './api';
import { topkValue } from '../metrics/topk';

// A top-k run through the worker's logic, as the page drives it, on a small demo.
const DEMO = { users: 300, items: 400 };
const SMALL_TMFUN = { embeddingDim: 16, attentionDim: 8, knnK: 5 };

function topkEpochs(events: readonly TrainEvent[]) {
  return events.flatMap((e) => (e.type === 'epoch' && e.family === 'topk' ? [e.report] : []));
}

function doneTopk(outcome: TrainOutcome) {
  if (outcome.type !== 'done' || outcome.family !== 'topk') {
    throw new Error(`expected a finished top-k run, got ${JSON.stringify(outcome).slice(0, 200)}`);
  }
  return outcome;
}

describe('session: top-k runs', () => {
  it('trains tmfun with build progress, top-k epoch reports and a test result; tensors flat after', async () => {
    const s = createWorkerApi();
    await s.initBackend('wasm');
    await s.loadDemo(DEMO);
    const before = tf.memory().numTensors;
    const events: TrainEvent[] = [];
    const outcome = doneTopk(
      await s.train(
        {
          runId: 3,
          modelId: 'tmfun',
          modelConfig: SMALL_TMFUN,
          trainConfig: { epochs: 2, batchSize: 512, patience: 0 },
          backend: 'wasm',
        },
        (e) => events.push(e),
      ),
    );
    expect(outcome.warnings).toEqual([]);
    expect(events[0]).toMatchObject({ type: 'backend', runId: 3 });
    expect(events.every((e) => e.runId === 3)).toBe(true);

    // One kNN graph per modality, each reported from 0 to all items, before any training progress.
    const builds = events.flatMap((e) => (e.type === 'build' ? [e] : []));
    const stages = [...new Set(builds.map((b) => b.stage))];
    expect(stages).toEqual(['visual kNN graph', 'acoustic kNN graph', 'text kNN graph']);
    for (const stage of stages) {
      const mine = builds.filter((b) => b.stage === stage);
      expect(mine[0].done).toBe(0);
      expect(mine[mine.length - 1]).toMatchObject({ done: DEMO.items, total: DEMO.items });
    }
    const firstProgress = events.findIndex((e) => e.type === 'progress');
    expect(firstProgress).toBeGreaterThan(events.findLastIndex((e) => e.type === 'build'));

    const epochs = topkEpochs(events);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(events.some((e) => e.type === 'epoch' && e.family !== 'topk')).toBe(false);
    for (const e of epochs) {
      expect(Number.isFinite(e.trainLoss)).toBe(true);
      const r20 = topkValue(e.valid, 'recall', 20);
      expect(r20).toBeGreaterThanOrEqual(0);
      expect(r20).toBeLessThanOrEqual(1);
    }
    const { result } = outcome;
    expect(result.stopped).toBe(false);
    expect([1, 2]).toContain(result.bestEpoch);
    // The test result has every metric the page shows.
    for (const [m, k] of [
      ['recall', 10],
      ['recall', 20],
      ['ndcg', 10],
      ['ndcg', 20],
      ['hit', 20],
    ] as const) {
      expect(Number.isFinite(topkValue(result.test!, m, k))).toBe(true);
    }

    // The trained model stays for the views; loading data disposes it and nothing else is left.
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await s.loadDemo(DEMO);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('explainGraph: tmfun gives one graph per modality plus the fused one, neighbours in range, α rows sum to 1', async () => {
    const s = createWorkerApi();
    await s.initBackend('wasm');
    await s.loadDemo(DEMO);
    const demo = generateDemo(DEMO);
    doneTopk(
      await s.train(
        {
          runId: 5,
          modelId: 'tmfun',
          modelConfig: SMALL_TMFUN,
          trainConfig: { epochs: 1, batchSize: 1024 },
          backend: 'wasm',
        },
        () => {},
      ),
    );
    const tensors = tf.memory().numTensors;
    const outcome = await s.explainGraph({ runId: 5, k: 6 });
    expect(tf.memory().numTensors).toBe(tensors);
    if (outcome.type !== 'ok') throw new Error(JSON.stringify(outcome));
    const p = outcome.payload;
    const I = DEMO.items;
    expect(p.runId).toBe(5);
    expect(p.modalities).toEqual(['visual', 'acoustic', 'text']);
    expect(p.graphs.map((g) => g.name)).toEqual(['visual', 'acoustic', 'text', 'fused']);
    for (const g of p.graphs) {
      expect(g.k).toBe(6);
      expect(g.neighbours).toHaveLength(I * 6);
      expect(g.neighbours.every((j) => j >= -1 && j < I)).toBe(true);
      // Every item has neighbours in each kNN graph (cosine > 0 for most pairs), none of them itself.
      let withNeighbours = 0;
      for (let i = 0; i < I; i++) {
        const row = g.neighbours.subarray(i * 6, i * 6 + 6);
        expect(row.includes(i)).toBe(false);
        if (row[0] >= 0) withNeighbours++;
      }
      expect(withNeighbours).toBeGreaterThan(I / 2);
    }
    expect(p.attention).toHaveLength(I * 3);
    for (let i = 0; i < I; i++) {
      const sum = p.attention![3 * i] + p.attention![3 * i + 1] + p.attention![3 * i + 2];
      expect(sum).toBeCloseTo(1, 4);
    }
    expect(p.modalityWeights).toHaveLength(3);

    // The catalogue: the demo's keys and titles, the first item field as category, positive training counts.
    expect(p.items.count).toBe(I);
    expect(p.items.keys).toEqual(demo.itemKeys);
    expect(p.items.categoryField).toBe('category');
    const cat = demo.itemFields[0];
    expect(p.items.categories[7]).toBe(cat.vocab[cat.tokens[7]]);
    expect(p.items.categoryTokens[7]).toBe(cat.tokens[7]);
    const labels = demo.interactions.label;
    const positives = labels.reduce((n, l) => n + (l > 0 ? 1 : 0), 0);
    const popularity = p.items.popularity.reduce((a, b) => a + b, 0);
    expect(popularity).toBeGreaterThan(0);
    expect(popularity).toBeLessThan(positives); // training positives only (no duplicates, no valid/test)

    expect(await s.explainGraph({ runId: 4 })).toMatchObject({ type: 'unavailable' });

    // The ablation without modality graphs has nothing to show, and says why.
    await s.train(
      {
        runId: 6,
        modelId: 'tmfun',
        modelConfig: { ...SMALL_TMFUN, useModalityGraph: false },
        trainConfig: { epochs: 1 },
        backend: 'wasm',
      },
      () => {},
    );
    const off = await s.explainGraph({ runId: 6 });
    expect(off.type === 'unavailable' && off.reason).toMatch(/without modality graphs/);
  });

  it('pop has no graphs; a top-k run pauses, resumes and stops like a ctr run', async () => {
    const s = createWorkerApi();
    await s.loadDemo(DEMO);
    const pop = doneTopk(
      await s.train(
        { runId: 1, modelId: 'pop', modelConfig: {}, trainConfig: {}, backend: 'wasm' },
        () => {},
      ),
    );
    expect(pop.result.bestEpoch).toBe(0);
    expect(Number.isFinite(topkValue(pop.result.test!, 'recall', 20))).toBe(true);
    const none = await s.explainGraph({ runId: 1 });
    expect(none.type === 'unavailable' && none.reason).toMatch(/pop has no item–item graphs/);

    const request = {
      modelId: 'bprmf',
      modelConfig: { embeddingDim: 8 },
      // Small batches and many epochs: the run outlasts the reports below on any machine (it is stopped).
      trainConfig: { epochs: 50, batchSize: 64, patience: 0 },
      backend: 'wasm' as const,
    };
    const paused: boolean[] = [];
    const outcome = await s.train({ ...request, runId: 2 }, (e) => {
      if (e.type !== 'progress') return;
      paused.push(e.progress.paused === true);
      if (paused.length === 1) s.pause(2);
      if (e.progress.paused) setTimeout(() => s.resume(2), 0);
      if (paused.length === 3) s.stop(2);
    });
    expect(paused.slice(0, 3)).toEqual([false, true, false]);
    const stopped = doneTopk(outcome).result;
    expect(stopped.stopped).toBe(true);
    // A stop after an epoch scores the best epoch so far; before any epoch there is no score.
    expect(stopped.test === null).toBe(stopped.epochs.length === 0);
  });

  it('a top-k run sends a checkpoint after every epoch and continues from one as the uninterrupted run', async () => {
    const s = createWorkerApi();
    await s.loadDemo(DEMO);
    const request = {
      modelId: 'lightgcn',
      modelConfig: { embeddingDim: 8 },
      trainConfig: { epochs: 3, batchSize: 512, patience: 0 },
      backend: 'wasm' as const,
      checkpoints: true,
    };
    const events: TrainEvent[] = [];
    const whole = doneTopk(await s.train({ ...request, runId: 1 }, (e) => events.push(e)));
    const checkpoints = events.flatMap((e) => (e.type === 'checkpoint' ? [e] : []));
    expect(checkpoints.map((c) => [c.epoch, c.paused])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);

    const before = tf.memory().numTensors;
    const later: TrainEvent[] = [];
    const resumed = doneTopk(
      await s.train({ ...request, runId: 2, resumeFrom: checkpoints[0].bytes }, (e) => later.push(e)),
    );
    // The checkpoint's epoch is replayed for the page, then epochs 2 and 3 are trained.
    expect(topkEpochs(later).map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(topkEpochs(later).map((r) => r.valid)).toEqual(topkEpochs(events).map((r) => r.valid));
    expect(resumed.result.test).toEqual(whole.result.test);
    expect(tf.memory().numTensors).toBe(before); // the first run's model was replaced, not leaked
  });

  it('recommend: a top-k run gives a user top-K unseen items by score; tmfun explains them by fused-graph neighbours', async () => {
    const s = createWorkerApi();
    await s.initBackend('wasm');
    await s.loadDemo(DEMO);
    const demo = generateDemo(DEMO);
    doneTopk(
      await s.train(
        {
          runId: 8,
          modelId: 'tmfun',
          modelConfig: SMALL_TMFUN,
          trainConfig: { epochs: 1, batchSize: 1024 },
          backend: 'wasm',
        },
        () => {},
      ),
    );
    const tensors = tf.memory().numTensors;
    const first = await s.recommend({ runId: 8, user: null, k: 12 });
    expect(tf.memory().numTensors).toBe(tensors);
    if (first.type !== 'ok') throw new Error(JSON.stringify(first));
    const p = first.payload;
    expect(p.userKey).toBe(demo.userKeys[p.user]);
    expect(p.items).toHaveLength(12);
    expect(p.reasonKind).toBe('neighbours');
    // The user's positive training items: none of them recommended.
    const graph = await s.explainGraph({ runId: 8, k: 20 });
    if (graph.type !== 'ok') throw new Error(JSON.stringify(graph));
    // The user's positive training items, split as the session splits the demo.
    const inter = demo.interactions;
    const seen = new Set<number>();
    for (const r of splitDataset(inter, DEFAULT_SPLIT_CONFIG).train)
      if (inter.user[r] === p.user && inter.label[r] > 0) seen.add(inter.item[r]);
    expect(seen.size).toBeGreaterThan(0);
    expect(p.items.some((r) => seen.has(r.item))).toBe(false);
    const scores = p.items.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(p.items.map((r) => r.item)).size).toBe(12);
    // Reasons are the candidate's fused neighbours with their weights, heaviest first, at most 3.
    const fused = graph.payload.graphs.find((g) => g.name === 'fused')!;
    let explained = 0;
    for (const rec of p.items) {
      expect(rec.key).toBe(demo.itemKeys[rec.item]);
      expect(rec.reasons.length).toBeLessThanOrEqual(3);
      const weights = rec.reasons.map((x) => x.weight);
      expect([...weights].sort((a, b) => b - a)).toEqual(weights);
      const row = Array.from(fused.neighbours.subarray(rec.item * 20, rec.item * 20 + 20));
      for (const reason of rec.reasons) {
        const j = row.findIndex((t) => t >= 0 && (demo.itemTitles[t] || demo.itemKeys[t]) === reason.label);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(reason.weight).toBeCloseTo(fused.weights[rec.item * 20 + j], 5);
        expect(seen.has(row[j])).toBe(true);
      }
      if (rec.reasons.length > 0) explained++;
    }
    expect(explained).toBeGreaterThan(0);

    // Another user and k; a user out of range is an error, not a crash.
    const other = await s.recommend({ runId: 8, user: p.user + 1, k: 5 });
    expect(other.type === 'ok' && other.payload.items.length).toBe(5);
    const bad = await s.recommend({ runId: 8, user: 10_000, k: 5 });
    expect(bad.type === 'error' && bad.message).toMatch(/no user 10000/);

    // bprmf: scores, no reasons.
    doneTopk(
      await s.train(
        {
          runId: 9,
          modelId: 'bprmf',
          modelConfig: { embeddingDim: 8 },
          trainConfig: { epochs: 1, batchSize: 1024 },
          backend: 'wasm',
        },
        () => {},
      ),
    );
    const mf = await s.recommend({ runId: 9, user: p.user, k: 10 });
    if (mf.type !== 'ok') throw new Error(JSON.stringify(mf));
    expect(mf.payload.reasonKind).toBe('none');
    expect(mf.payload.items.every((r) => r.reasons.length === 0)).toBe(true);
    // An old run's id: unavailable (the session holds one model).
    const old = await s.recommend({ runId: 8, user: null });
    expect(old.type).toBe('unavailable');
  });
});

describe('session: top-k embeddings', () => {
  it('maps the scoring embeddings of a top-k model and exports its item vectors', async () => {
    const s = createWorkerApi();
    await s.loadDemo(DEMO);
    doneTopk(
      await s.train(
        {
          runId: 9,
          modelId: 'bprmf',
          modelConfig: { embeddingDim: 8 },
          trainConfig: { epochs: 1 },
          backend: 'wasm',
        },
        () => {},
      ),
    );
    const tensors = tf.memory().numTensors;
    const items = await s.embeddingMap({ runId: 9, kind: 'item' });
    if (items.type !== 'ok') throw new Error(JSON.stringify(items));
    expect(items.payload.count).toBe(DEMO.items);
    // Colours by the items' fields, and popularity counted on the liked training rows a top-k model learns from.
    expect(items.payload.colourFields.map((f) => f.name)).toContain('popularity');
    const users = await s.embeddingMap({ runId: 9, kind: 'user' });
    expect(users.type === 'ok' && users.payload.count).toBeGreaterThan(0);
    const vectors = await s.exportEmbeddings(9);
    if (vectors.type !== 'ok') throw new Error(JSON.stringify(vectors));
    const lines = new TextDecoder().decode(vectors.files[0].bytes).trim().split('\n');
    expect(lines).toHaveLength(DEMO.items);
    expect(lines[0].split('\t')).toHaveLength(8);
    // A ranking model has no model file or per-row predictions: said, not attempted.
    expect(await s.exportModel(9)).toMatchObject({ type: 'unavailable', reason: /ranking model/ });
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
