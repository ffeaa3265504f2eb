/** The report's protocol figures: every model id they are keyed by is a registry ctr model; the target cells. */
import { describe, expect, it } from 'vitest';
import { REGISTRY, requireModel } from '../../src/models/registry';
import { P1_REFS, P1_TARGETS, P2_REFS, p1TargetCell, refNamed, SPEED_TARGETS } from './protocols.mjs';

describe('the report’s protocol figures', () => {
  it('name only ctr models of the registry (a renamed model would silently lose its target)', () => {
    const ids = [...Object.keys(P1_TARGETS), ...SPEED_TARGETS.map((t) => t.model)];
    expect(ids).toEqual(expect.arrayContaining(['autoint', 'din', 'amfr', 'mmdin']));
    for (const id of ids) expect(() => requireModel(id, 'ctr')).not.toThrow();
    // The check can fail: a top-k id is refused.
    expect(REGISTRY.get('lightgcn')).toBeDefined();
    expect(() => requireModel('lightgcn', 'ctr')).toThrow();
  });

  it('tie P2 reference rows of our own runs to top-k models of the registry', () => {
    const ids = P2_REFS.flatMap((r) => (r.model ? [r.model] : []));
    expect(ids).toEqual(['ease', 'itemknn', 'sasrec']);
    for (const id of ids) expect(() => requireModel(id, 'topk')).not.toThrow();
  });

  it('take the speed targets from the reference rows of PROTOCOLS.md', () => {
    expect(SPEED_TARGETS.map((t) => [t.model, t.rowsPerSec])).toEqual([
      ['autoint', 13465],
      ['din', 13274],
    ]);
    expect(() => refNamed(P1_REFS, 'AutoInt')).toThrow(/no reference row "AutoInt"/);
  });

  it('judge a test AUC against a range, a floor, or nothing', () => {
    expect(p1TargetCell('autoint', 0.79)).toBe('0.7851–0.7951 ✓');
    expect(p1TargetCell('autoint', 0.7952)).toBe('0.7851–0.7951 ✗');
    expect(p1TargetCell('amfr', 0.7899)).toBe('≥ 0.790 ✗');
    expect(p1TargetCell('amfr', 0.79)).toBe('≥ 0.790 ✓');
    expect(p1TargetCell('dnn', 0.8)).toBe('');
  });
});
