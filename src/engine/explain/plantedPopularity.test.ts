import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import {
  ctrItemScores,
  POPULARITY_USERS,
  popularityAgreement,
  popularitySignal,
  popularityVerdict,
  topkItemScores,
} from './plantedPopularity';

describe('planted popularity', () => {
  it('correlates ranks over the scored items only', () => {
    const planted = Array.from({ length: 20 }, (_, i) => i);
    // Monotone in the planted value (ranks agree fully), with two items the model did not score.
    const scores = Float64Array.from(planted, (p) => Math.exp(p / 5));
    scores[3] = NaN;
    scores[7] = NaN;
    expect(popularityAgreement(planted, scores)).toEqual({ rho: 1, items: 18 });
    const reversed = Float64Array.from(planted, (p) => -p);
    expect(popularityAgreement(planted, reversed)!.rho).toBeCloseTo(-1, 10);
    // Fewer than ten scored items: nothing to say.
    expect(popularityAgreement(planted.slice(0, 9), scores.slice(0, 9))).toBeNull();
  });

  it('averages a ctr model’s logits per item, NaN for items with too few rows', () => {
    const itemOfRow = Int32Array.from([0, 1, 0, 2, 0, 1]);
    // Rows 5, 0, 2, 3 in that order, their logits beside them.
    const rows = Int32Array.from([5, 0, 2, 3]);
    const scores = ctrItemScores([1, 2, 4, -1], rows, itemOfRow, 4, 2);
    expect(scores[0]).toBe(3); // rows 0 and 2
    expect(Number.isNaN(scores[1])).toBe(true); // one row only
    expect(Number.isNaN(scores[2])).toBe(true);
    expect(Number.isNaN(scores[3])).toBe(true); // none
  });

  it('calls ρ learned, partly, chance or against by its thresholds', () => {
    expect(popularityVerdict(0.7)).toBe('learned');
    expect(popularityVerdict(0.2)).toBe('partly');
    expect(popularityVerdict(0.05)).toBe('chance');
    expect(popularityVerdict(-0.05)).toBe('chance');
    expect(popularityVerdict(-0.3)).toBe('against');
    const row = popularitySignal({ rho: 0.66, items: 1200 });
    expect(row).toMatchObject({ id: 'popularity', chance: 0, best: 1, verdict: 'learned', shown: 'ρ 0.66' });
    expect(row.learned).toMatch(/1,200 items/);
  });

  it('averages a top-k model’s scores over a bounded sample of users, leaving no tensors', async () => {
    await tf.setBackend('cpu');
    const numItems = 5;
    const seen: number[] = [];
    // Scores: user u gives item i the value u + i, so the mean over users is mean(u) + i.
    const model = {
      scoreUsers: (users: Int32Array) => {
        seen.push(...users);
        return tf.tidy(() =>
          tf.add(
            tf.tensor2d(Float32Array.from(users), [users.length, 1]),
            tf.expandDims(tf.range(0, numItems), 0),
          ),
        ) as tf.Tensor2D;
      },
    };
    const before = tf.memory().numTensors;
    const few = await topkItemScores(model, Int32Array.from([2, 4, 6]), numItems, 2);
    expect(Array.from(few)).toEqual([4, 5, 6, 7, 8]);
    const many = Int32Array.from({ length: 1000 }, (_, u) => u);
    seen.length = 0;
    await topkItemScores(model, many, numItems);
    expect(seen.length).toBe(POPULARITY_USERS);
    expect(new Set(seen).size).toBe(POPULARITY_USERS);
    expect(tf.memory().numTensors).toBe(before);
  });
});
