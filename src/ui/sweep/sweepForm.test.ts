import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../models/registry';
import { summaryOf } from './useSweep';
import { defaultDraft, draftFromLink, specOf, sweepMetric } from './sweepForm';

const amfr = REGISTRY.get('amfr')!;

describe('sweep form', () => {
  it('starts amfr on its learning rate, embedding size and layers, narrowed, within the schema', () => {
    const d = defaultDraft(amfr);
    expect(d.dims).toEqual([
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
      {
        kind: 'number',
        target: 'train',
        key: 'learningRate',
        min: 1e-4,
        max: 1e-1,
        scale: 'log',
        integer: false,
      },
    ]);
    const spec = specOf(d, sweepMetric(amfr, { earlyStoppingMetric: 'logloss' }));
    expect(typeof spec !== 'string' && spec.smallerIsBetter).toBe(true);
    expect(sweepMetric(amfr, {})).toBe('auc');
    expect(sweepMetric(REGISTRY.get('bprmf')!, {})).toBe('recall@20');
    expect(specOf({ ...d, dims: [] }, 'auc')).toMatch(/at least one/);
    expect(specOf({ ...d, trials: 0 }, 'auc')).toMatch(/Trials/);
  });

  it('a link fills the form, and the summary names the pick', () => {
    const spec = specOf(defaultDraft(amfr), 'auc');
    if (typeof spec === 'string') throw new Error(spec);
    expect(draftFromLink({ spec, summary: null })).toEqual(defaultDraft(amfr));
    const t = (index: number, valid: number | null) => ({
      index,
      config: index,
      rung: 0,
      values: { embeddingDim: index },
      epochs: 1,
      seed: 1,
      status: valid === null ? ('failed' as const) : ('ok' as const),
      valid,
      test: null,
      validCurve: [],
      ms: 1,
    });
    expect(summaryOf(spec, [t(0, 0.6), t(1, null), t(2, 0.7)], 'done')).toEqual({
      trials: 3,
      ok: 2,
      end: 'done',
      best: { values: { embeddingDim: 2 }, valid: 0.7 },
    });
  });
});
