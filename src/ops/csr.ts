/**
 * Sparse matrices in CSR form, as the top-k models keep them on the host (uploaded by `ops/sparse.ts`), and
 * the small helpers the graph builders share.
 */

/** An `[numRows, numCols]` sparse matrix in CSR form: row r's entries are `indptr[r] .. indptr[r + 1]`. */
export interface CsrMatrix {
  readonly numRows: number;
  readonly numCols: number;
  readonly indptr: Int32Array;
  /** Column of each entry, ascending within a row. */
  readonly indices: Int32Array;
  /** One value per entry; null = all ones. */
  readonly values: Float32Array | null;
  /** Optional factors: the matrix is diag(rowScale) · B · diag(colScale), B the stored entries. */
  readonly rowScale?: Float32Array;
  readonly colScale?: Float32Array;
}

/** A weighted square graph in CSR form (values always present). */
export interface CsrGraph extends CsrMatrix {
  readonly values: Float32Array;
}

/** Per-user item lists in CSR form (the shape of `engine/topk.ts`'s `UserItems`): sorted, unique. */
export interface UserItemLists {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
}

/** The rows (users) with at least one item, ascending. */
export function nonEmptyRows(lists: Pick<UserItemLists, 'indptr'>): Int32Array {
  const out: number[] = [];
  for (let u = 0; u + 1 < lists.indptr.length; u++) if (lists.indptr[u + 1] > lists.indptr[u]) out.push(u);
  return Int32Array.from(out);
}

/** Row sums of a CSR matrix (stored values only). */
export function rowSums(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.numRows);
  for (let r = 0; r < m.numRows; r++) {
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) out[r] += m.values ? m.values[p] : 1;
  }
  return out;
}

/** `D^-1/2` of the degrees (0 for an isolated node, so its row and column stay empty). */
export function invSqrt(deg: Float64Array): Float32Array {
  return Float32Array.from(deg, (d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
}

/** A CSR graph from one `column → value` map per row (columns sorted ascending within each row). */
export function fromRowMaps(rows: readonly Map<number, number>[], numCols: number): CsrGraph {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((m, i) => (indptr[i + 1] = indptr[i] + m.size));
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  rows.forEach((m, i) => {
    const cols = [...m.keys()].sort((a, b) => a - b);
    cols.forEach((c, t) => {
      indices[indptr[i] + t] = c;
      values[indptr[i] + t] = m.get(c)!;
    });
  });
  return { numRows: rows.length, numCols, indptr, indices, values };
}

/** Dense row-major copy (tests and small matrices only). */
export function csrToDense(m: CsrMatrix): Float64Array {
  const out = new Float64Array(m.numRows * m.numCols);
  for (let r = 0; r < m.numRows; r++) {
    for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) {
      const c = m.indices[p];
      out[r * m.numCols + c] +=
        (m.values ? m.values[p] : 1) * (m.rowScale ? m.rowScale[r] : 1) * (m.colScale ? m.colScale[c] : 1);
    }
  }
  return out;
}
