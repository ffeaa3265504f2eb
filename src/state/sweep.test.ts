import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { SweepSpec } from '../engine/sweep/samplers';
import type { TrialRecord } from '../engine/sweep/runner';
import { defaultExperiment, fromWire, parseExperiment, serializeExperiment, toWire } from './experiment';
import { openSweepStore } from './sweepDb';
import { sweepFromWire, sweepToWire, type SweepLink } from './sweepLink';

const spec: SweepSpec = {
  space: {
    modelId: 'amfr',
    dims: [
      {
        kind: 'number',
        target: 'train',
        key: 'learningRate',
        min: 1e-4,
        max: 1e-1,
        scale: 'log',
        integer: false,
      },
      {
        kind: 'number',
        target: 'model',
        key: 'embeddingDim',
        min: 4,
        max: 32,
        scale: 'linear',
        integer: true,
      },
      { kind: 'number', target: 'model', key: 'layers', min: 1, max: 3, scale: 'linear', integer: true },
    ],
  },
  search: 'halving',
  seed: 'demo-sweep',
  budget: { trials: 6, epochs: 2, minutes: 5 },
  metric: 'auc',
  smallerIsBetter: false,
};
const sweep: SweepLink = {
  spec,
  summary: {
    trials: 6,
    ok: 5,
    end: 'done',
    best: { values: { 'train.learningRate': 0.01, embeddingDim: 8, layers: 2 }, valid: 0.71 },
  },
};
const trial = (index: number): TrialRecord => ({
  index,
  config: index,
  rung: 0,
  values: { 'train.learningRate': 0.01 * (index + 1) },
  epochs: 1,
  seed: 100 + index,
  status: index === 1 ? 'nan' : 'ok',
  valid: index === 1 ? null : 0.6 + index / 100,
  test: index === 1 ? null : 0.5,
  validCurve: index === 1 ? [NaN] : [0.6],
  ms: 10,
});

describe('sweep in the share link', () => {
  it('round-trips space, seed, budget and summary through a link', async () => {
    const e = {
      ...defaultExperiment(),
      modelId: 'amfr',
      model: fromWire({ v: 2, m: 'amfr' }).experiment.model,
      sweep,
    };
    const parsed = await parseExperiment(await serializeExperiment(e));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.experiment.sweep).toEqual(sweep);
    expect(sweepFromWire(sweepToWire({ spec, summary: null })).sweep).toEqual({ spec, summary: null });
    // Every search travels, TPE among them.
    const tpe = { ...spec, search: 'tpe' as const };
    expect(sweepFromWire(sweepToWire({ spec: tpe, summary: null })).sweep).toEqual({
      spec: tpe,
      summary: null,
    });
  });

  it('links without a sweep open as before; a bad or foreign sweep is dropped with a message', async () => {
    const old = fromWire({ v: 2, m: 'amfr', t: { epochs: 3 } });
    expect(old.warnings).toEqual([]);
    expect('sweep' in old.experiment).toBe(false);
    expect(toWire(old.experiment).sw).toBeUndefined();
    const bad = fromWire({ v: 2, m: 'amfr', sw: { v: 1, search: 'annealing' } });
    expect(bad.experiment.sweep).toBeUndefined();
    expect(bad.warnings.join(' ')).toMatch(/^sweep: .*left out/);
    const foreign = fromWire({ v: 2, m: 'dnn', sw: sweepToWire(sweep) });
    expect(foreign.experiment.sweep).toBeUndefined();
    expect(foreign.warnings.join(' ')).toMatch(/over amfr, not dnn/);
    const v1 = fromWire({ v: 1, m: 'amfr', sw: sweepToWire(sweep) });
    expect(v1.experiment.sweep).toEqual(sweep);
  });
});

describe('sweep store', () => {
  it('keeps a sweep and its trials across reopening; an unreadable trial ends the list there', async () => {
    const factory = new IDBFactory();
    const a = await openSweepStore(factory);
    const base = {
      spec,
      modelId: 'amfr',
      modelConfig: { layers: 1 },
      trainConfig: { batchSize: 256 },
      backend: 'auto' as const,
      data: { kind: 'demo' as const, seed: 42, users: 100, items: 80 },
      status: 'running' as const,
    };
    const first = await a.saveSweep(base);
    const s = await a.saveSweep({ ...base, modelConfig: { layers: 2 } });
    expect(s.id).toBe(first.id + 1);
    for (const i of [0, 1, 2]) await a.putTrial(s.id, trial(i));
    await a.putTrial(first.id, trial(0));
    a.close();

    const b = await openSweepStore(factory);
    const latest = (await b.latest())!;
    expect(latest.sweep).toMatchObject({ id: s.id, status: 'running', modelConfig: { layers: 2 }, spec });
    expect(latest.trials).toEqual([trial(0), trial(1), trial(2)]);
    await b.setStatus(s.id, 'done');
    await b.putTrial(s.id, { ...trial(4) });
    await b.putTrial(s.id, { ...trial(3), status: 'weird' } as unknown as TrialRecord);
    const again = (await b.latest())!;
    expect(again.sweep.status).toBe('done');
    expect(again.trials).toHaveLength(3);
    b.close();
  });
});
