import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../data/demo';
import { fuzzParams } from '../data/fuzz.testkit';
import { demoOptionsOf, demoSourceRef, type DemoSourceRef } from '../engine/importProtocol';
import { QUICK_TRAIN, TRAIN_SCHEMA, TOPK_TRAIN_SCHEMA, trainSchemaOf } from '../engine/train/config';
import { defaults, type Param, type ParamSchema } from '../models/config';
import type { ModelEntry } from '../models/contract';
import { REGISTRY } from '../models/registry';
import {
  defaultExperiment,
  fromWire,
  isDefaultExperiment,
  parseExperiment,
  serializeExperiment,
  toWire,
  type Experiment,
} from './experiment';

/** A value of a parameter, drawn within its schema (what the form or a resolved link can hold). */
function paramValue(p: Param): fc.Arbitrary<unknown> {
  switch (p.kind) {
    case 'number':
      return p.integer
        ? fc.integer({ min: Math.ceil(p.min), max: Math.floor(p.max) })
        : fc.double({ min: p.min, max: p.max, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...p.options);
    case 'layers':
      return fc.array(fc.integer({ min: p.min, max: p.max }), { minLength: 0, maxLength: p.maxLength });
  }
}

function config(schema: ParamSchema): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(Object.entries(schema).map(([k, p]) => [k, paramValue(p)])));
}

// Built once, outside any `chain`: building `stringMatching` per case cost ~15 ms a case.
const shared = {
  data: fc.oneof(
    fc.record({
      kind: fc.constant('demo' as const),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      users: fc.integer({ min: 50, max: 20000 }),
      items: fc.integer({ min: 50, max: 50000 }),
    }),
    fc.record({
      kind: fc.constant('upload' as const),
      name: fc.string({ maxLength: 200 }),
      hash: fc.stringMatching(/^[0-9a-f]{64}$/),
    }),
  ),
  label: fc.oneof(
    fc.constant(null),
    fc.record({ kind: fc.constant('threshold' as const), threshold: fc.integer({ min: -5, max: 10 }) }),
    fc.record({ kind: fc.constant('column' as const) }),
    fc.record({
      kind: fc.constant('implicit' as const),
      ratio: fc.integer({ min: 1, max: 50 }),
      seed: fc.integer({ min: 0, max: 1000 }),
    }),
  ),
  split: fc.record({
    method: fc.constantFrom('chronological' as const, 'leaveLastOut' as const, 'random' as const),
    ratios: fc.tuple(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
      fc.integer({ min: 0, max: 10 }),
    ),
    seed: fc.integer({ min: 0, max: 1000 }),
    minInteractions: fc.integer({ min: 0, max: 1000 }),
    fewInteractions: fc.constantFrom('drop' as const, 'trainOnly' as const),
  }),
  backend: fc.constantFrom(
    'auto' as const,
    'webgpu' as const,
    'webgl' as const,
    'wasm' as const,
    'cpu' as const,
  ),
  view: fc.constantFrom('curves', 'heads', 'behaviour', 'graph', 'embedding', 'recommend', 'runs'),
  selection: fc.record({
    user: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
    item: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
  }),
};
// Both families: a top-k model's training settings come from the top-k schema.
const trainOf = { ctr: config(trainSchemaOf('ctr')), topk: config(trainSchemaOf('topk')) };
const experimentOf = (catalog: readonly ModelEntry[]): fc.Arbitrary<Experiment> =>
  fc.oneof(
    ...catalog.map((info) =>
      fc.record({
        ...shared,
        modelId: fc.constant(info.id),
        model: config(info.configSchema),
        train: trainOf[info.family],
      }),
    ),
  );
const experiment = experimentOf(REGISTRY.models);
/** Ctr models only: the corrupted-wire property mixes in ctr training settings. */
const ctrExperiment = experimentOf(REGISTRY.family('ctr'));

