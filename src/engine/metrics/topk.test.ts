import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends';
import { evaluateTopk, topkValue, userItemsFromPairs, type TopkMetricName, type TopkResult } from './topk';

/** `scoreUsers` over a fixed `[numUsers, numItems]` matrix kept on the device. */
function scorer(matrix: tf.Tensor2D) {
  return (users: Int32Array) => tf.tidy(() => tf.gather(matrix, tf.tensor1d(users, 'int32')) as tf.Tensor2D);
}

/** `UserItems` from one list per user. */
function lists(perUser: number[][]) {
  const users = perUser.flatMap((items, u) => items.map(() => u));
  return userItemsFromPairs(perUser.length, users, perUser.flat());
}

const log2 = Math.log2;
const ks = [1, 3, 5, 10]; // 10 > the 6 items: positions past the last item are misses

// Four users, six items. Expected values are per user, one per cutoff in `ks`, written as formulas.
const scores = [
  [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], // u0: item 0 excluded → ranks 1..5 = items 1..5
  [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], // u1: all tied → ranked by item index
  [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], // u2: no ground truth → not averaged
  [0.1, 0.5, 0.4, 0.9, 0.3, 1.0], // u3: items 3, 5 excluded → 1, 2, 4, 0; item 5 also in its truth
];
const exclude = [[0], [], [], [5, 3]];
const truth = [[1, 4], [2], [], [5, 0]];
const idcg2 = 1 + 1 / log2(3); // ideal DCG of two relevant items
const expected: Record<TopkMetricName, number[][]> = {
  // u0 hits at ranks 1 and 4; u1 at rank 3; u3 at rank 4 (item 0) — item 5 is masked, never a hit.
  recall: [
    [1 / 2, 1 / 2, 2 / 2, 2 / 2],
    [0, 1, 1, 1],
    [0, 0, 1 / 2, 1 / 2],
  ],
  ndcg: [
    [1, 1 / idcg2, (1 + 1 / log2(5)) / idcg2, (1 + 1 / log2(5)) / idcg2],
    [0, 1 / log2(4), 1 / log2(4), 1 / log2(4)],
    [0, 0, 1 / log2(5) / idcg2, 1 / log2(5) / idcg2],
  ],
  hit: [
    [1, 1, 1, 1],
    [0, 1, 1, 1],
    [0, 0, 1, 1],
  ],
  mrr: [
    [1, 1, 1, 1],
    [0, 1 / 3, 1 / 3, 1 / 3],
    [0, 0, 1 / 4, 1 / 4],
  ],
  precision: [
    [1, 1 / 3, 2 / 5, 2 / 10],
    [0, 1 / 3, 1 / 5, 1 / 10],
    [0, 0, 1 / 5, 1 / 10],
  ],
};
const mean = (rows: number[][], c: number) => rows.reduce((s, r) => s + r[c], 0) / rows.length;

describe.each(['cpu', 'wasm'] as const)('top-k evaluation on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('ranks ties by ascending item index (tf.topk), also past the first K and in long tied runs', async () => {
    const check = async (values: number[], k: number, want: number[]) => {
      const { indices, values: v } = tf.topk(tf.tensor2d([values]), k, true);
      expect(Array.from(await indices.data())).toEqual(want);
      tf.dispose([indices, v]);
    };
    await check([0.5, 0.9, 0.5, 0.9, 0.5], 5, [1, 3, 0, 2, 4]);
    await check([0.5, 0.9, 0.5, 0.9, 0.5], 3, [1, 3, 0]);
    const flat = new Array<number>(3000).fill(0.25);
    flat[2999] = 1;
    await check(flat, 50, [2999, ...Array.from({ length: 49 }, (_, i) => i)]);
  });

  it('computes Recall/NDCG/Hit/MRR/Precision@K as hand formulas, over users with ground truth only', async () => {
    const matrix = tf.tensor2d(scores);
    const before = tf.memory().numTensors;
    const results: TopkResult[] = [];
    for (const userBatch of [1, 2, 256]) {
      results.push(await evaluateTopk(scorer(matrix), 6, lists(exclude), lists(truth), { ks, userBatch }));
    }
    expect(tf.memory().numTensors).toBe(before);
    matrix.dispose();
    for (const r of results) {
      expect(r.numUsers).toBe(3);
      expect(r.ks).toEqual(ks);
      for (const name of Object.keys(expected) as TopkMetricName[]) {
        ks.forEach((k, c) =>
          expect(topkValue(r, name, k), `${name}@${k}`).toBeCloseTo(mean(expected[name], c), 6),
        );
      }
    }
  });

  it('never counts an excluded item even when K reaches past every unmasked item', async () => {
    // One user, three items: two excluded and both relevant; the only rankable item is not.
    const matrix = tf.tensor2d([[0.9, 0.8, 0.1]]);
    const r = await evaluateTopk(scorer(matrix), 3, lists([[0, 1]]), lists([[0, 1]]), { ks: [1, 5] });
    matrix.dispose();
    for (const name of ['recall', 'ndcg', 'hit', 'mrr', 'precision'] as const) {
      expect(topkValue(r, name, 5)).toBe(0);
    }
  });

  it('uses the default cutoffs 5, 10, 20, 50 and rejects bad cutoffs and shapes', async () => {
    const matrix = tf.tensor2d(scores);
    const r = await evaluateTopk(scorer(matrix), 6, lists(exclude), lists(truth));
    expect(r.ks).toEqual([5, 10, 20, 50]);
    expect(topkValue(r, 'recall', 50)).toBeCloseTo(mean(expected.recall, 3), 6);
    expect(() => topkValue(r, 'recall', 7)).toThrow(/recall@7/);
    await expect(
      evaluateTopk(scorer(matrix), 6, lists(exclude), lists(truth), { ks: [5, 3] }),
    ).rejects.toThrow(/ascending/);
    await expect(evaluateTopk(scorer(matrix), 7, lists(exclude), lists(truth))).rejects.toThrow(
      /expected \[/,
    );
    matrix.dispose();
  });
});

describe('userItemsFromPairs', () => {
  it('groups by user, sorts, and drops repeated pairs', () => {
    const ui = userItemsFromPairs(3, [2, 0, 2, 2, 0], [7, 4, 1, 7, 9]);
    expect(Array.from(ui.indptr)).toEqual([0, 2, 2, 4]);
    expect(Array.from(ui.indices)).toEqual([4, 9, 1, 7]);
  });
});
