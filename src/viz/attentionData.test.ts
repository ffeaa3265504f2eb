import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellExtent,
  diffMatrix,
  headGrid,
  headMatrix,
  matrixCells,
  maxAbs,
  maxValue,
  readableField,
  topPairs,
  triangleCells,
} from './attentionData';

/** `[L, H, M, M]` with value `1000·l + 100·h + 10·i + j`, so every cell names its own place. */
function coded(L: number, H: number, M: number) {
  const data = new Float32Array(L * H * M * M);
  for (let l = 0; l < L; l++)
    for (let h = 0; h < H; h++)
      for (let i = 0; i < M; i++)
        for (let j = 0; j < M; j++) data[((l * H + h) * M + i) * M + j] = 1000 * l + 100 * h + 10 * i + j;
  return { data, shape: [L, H, M, M] };
}

describe('heatmap cells from [L, H, M, M]', () => {
  const map = coded(2, 3, 4);

  it('slices head (l, h) as an M×M view into the payload', () => {
    const m = headMatrix(map, 1, 2);
    expect(m.rows).toBe(4);
    expect(m.cols).toBe(4);
    expect(m.data[0]).toBe(1200);
    expect(m.data[2 * 4 + 3]).toBe(1223);
    expect(m.data.buffer).toBe(map.data.buffer); // a view, not a copy
  });

  it('lists L×H heads layer by layer, and M×M cells row by row', () => {
    const grid = headGrid(map);
    expect(grid).toHaveLength(6);
    expect(grid.map((c) => [c.layer, c.head])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    const cells = matrixCells(grid[4].matrix);
    expect(cells).toHaveLength(16);
    expect(cells[6]).toEqual({ row: 1, col: 2, value: 1112 });
  });

  it('rejects a shape that is not [L, H, M, M] and a head out of range', () => {
    expect(() => headMatrix({ data: new Float32Array(4), shape: [2, 2] }, 0, 0)).toThrow(/\[L, H, M, M\]/);
    expect(() => headMatrix(map, 2, 0)).toThrow(/no head/);
  });
});

describe('diff of two heads', () => {
  it('is a − b cell by cell, on a symmetric domain', () => {
    const a = { data: Float32Array.from([0.5, 0.5, 0.9, 0.1]), rows: 2, cols: 2 };
    const b = { data: Float32Array.from([0.2, 0.8, 0.9, 0.1]), rows: 2, cols: 2 };
    const d = diffMatrix(a, b);
    expect(Array.from(d.data).map((v) => Number(v.toFixed(6)))).toEqual([0.3, -0.3, 0, 0]);
    expect(maxAbs(d.data)).toBeCloseTo(0.3, 6);
    expect(() => diffMatrix(a, { data: new Float32Array(9), rows: 3, cols: 3 })).toThrow(/cannot compare/);
  });
});

describe('pair triangle', () => {
  // Upper triangle of a 4×4 matrix: pairs (0,1)=.1 (0,2)=.3 (0,3)=.05 (1,2)=.3 (1,3)=.2 (2,3)=.05.
  const M = 4;
  const data = new Float32Array(M * M);
  const set = (i: number, j: number, v: number) => (data[i * M + j] = v);
  set(0, 1, 0.1);
  set(0, 2, 0.3);
  set(0, 3, 0.05);
  set(1, 2, 0.3);
  set(1, 3, 0.2);
  set(2, 3, 0.05);
  set(3, 0, 9); // below the diagonal: never a pair
  const pairs = { data, rows: M, cols: M };

  it('has one cell per pair i < j', () => {
    const cells = triangleCells(pairs);
    expect(cells).toHaveLength((M * (M - 1)) / 2);
    expect(cells.every((c) => c.row < c.col)).toBe(true);
  });

  it('spans only the pairs, not the empty lower triangle', () => {
    const [lo, hi] = cellExtent(triangleCells(pairs));
    expect(lo).toBeCloseTo(0.05, 6);
    expect(hi).toBeCloseTo(0.3, 6);
    expect(cellExtent([])).toEqual([0, 0]);
  });

  it('ranks the top pairs by weight, ties in row-major order, with their labels', () => {
    const top = topPairs(pairs, ['a', 'b', 'c', 'd'], 3);
    expect(top.map((p) => `${p.a}×${p.b}`)).toEqual(['a×c', 'b×c', 'b×d']);
    expect(top[0].weight).toBeCloseTo(0.3, 6);
    expect(topPairs(pairs, ['a', 'b', 'c', 'd'])).toHaveLength(6); // fewer than 10 pairs
  });
});

describe('helpers', () => {
  it('finds the cell under a point, and nothing outside', () => {
    expect(cellAt(0, 0, 100, 50, 5, 10)).toEqual({ row: 0, col: 0 });
    expect(cellAt(99.9, 49.9, 100, 50, 5, 10)).toEqual({ row: 4, col: 9 });
    expect(cellAt(25, 15, 100, 50, 5, 10)).toEqual({ row: 1, col: 2 });
    expect(cellAt(100, 10, 100, 50, 5, 10)).toBeNull();
    expect(cellAt(-1, 10, 100, 50, 5, 10)).toBeNull();
  });

  it('takes the largest finite value, 0 for none', () => {
    expect(maxValue(Float32Array.from([0.2, NaN, 0.7, -3]))).toBeCloseTo(0.7, 6);
    expect(maxValue([])).toBe(0);
  });

  it('names fields readably', () => {
    expect(['user_id', 'item_id', 'upload_day', 'visual'].map(readableField)).toEqual([
      'user',
      'item',
      'upload day',
      'visual',
    ]);
  });
});
