import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../../models/catalog';
import { TOPK_CATALOG } from '../../models/topk/catalog';
import { modelsWith, needsInspection, viewsFor } from './capabilities';

describe('view capabilities', () => {
  it('offers recommendations for every ctr model and the embedding map where there is an embedding', () => {
    for (const m of MODEL_CATALOG) {
      expect(viewsFor(m.id)).toContain('recommend');
      expect(viewsFor(m.id).at(-1)).toBe('runs');
    }
    expect(viewsFor('lr')).not.toContain('embedding');
    expect(viewsFor('din')).toEqual(['behaviour', 'embedding', 'recommend', 'runs']);
    expect(needsInspection('dnn')).toBe(false);
    expect(needsInspection('amfr')).toBe(true);
  });

  it('offers recommendations for every top-k model', () => {
    for (const m of TOPK_CATALOG) expect(viewsFor(m.id, { graph: true })).toContain('recommend');
    expect(modelsWith('recommend')).toEqual(expect.arrayContaining(['lightgcn', 'tmfun']));
  });

  it('keeps the modality graph off until the worker serves graphs', () => {
    expect(viewsFor('tmfun')).toEqual(['recommend', 'runs']);
    expect(viewsFor('tmfun', { graph: true })).toEqual(['graph', 'recommend', 'runs']);
    expect(viewsFor('dnn', { graph: true })).not.toContain('graph');
    expect(modelsWith('graph')).toEqual(['tmfun']);
    expect(viewsFor('')).toEqual(['runs']);
  });
});