describe('share links', () => {
  it('round-trip: fromWire(JSON(toWire(e))) is e for random valid experiments', () => {
    fc.assert(
      fc.property(experiment, (e) => {
        const { experiment: back, warnings } = fromWire(JSON.parse(JSON.stringify(toWire(e))));
        expect(warnings).toEqual([]);
        expect(back).toEqual(e);
      }),
      fuzzParams(42),
    );
  });

  it('round-trip: parse(serialize(e)) is e for random valid experiments, through the compressed link', async () => {
    await fc.assert(
      fc.asyncProperty(experiment, async (e) => {
        const { experiment: back, warnings } = await parseExperiment(await serializeExperiment(e));
        expect(warnings).toEqual([]);
        expect(back).toEqual(e);
      }),
      fuzzParams(43),
    );
  });

  it('a wire object with fields of the wrong type, out of range or from a future version: defaults for those fields only, each named in a warning', () => {
    const LABELS: Record<string, string> = {
      d: 'dataset',
      l: 'label rule',
      s: 'split',
      b: 'backend',
      w: 'view',
      x: 'selection',
    };
    const FIELDS: Record<string, keyof Experiment> = {
      d: 'data',
      l: 'label',
      s: 'split',
      b: 'backend',
      w: 'view',
      x: 'selection',
    };
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(1e308, -1e308, -1, 2 ** 53, 0.5, '', 'x'.repeat(500), [], {}, null, true),
    );
    const trainKeys = Object.keys(TRAIN_SCHEMA);
    fc.assert(
      fc.property(
        ctrExperiment,
        fc.dictionary(fc.constantFrom('d', 'l', 's', 'b', 'w', 'x'), hostile, { maxKeys: 6 }),
        fc.dictionary(fc.constantFrom(...trainKeys), hostile, { maxKeys: 4 }),
        fc.option(fc.oneof(fc.integer({ min: 2, max: 1000 }), hostile), { nil: undefined }),
        (e, bad, badTrain, version) => {
          const wire: Record<string, unknown> = { ...toWire(e), ...bad };
          wire.t = { ...e.train, ...badTrain };
          if (version !== undefined) wire.v = version;
          let out: ReturnType<typeof fromWire> | undefined;
          expect(() => (out = fromWire(JSON.parse(JSON.stringify(wire))))).not.toThrow();
          const { experiment: got, warnings } = out!;
          const def = defaultExperiment();
          for (const [key, field] of Object.entries(FIELDS)) {
            const named = warnings.some((w) => w.startsWith(`${LABELS[key]}:`));
            if (!(key in bad)) {
              expect(got[field]).toEqual(e[field]);
              expect(named).toBe(false);
            } else if (named) {
              expect(got[field]).toEqual(key === 'l' ? null : def[field]);
            }
          }
          expect(got.modelId).toBe(e.modelId);
          expect(got.model).toEqual(e.model);
          for (const k of trainKeys) {
            const p: Param = TRAIN_SCHEMA[k as keyof typeof TRAIN_SCHEMA];
            const v = got.train[k];
            if (!(k in badTrain)) expect(v).toEqual(e.train[k]);
            else if (p.kind === 'number') {
              expect(Number.isFinite(v) && (v as number) >= p.min && (v as number) <= p.max).toBe(true);
              // Number() throws on an object whose toString is not a function (`{"toString": 0}`).
              const asGiven = (() => {
                try {
                  return Number(badTrain[k]);
                } catch {
                  return NaN;
                }
              })();
              if (v !== (p.integer ? Math.round(asGiven) : asGiven))
                expect(warnings.some((w) => w.startsWith(`training ${k}:`))).toBe(true);
            } else if (p.kind === 'choice') expect(p.options).toContain(v);
          }
          if (version !== undefined && ![1, 2, 3].includes(version as number))
            expect(warnings[0]).toMatch(/version/);
          for (const w of warnings) expect(w.length).toBeLessThan(800);
        },
      ),
      fuzzParams(44),
    );
  });

  it('refuses a short link that inflates to more than 64 KB', async () => {
    const json = new TextEncoder().encode(`{"v":1,"w":"${'a'.repeat(300_000)}"}`);
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const b64 = Buffer.from(bytes).toString('base64url');
    expect(b64.length).toBeLessThan(4000);
    const { experiment: e, warnings } = await parseExperiment(`#e1.${b64}`);
    expect(warnings).toEqual([expect.stringMatching(/too large/)]);
    expect(e).toEqual(defaultExperiment());
  });

  it('the default experiment is the empty link, and a typical link is short', async () => {
    expect(await parseExperiment('')).toEqual({ experiment: defaultExperiment(), warnings: [] });
    const typical: Experiment = {
      ...defaultExperiment(),
      modelId: 'amfr',
      model: { ...(await parseExperiment('')).experiment.model },
    };
    const amfr = REGISTRY.get('amfr')!;
    const e: Experiment = {
      ...typical,
      model: {
        ...Object.fromEntries(Object.entries(amfr.configSchema).map(([k, p]) => [k, p.default])),
        heads: 4,
      },
      train: { ...defaultExperiment().train, epochs: 10, learningRate: 0.002 },
    };
    const link = await serializeExperiment(e);
    console.log(`typical link (amfr, heads 4, 10 epochs, lr 0.002): ${link} (${link.length} characters)`);
    expect(link.length).toBeLessThan(120);
  });

  it('random strings and mutated links never throw and always give a usable experiment', async () => {
    const valid = await serializeExperiment({ ...defaultExperiment(), modelId: 'mmdin', model: {} });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          // Mutations of a valid link: a character replaced, a tail cut off, junk appended.
          fc
            .tuple(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 3 }))
            .map(([i, s]) => valid.slice(0, i) + s + valid.slice(i + s.length)),
          fc.nat(valid.length).map((n) => valid.slice(0, n)),
          fc.string({ maxLength: 20 }).map((s) => valid + s),
        ),
        async (hash) => {
          const { experiment: e, warnings } = await parseExperiment(hash);
          expect(REGISTRY.get(e.modelId)).toBeDefined();
          expect(Array.isArray(warnings)).toBe(true);
        },
      ),
      fuzzParams(7),
    );
  });

  it('falls back per field, with a message naming each bad field', async () => {
    const { fromWire } = await import('./experiment');
    const { experiment: e, warnings } = fromWire({
      v: 1,
      d: { kind: 'demo', seed: -4, users: 2000, items: 3000 },
      m: 'amfr',
      mc: { heads: 999, useExternal: 'maybe', bogus: 1 },
      t: { epochs: 7 },
      b: 'quantum',
    });
    expect(e.data).toEqual(defaultExperiment().data);
    expect(e.modelId).toBe('amfr');
    expect(e.train.epochs).toBe(7);
    expect(e.backend).toBe('auto');
    expect(warnings.map((w) => w.split(':')[0])).toEqual([
      'dataset',
      'model amfr heads',
      'model amfr useExternal',
      'model amfr bogus',
      'backend',
    ]);
  });

  it('explains links from a newer version and oversized links', async () => {
    const { fromWire } = await import('./experiment');
    expect(fromWire({ v: 9, m: 'din' }).warnings[0]).toMatch(/newer version/);
    expect(fromWire({ v: 9, m: 'din' }).experiment.modelId).toBe('din');
    const huge = await parseExperiment('#e1.' + 'A'.repeat(5000));
    expect(huge.warnings[0]).toMatch(/at most 4000/);
  });

  it('holds a top-k model and its training settings; the top-k defaults cost nothing in the link', async () => {
    const topkDefaults = Object.fromEntries(
      Object.entries(TOPK_TRAIN_SCHEMA).map(([k, p]) => [k, p.default]),
    );
    const tmfun = REGISTRY.get('tmfun')!;
    const e: Experiment = {
      ...defaultExperiment(),
      modelId: 'tmfun',
      model: {
        ...Object.fromEntries(Object.entries(tmfun.configSchema).map(([k, p]) => [k, p.default])),
        knnK: 5,
      },
      train: { ...topkDefaults, ...QUICK_TRAIN.topk, epochs: 50, earlyStoppingMetric: 'ndcg@20' },
    };
    const link = await serializeExperiment(e);
    expect(link.length).toBeLessThan(120);
    const { fromWire, toWire } = await import('./experiment');
    // Only the changed settings travel: the family's starting ones (its quick start over its batch 2048 and
    // lr 5e-3) do not.
    expect(toWire(e)).toMatchObject({
      m: 'tmfun',
      mc: { knnK: 5 },
      t: { epochs: 50, earlyStoppingMetric: 'ndcg@20' },
    });
    expect(await parseExperiment(link)).toEqual({ experiment: e, warnings: [] });

    // A top-k link resolves its training settings against the top-k schema, field by field.
    const { experiment: back, warnings } = fromWire({
      v: 1,
      m: 'lightgcn',
      t: { epochs: 5000, earlyStoppingMetric: 'auc' },
    });
    expect(back.modelId).toBe('lightgcn');
    expect(back.train).toMatchObject({ epochs: 1000, batchSize: 2048, earlyStoppingMetric: 'recall@20' });
    expect(warnings.map((w) => w.split(':')[0])).toEqual(['training epochs', 'training earlyStoppingMetric']);
  });

  it('reads a ctr link made before top-k models existed exactly as before', async () => {
    const { fromWire } = await import('./experiment');
    const { experiment: e, warnings } = fromWire({ v: 1, m: 'din', t: { epochs: 7, batchSize: 512 } });
    expect(warnings).toEqual([]);
    expect(e.modelId).toBe('din');
    // Version 1 wrote training settings against the protocol's (the schema defaults): read them so.
    expect(e.train).toEqual({ ...defaults(TRAIN_SCHEMA), epochs: 7, batchSize: 512 });
    expect(e.train.learningRate).toBe(1e-3); // the ctr default, not the top-k 5e-3
  });

  it('reads the training settings a version 2 link leaves out as the page’s starting ones (quick start)', async () => {
    const { fromWire } = await import('./experiment');
    const v1 = fromWire({ v: 1, m: 'tmfun', t: { batchSize: 1024 } }).experiment.train;
    const v2 = fromWire({ v: 2, m: 'tmfun', t: { batchSize: 1024 } }).experiment.train;
    expect(v1).toEqual({ ...defaults(TOPK_TRAIN_SCHEMA), batchSize: 1024 });
    expect(v2).toEqual({ ...defaults(TOPK_TRAIN_SCHEMA), ...QUICK_TRAIN.topk, batchSize: 1024 });
    // A fresh page is the bare URL: its quick start costs nothing in a link.
    expect(defaultExperiment().train).toEqual({ ...defaults(TRAIN_SCHEMA), ...QUICK_TRAIN.ctr });
    expect(await serializeExperiment(defaultExperiment())).toMatch(/^#e3\./);
    expect(isDefaultExperiment(defaultExperiment())).toBe(true);
  });

  it('reads tmfun’s edge pruning a version 1 or 2 link leaves out as that day’s default (off), a version 3 one as today’s', async () => {
    const { fromWire, toWire } = await import('./experiment');
    const tmfunSchema = REGISTRY.get('tmfun')!.configSchema;
    expect(defaults(tmfunSchema).edgeDropout).toBe(0.5);
    for (const v of [1, 2]) {
      const { experiment, warnings } = fromWire({ v, m: 'tmfun', mc: { knnK: 5 } });
      expect(warnings).toEqual([]);
      expect(experiment.model).toEqual({ ...defaults(tmfunSchema), knnK: 5, edgeDropout: 0 });
      // Written again, the link keeps meaning it: pruning off is now a setting it carries.
      expect(toWire(experiment).mc).toEqual({ knnK: 5, edgeDropout: 0 });
    }
    expect(fromWire({ v: 3, m: 'tmfun' }).experiment.model.edgeDropout).toBe(0.5);
    expect(fromWire({ v: 2, m: 'tmfun', mc: { edgeDropout: 0.3 } }).experiment.model.edgeDropout).toBe(0.3);
    // Other models' settings are read as before.
    expect(fromWire({ v: 2, m: 'lightgcn' }).experiment.model).toEqual(
      defaults(REGISTRY.get('lightgcn')!.configSchema),
    );
  });
});

