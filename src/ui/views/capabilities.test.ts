import { describe, expect, it } from 'vitest';
import { MODEL_CATALOG } from '../../models/catalog';
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

  it('keeps the modality graph off until the worker serves graphs', () => {
    expect(viewsFor('tmfun')).toEqual(['runs']);
    expect(viewsFor('tmfun', { graph: true })).toEqual(['graph', 'runs']);
    expect(viewsFor('dnn', { graph: true })).not.toContain('graph');
    expect(modelsWith('graph')).toEqual(['tmfun']);
    expect(viewsFor('')).toEqual(['runs']);
  });
});
