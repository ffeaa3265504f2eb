import { describe, expect, it } from 'vitest';
import { auc, CTR_METRIC_INFO, gauc, isImprovement, logloss } from './ctr';

describe('auc', () => {
  it('matches a hand count of correctly ordered positive/negative pairs', () => {
    // Positives score 0.8, 0.4; negatives 0.5, 0.1. Pairs (pos > neg): 0.8>0.5, 0.8>0.1, 0.4>0.1 → 3 of 4.
    expect(auc([0.8, 0.5, 0.4, 0.1], [1, 0, 1, 0])).toBeCloseTo(3 / 4, 12);
  });
  it('counts ties as half', () => {
    // One positive, two negatives, all equal → 0.5; with one negative lower → (1 + 0.5) / 2.
    expect(auc([0.3, 0.3, 0.3], [1, 0, 0])).toBeCloseTo(0.5, 12);
    expect(auc([0.3, 0.3, 0.1], [1, 0, 0])).toBeCloseTo(0.75, 12);
  });
  it('is 1 for a perfect ranking, 0 for a reversed one, NaN for one class', () => {
    expect(auc([0.9, 0.8, 0.2], [1, 1, 0])).toBe(1);
    expect(auc([0.1, 0.2, 0.9], [1, 1, 0])).toBe(0);
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('logloss', () => {
  it('is the mean negative log-likelihood', () => {
    expect(logloss([0.9, 0.2], [1, 0])).toBeCloseTo(-(Math.log(0.9) + Math.log(0.8)) / 2, 12);
  });
  it('clips probabilities so a confident mistake is finite', () => {
    expect(Number.isFinite(logloss([0], [1]))).toBe(true);
    expect(logloss([0], [1])).toBeCloseTo(-Math.log(1e-7), 6);
  });
});

describe('gauc', () => {
  it('weights per-user AUC by the user’s rows and skips one-class users', () => {
    const scores = [0.9, 0.1, 0.2, 0.8, 0.7, 0.5, 0.4];
    const labels = [1, 0, 1, 0, 0, 1, 1];
    const users = [0, 0, 1, 1, 1, 2, 2];
    // user 0: AUC 1 (2 rows); user 1: positive 0.2 below both negatives → 0 (3 rows); user 2: one class, skipped.
    expect(gauc(scores, labels, users)).toBeCloseTo((1 * 2 + 0 * 3) / 5, 12);
  });
});

describe('isImprovement', () => {
  it('follows each metric’s direction, strictly', () => {
    expect(isImprovement(0.8, 0.7, CTR_METRIC_INFO.auc.smallerIsBetter)).toBe(true);
    expect(isImprovement(0.7, 0.7, CTR_METRIC_INFO.gauc.smallerIsBetter)).toBe(false);
    expect(isImprovement(0.4, 0.5, CTR_METRIC_INFO.logloss.smallerIsBetter)).toBe(true);
    expect(isImprovement(0.6, 0.5, CTR_METRIC_INFO.logloss.smallerIsBetter)).toBe(false);
  });
  it('never prefers NaN, and prefers any number to a NaN best', () => {
    expect(isImprovement(NaN, 0.5, false)).toBe(false);
    expect(isImprovement(0.1, NaN, false)).toBe(true);
    expect(isImprovement(NaN, NaN, true)).toBe(false);
  });
});
