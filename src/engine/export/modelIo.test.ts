import * as tf from '@tensorflow/tfjs-core';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../data/demo';
import { encodeCtr } from '../../data/features';
import { makeRng } from '../../data/random';
import { defaults } from '../../models/config';
import { REGISTRY, requireModel } from '../../models/registry';

const MODELS = REGISTRY.family('ctr');
import { initBackend } from '../backends';
import { predictCtr } from '../train/ctr';
import { exportModelZip, importModelZip } from './modelIo';
import { ModelFileError, readModelZip } from './modelFile';

const ds = generateDemo({ users: 60, items: 80, seed: 5 });
const enc = encodeCtr(ds);
const rows = Int32Array.from({ length: 300 }, (_, i) => i * 7);

async function build(id: string, seed: string) {
  const spec = requireModel(id, 'ctr');
  const config = { ...defaults(spec.configSchema), ...(id === 'dnn' ? { embeddingDim: 8 } : {}) };
  return { spec, config, model: await spec.build(config as never, enc, makeRng(seed)) };
}

beforeAll(async () => {
  await initBackend('cpu');
});

describe('model export → import', () => {
  for (const spec of MODELS) {
    it(`${spec.id}: the imported model predicts what the exported one did (within 1e-6)`, async () => {
      const before = tf.memory().numTensors;
      const a = await build(spec.id, 'a');
      const other = await build(spec.id, 'b');
      const want = await predictCtr(a.model, enc, rows);
      const unrelated = await predictCtr(other.model, enc, rows);
      // Different init: the test would notice weights that were not carried over.
      expect(Math.max(...want.map((p, i) => Math.abs(p - unrelated[i])))).toBeGreaterThan(1e-4);
      other.model.dispose();

      const zip = await exportModelZip({ model: a.model, modelId: spec.id, config: a.config }, enc, ds, null);
      a.model.dispose();
      const imported = await importModelZip(zip, enc);
      const got = await predictCtr(imported.model, enc, rows);
      imported.model.dispose();
      expect(imported.meta.modelId).toBe(spec.id);
      for (let i = 0; i < rows.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-6);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('writes the tfjs weights-manifest format: tf.io.decodeWeights reads weights.bin back', async () => {
    const a = await build('dnn', 'a');
    const zip = await exportModelZip({ model: a.model, modelId: 'dnn', config: a.config }, enc, ds, {
      auc: 0.75,
      gauc: NaN,
      logloss: 0.5,
    });
    const files = unzipSync(zip);
    const json = JSON.parse(strFromU8(files['model.json'])) as {
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
      recplay: { modelId: string; config: unknown; encoding: { totalVocab: number }; test: unknown };
    };
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(json.recplay.modelId).toBe('dnn');
    expect(json.recplay.config).toEqual(a.config);
    expect(json.recplay.encoding.totalVocab).toBe(enc.totalVocab);
    expect(json.recplay.test).toEqual({ auc: 0.75, gauc: null, logloss: 0.5 });
    const bin = files['weights.bin'];
    const decoded = tf.io.decodeWeights(
      bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
      json.weightsManifest[0].weights,
    );
    const names = a.model.variableNames!;
    expect(Object.keys(decoded)).toEqual([...names]);
    for (let i = 0; i < names.length; i++) {
      expect(Array.from(await decoded[names[i]].data())).toEqual(
        Array.from(await a.model.trainableVariables[i].data()),
      );
    }
    tf.dispose(Object.values(decoded));
    a.model.dispose();
  });
});

describe('model import refuses what does not fit, with a message', () => {
  let zip: Uint8Array;
  beforeAll(async () => {
    const a = await build('dnn', 'a');
    zip = await exportModelZip({ model: a.model, modelId: 'dnn', config: a.config }, enc, ds, null);
    a.model.dispose();
  });

  it('other data: names the dataset and what differs', async () => {
    const before = tf.memory().numTensors;
    const other = encodeCtr(generateDemo({ users: 70, items: 80, seed: 5 }));
    await expect(importModelZip(zip, other)).rejects.toThrow(ModelFileError);
    await expect(importModelZip(zip, other)).rejects.toThrow(
      /Demo micro-videos.*60 users.*user_id has 60 values.*70/,
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a config this app does not accept, an unknown model, a newer format', async () => {
    const files = unzipSync(zip);
    const json = JSON.parse(strFromU8(files['model.json'])) as { recplay: Record<string, unknown> };
    const rezip = (recplay: Record<string, unknown>) =>
      zipSync({
        'model.json': strToU8(JSON.stringify({ ...json, recplay: { ...json.recplay, ...recplay } })),
        'weights.bin': files['weights.bin'],
      });
    const config = json.recplay.config as Record<string, unknown>;
    await expect(importModelZip(rezip({ config: { ...config, embeddingDim: 'x' } }), enc)).rejects.toThrow(
      /settings do not fit/,
    );
    await expect(importModelZip(rezip({ modelId: 'gpt' }), enc)).rejects.toThrow(/"gpt" model/);
    await expect(importModelZip(rezip({ formatVersion: 2 }), enc)).rejects.toThrow(/format version 2/);
  });

  it('broken files: not a zip, no model.json, bad JSON, truncated weights', () => {
    expect(() => readModelZip(strToU8('hello'))).toThrow(/Not a zip/);
    expect(() => readModelZip(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/no model.json/);
    const files = unzipSync(zip);
    expect(() =>
      readModelZip(zipSync({ 'model.json': strToU8('{'), 'weights.bin': files['weights.bin'] })),
    ).toThrow(/not valid JSON/);
    expect(() =>
      readModelZip(
        zipSync({ 'model.json': strToU8('{"weightsManifest":[]}'), 'weights.bin': files['weights.bin'] }),
      ),
    ).toThrow(/not a recplay model/);
    expect(() =>
      readModelZip(
        zipSync({ 'model.json': files['model.json'], 'weights.bin': files['weights.bin'].slice(8) }),
      ),
    ).toThrow(/weights.bin has \d+ bytes; model.json describes \d+/);
    const corrupt = zip.slice();
    corrupt.fill(0, 40, 80);
    expect(() => readModelZip(corrupt)).toThrow(ModelFileError);
  });
});