describe('the data wizard’s knobs in a share link (issue 23)', () => {
  const knobs = {
    interactionsPerUser: 20,
    visual: 2.5,
    visualTopics: ['news', 'dance'],
    text: 0.5,
    labelNoise: 0.1,
    coldItems: 0.2,
  };
  const withKnobs: Experiment = {
    ...defaultExperiment(),
    data: { kind: 'demo', seed: 9, users: 300, items: 250, knobs },
  };

  it('travel in the link, written only when off their defaults, in one spelling', async () => {
    const back = await parseExperiment(await serializeExperiment(withKnobs));
    expect(back.warnings).toEqual([]);
    // The topics come back as a set in the generator's order, as the worker writes them.
    expect(back.experiment.data).toEqual({
      ...withKnobs.data,
      knobs: { ...knobs, visualTopics: ['dance', 'news'] },
    });
    // Knobs at their defaults are dropped: the link equals the plain demo's.
    const atDefaults = fromWire({
      v: 2,
      d: { kind: 'demo', seed: 9, users: 300, items: 250, knobs: { visual: 1 } },
    });
    expect(atDefaults.experiment.data).toEqual({ kind: 'demo', seed: 9, users: 300, items: 250 });
  });

  it('a link opens the same data byte for byte', async () => {
    const back = await parseExperiment(await serializeExperiment(withKnobs));
    const d = back.experiment.data;
    if (d.kind !== 'demo') throw new Error('not a demo');
    expect(d).toEqual(demoSourceRef(demoOptionsOf(d)));
    const a = generateDemo(demoOptionsOf(withKnobs.data as DemoSourceRef));
    const b = generateDemo(demoOptionsOf(d));
    const bytes = (x: ArrayBufferView) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
    for (const k of ['user', 'item', 'timestamp', 'label'] as const) {
      expect(bytes(b.interactions[k]).equals(bytes(a.interactions[k]))).toBe(true);
    }
    a.modalities.forEach((m, i) => expect(bytes(b.modalities[i].data).equals(bytes(m.data))).toBe(true));
  });

  it('old links without knobs open as before; a knob out of range falls back with a warning', () => {
    const old = fromWire({ v: 2, d: { kind: 'demo', seed: 7, users: 500, items: 400 } });
    expect(old.warnings).toEqual([]);
    expect(old.experiment.data).toEqual({ kind: 'demo', seed: 7, users: 500, items: 400 });
    const bad = fromWire({
      v: 2,
      d: { kind: 'demo', seed: 7, users: 500, items: 400, knobs: { labelNoise: 0.9 } },
    });
    expect(bad.warnings).toEqual([expect.stringMatching(/^dataset: .*labelNoise/)]);
    expect(bad.experiment.data).toEqual(defaultExperiment().data);
    const topic = fromWire({
      v: 2,
      d: { kind: 'demo', seed: 7, users: 500, items: 400, knobs: { visualTopics: ['cats'] } },
    });
    expect(topic.warnings).toEqual([expect.stringMatching(/^dataset: /)]);
    expect(topic.experiment.data).toEqual(defaultExperiment().data);
  });
});
