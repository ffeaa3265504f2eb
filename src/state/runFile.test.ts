import { describe, expect, it } from 'vitest';
import { defaultExperiment } from './experiment';
import { parseRunFile, serializeRunFile, type RunData } from './runFile';
import type { CtrEpochReport } from '../engine/train/ctr';

const report = (epoch: number, auc: number): CtrEpochReport => ({
  epoch,
  trainLoss: 0.6 - epoch / 100,
  valid: { auc, gauc: NaN, logloss: 0.55 },
  trainSeconds: 1.5,
  evalSeconds: 0.2,
  rowsPerSec: 12345,
});

const run: RunData = {
  modelId: 'dnn',
  modelConfig: { embeddingDim: 8, hiddenUnits: [64, 32] },
  trainConfig: { epochs: 2, seed: 7 },
  status: 'done',
  epochs: [report(1, 0.71), report(2, 0.73)],
  result: {
    epochs: [report(1, 0.71), report(2, 0.73)],
    bestEpoch: 2,
    test: { auc: 0.72, gauc: 0.6, logloss: 0.56 },
    valid: { auc: 0.73, gauc: 0.61, logloss: 0.55 },
    msPerEpoch: 1200,
    stopped: false,
    stoppedEarly: false,
    rowsPerSec: 12000,
    peakTensors: 40,
  },
  loss: [
    { x: 0.5, y: 0.69 },
    { x: 1, y: 0.6 },
  ],
};

const experiment = { ...defaultExperiment(), modelId: 'dnn', view: 'runs' };

describe('run file', () => {
  it('round-trips a run and its experiment (NaN metrics included)', () => {
    const text = serializeRunFile(experiment, run, new Date('2025-01-02T03:04:05Z'));
    const back = parseRunFile(text);
    if (!back.ok) throw new Error(back.message);
    expect(back.warnings).toEqual([]);
    expect(back.file.exportedAt).toBe('2025-01-02T03:04:05.000Z');
    expect(back.file.run).toEqual(run); // toEqual treats NaN as equal to NaN
    expect(Number.isNaN(back.file.run.epochs[0].valid.gauc)).toBe(true);
    expect(back.file.experiment.modelId).toBe('dnn');
    expect(back.file.experiment.view).toBe('runs');
    expect(back.file.experiment.data).toEqual(experiment.data);
  });

  it('rejects broken and foreign files with a message, never throwing', () => {
    const good = JSON.parse(serializeRunFile(experiment, run)) as Record<string, unknown>;
    const bad = (patch: (o: Record<string, unknown>) => void) => {
      const o = structuredClone(good);
      patch(o);
      return JSON.stringify(o);
    };
    const cases: [string, RegExp][] = [
      ['', /not JSON/],
      ['{"a":', /not JSON/],
      ['[1,2]', /not a recplay run file/],
      ['null', /not a recplay run file/],
      [bad((o) => (o.version = 99)), /version 99/],
      [bad((o) => delete o.run), /damaged/],
      [bad((o) => ((o.run as Record<string, unknown>).epochs = 'many')), /damaged/],
      [bad((o) => ((o.run as Record<string, unknown>).status = 'exploded')), /damaged/],
      [bad((o) => ((o.run as { epochs: { epoch: unknown }[] }).epochs[0].epoch = -1)), /damaged/],
      [bad((o) => ((o.run as { loss: unknown[] }).loss = [{ x: '1', y: 2 }])), /damaged/],
      ['x'.repeat(21 * 1024 * 1024), /over 20 MB/],
    ];
    for (const [text, why] of cases) {
      const r = parseRunFile(text);
      expect(r.ok, text.slice(0, 60)).toBe(false);
      if (!r.ok) expect(r.message).toMatch(why);
    }
  });

  it('keeps a run whose experiment has a bad field, with a warning for that field only', () => {
    const o = JSON.parse(serializeRunFile(experiment, run)) as { experiment: Record<string, unknown> };
    o.experiment.b = 'quantum';
    const r = parseRunFile(JSON.stringify(o));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings.join(' ')).toMatch(/backend/);
      expect(r.file.experiment.modelId).toBe('dnn');
    }
  });
});
