import { describe, expect, it } from 'vitest';
import { fieldPairAgreement, pairAgreement, relevanceAuc } from './plantedAttention';

describe('planted pair in averaged attention', () => {
  it('ranks a planted pair that holds 3× uniform first, and a uniform one at the back of its ties', () => {
    const M = 4;
    const P = 6;
    const pair = new Float32Array(M * M);
    for (let i = 0; i < M; i++) for (let j = i + 1; j < M; j++) pair[i * M + j] = 1 / P;
    const flat = pairAgreement(pair, M, 1, 3);
    // All tied: ties count against the planted pair, so uniform attention cannot look like agreement.
    expect(flat).toEqual({ rank: 6, of: 6, ratio: expect.closeTo(1, 6), topRatio: expect.closeTo(1, 6) });
    pair[1 * M + 3] = 3 / P;
    pair[0 * M + 1] = 0.5 / P;
    const peaked = pairAgreement(pair, M, 3, 1);
    expect(peaked.rank).toBe(1);
    expect(peaked.ratio).toBeCloseTo(3, 6);
    expect(() => pairAgreement(pair, M, 2, 2)).toThrow(/not a pair/);
  });

  it('scores field pairs by the attention they pay each other over layers and heads', () => {
    // L·H = 2 maps over M = 3 fields; fields 0 and 2 attend to each other in map 1 only.
    const M = 3;
    const u = 1 / 3;
    const map0 = [u, u, u, u, u, u, u, u, u];
    const map1 = [0.1, 0.1, 0.8, u, u, u, 0.7, 0.2, 0.1];
    const a = fieldPairAgreement(Float32Array.from([...map0, ...map1]), [2, 1, M, M], 2, 0);
    expect(a.of).toBe(3);
    expect(a.rank).toBe(1);
    // (u + 0.8 + u + 0.7) / 4 × M
    expect(a.ratio).toBeCloseTo(((2 * u + 1.5) / 4) * 3, 6);
    const b = fieldPairAgreement(Float32Array.from([...map0, ...map1]), [2, 1, M, M], 0, 1);
    expect(b.rank).toBe(3);
  });

  it('scores behaviour weights by how well they single out the relevant behaviours, 0.5 by chance', () => {
    // 2 rows × T = 4; row 0: relevant t = 1, 3 weigh 0.9, 0.5 against 0.2, 0.6 → 3 of 4 pairs won;
    // row 1 has no relevant behaviour and is skipped; padding (t = 0 of row 1) never counts.
    const w = Float32Array.of(0.2, 0.9, 0.6, 0.5, 9, 0.1, 0.1, 0.1);
    const rel = Uint8Array.of(0, 1, 0, 1, 1, 0, 0, 0);
    const real = (r: number, t: number) => !(r === 1 && t === 0);
    expect(relevanceAuc(w, rel, 2, 4, real)).toEqual({ auc: 0.75, rows: 1 });
    // Equal weights: exactly chance.
    expect(relevanceAuc(new Float32Array(8).fill(0.3), rel, 2, 4, () => true).auc).toBe(0.5);
  });
});
