/**
 * Data shaping for the attention views: slices of the flat `[L, H, M, M]` payload (STYLE §8), cells for
 * the heatmaps, head differences and the pair triangle. Pure functions over typed arrays; no DOM.
 */

/** A row-major matrix over typed data (often a view into a larger payload: no copy). */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

export interface Cell {
  readonly row: number;
  readonly col: number;
  readonly value: number;
}

/** One head of the layer × head grid. */
export interface HeadCell {
  readonly layer: number;
  readonly head: number;
  readonly matrix: Matrix;
}

export interface HeadRef {
  readonly layer: number;
  readonly head: number;
}

/** Head `(layer, head)` of an `[L, H, M, M]` payload, as a view into its data. */
export function headMatrix(
  map: { readonly data: Float32Array; readonly shape: readonly number[] },
  layer: number,
  head: number,
): Matrix {
  const [L, H, M, K] = map.shape;
  if (map.shape.length !== 4) throw new Error(`expected [L, H, M, M], got [${map.shape.join(', ')}]`);
  if (layer < 0 || layer >= L || head < 0 || head >= H) throw new Error(`no head (${layer}, ${head})`);
  const size = M * K;
  const start = (layer * H + head) * size;
  return { data: map.data.subarray(start, start + size), rows: M, cols: K };
}

/** Every head of an `[L, H, M, M]` payload, layer by layer (the BertViz "model view" order). */
export function headGrid(map: {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}): HeadCell[] {
  const [L, H] = map.shape;
  const out: HeadCell[] = [];
  for (let l = 0; l < L; l++)
    for (let h = 0; h < H; h++) out.push({ layer: l, head: h, matrix: headMatrix(map, l, h) });
  return out;
}

/** Every cell of a matrix, row by row; `keep` filters them (the triangle keeps i < j). */
export function matrixCells(m: Matrix, keep?: (row: number, col: number) => boolean): Cell[] {
  const out: Cell[] = [];
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      if (!keep || keep(i, j)) out.push({ row: i, col: j, value: m.data[i * m.cols + j] });
    }
  }
  return out;
}

/** Largest finite value (0 for none): the top of a sequential colour domain. */
export function maxValue(data: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]) && data[i] > max) max = data[i];
  return max;
}

/** `[min, max]` of the cells' finite values (`[0, 0]` for none): e.g. the triangle's colour domain. */
export function cellExtent(cells: readonly Cell[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of cells) {
    if (!Number.isFinite(c.value)) continue;
    lo = Math.min(lo, c.value);
    hi = Math.max(hi, c.value);
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/** Largest |value| (0 for none): the half-width of a diverging colour domain. */
export function maxAbs(data: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const a = Math.abs(data[i]);
    if (Number.isFinite(a) && a > max) max = a;
  }
  return max;
}

/** `a − b`, cell by cell, for comparing two heads on a diverging scale. */
export function diffMatrix(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`cannot compare a ${a.rows}×${a.cols} head with a ${b.rows}×${b.cols} one`);
  }
  const data = new Float32Array(a.data.length);
  for (let i = 0; i < data.length; i++) data[i] = a.data[i] - b.data[i];
  return { data, rows: a.rows, cols: a.cols };
}

/** The upper triangle (i < j) of a pair-weight matrix: one cell per field pair. */
export function triangleCells(pairs: Matrix): Cell[] {
  return matrixCells(pairs, (i, j) => i < j);
}

export interface TopPair {
  readonly i: number;
  readonly j: number;
  readonly a: string;
  readonly b: string;
  readonly weight: number;
}

/** The `k` heaviest field pairs (i < j), heaviest first; ties keep row-major order. */
export function topPairs(pairs: Matrix, labels: readonly string[], k = 10): TopPair[] {
  return triangleCells(pairs)
    .map((c, order) => ({ c, order }))
    .sort((x, y) => y.c.value - x.c.value || x.order - y.order)
    .slice(0, k)
    .map(({ c }) => ({
      i: c.row,
      j: c.col,
      a: labels[c.row] ?? '',
      b: labels[c.col] ?? '',
      weight: c.value,
    }));
}

/** The cell under a point of a `width × height` drawing of a `rows × cols` grid, or null outside it. */
export function cellAt(
  x: number,
  y: number,
  width: number,
  height: number,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  if (!(x >= 0 && y >= 0 && x < width && y < height) || rows === 0 || cols === 0) return null;
  return { row: Math.floor((y / height) * rows), col: Math.floor((x / width) * cols) };
}

/** Readable field names: `user_id` → "user", `item_id` → "item", other underscores → spaces. */
export function readableField(name: string): string {
  if (name === 'user_id') return 'user';
  if (name === 'item_id') return 'item';
  return name.replace(/_/g, ' ');
}
