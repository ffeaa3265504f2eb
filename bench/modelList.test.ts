/** `--models`: family names expand to the registry's models of the protocol's family; ids pass through. */
import { describe, expect, it } from 'vitest';
import { MODELS, REGISTRY, makeRegistry } from '../src/models/registry';
import { expandModels, PROTOCOL_FAMILY } from './modelList';

const ids = (family: 'ctr' | 'topk') => REGISTRY.family(family).map((m) => m.id);

describe('expandModels', () => {
  it('expands ctr and all to every ctr model for the ctr protocols, topk and all to every top-k model for p2', () => {
    expect(ids('ctr')).toContain('din');
    expect(ids('topk')).toContain('lightgcn');
    for (const protocol of ['demo', 'p1'] as const) {
      expect(expandModels('ctr', protocol)).toEqual(ids('ctr'));
      expect(expandModels('all', protocol)).toEqual(ids('ctr'));
    }
    expect(expandModels('topk', 'p2')).toEqual(ids('topk'));
    expect(expandModels('all', 'p2')).toEqual(ids('topk'));
  });

  it('keeps ids and p2 entries as written, in place beside an expanded family', () => {
    expect(expandModels('dnn', 'p1')).toEqual(['dnn']);
    expect(expandModels('din,lr', 'demo')).toEqual(['din', 'lr']);
    // Unknown ids are the runner's to refuse (requireModel names the models there are).
    expect(expandModels('nosuchmodel', 'p1')).toEqual(['nosuchmodel']);
    expect(expandModels('tmfun:gamma=0.3:learningRate=0.01,topk,pop', 'p2')).toEqual([
      'tmfun:gamma=0.3:learningRate=0.01',
      ...ids('topk'),
      'pop',
    ]);
  });

  it('refuses the family a protocol does not train, and settings on a family name', () => {
    expect(() => expandModels('topk', 'p1')).toThrow(
      /"topk": protocol p1 trains ctr models, not topk ones \(use ctr, all, or ids: .*din/,
    );
    expect(() => expandModels('dnn,ctr', 'p2')).toThrow(/protocol p2 trains topk models, not ctr ones/);
    expect(() => expandModels('topk:epochs=3', 'p2')).toThrow(/a family name takes no settings/);
  });

  it('reads the registry it is given: a model added there is in the expansion', () => {
    const din = MODELS.find((m) => m.id === 'din')!;
    const pop = MODELS.find((m) => m.id === 'pop')!;
    const small = makeRegistry([pop, din]);
    expect(expandModels('all', 'p1', small)).toEqual(['din']);
    expect(expandModels('all', 'p2', small)).toEqual(['pop']);
  });

  it('no model id is a family name (it could not be named on its own)', () => {
    const families = [...new Set(Object.values(PROTOCOL_FAMILY)), 'all'];
    for (const m of MODELS) expect(families).not.toContain(m.id);
  });
});
