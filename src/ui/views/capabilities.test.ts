import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../../models/registry';
import { modelsWith, needsExample, viewsFor } from './capabilities';

describe('view capabilities', () => {
  it('gives each model the views its entry lists, in order, then the run comparison', () => {
    for (const m of REGISTRY.models) expect(viewsFor(m.id)).toEqual([...m.views, 'runs']);
    expect(viewsFor('din')).toEqual(['behaviour', 'embedding', 'recommend', 'runs']);
    expect(viewsFor('tmfun')).toEqual(['graph', 'embedding', 'recommend', 'runs']);
    expect(viewsFor('lr')).not.toContain('embedding');
  });

  it('offers planted vs learned to every model, on the demo only', () => {
    expect(viewsFor('mmdin', true)).toEqual(['behaviour', 'embedding', 'recommend', 'planted', 'runs']);
    expect(viewsFor('dnn', true)).toContain('planted');
    expect(viewsFor('mmdin', false)).not.toContain('planted');
    expect(viewsFor('tmfun', true)).toEqual(['graph', 'embedding', 'recommend', 'planted', 'runs']);
    expect(viewsFor('lightgcn', true)).toContain('planted');
    expect(viewsFor('pop', true)).toEqual(['recommend', 'planted', 'runs']);
    expect(viewsFor('pop', false)).toEqual(['recommend', 'runs']);
    expect(viewsFor('', true)).toEqual(['runs']);
  });

  it('asks the worker for an example only for the attention views', () => {
    expect(needsExample('dnn')).toBe(false);
    expect(needsExample('amfr')).toBe(true);
    expect(needsExample('mmdin')).toBe(true);
    expect(needsExample('tmfun')).toBe(false);
  });

  it('names the models of a view from the registry; an unknown or empty id gets only run comparison', () => {
    expect(modelsWith('graph')).toEqual(['tmfun']);
    expect(modelsWith('recommend')).toEqual(REGISTRY.models.map((m) => m.id));
    expect(viewsFor('')).toEqual(['runs']);
    expect(viewsFor('gpt')).toEqual(['runs']);
  });
});
