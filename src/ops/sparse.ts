/**
 * Sparse × dense products `A · x` with gradients, for graph propagation (LightGCN, tmfun).
 *
 * A matrix comes from `ops/graph.ts` as host CSR (`ops/csr.ts`), `A = diag(rowScale) · B · diag(colScale)`,
 * so that a normalised adjacency `D^-1/2 R D^-1/2` of a 0/1 matrix R stores no per-edge weights.
 *
 * Two paths, both with the gradient `dx = Aᵀ · dy` given explicitly (`tf.customGrad`; A is a constant):
 * - `spmmGatherScatter`: `gather` + `unsortedSegmentSum` on the backend, the general path (GPU backends).
 *   tfjs's own gradient of `unsortedSegmentSum` goes through a broadcast `logicalAnd` + `where` over
 *   `[nnz, d]` that took 2.1 s on wasm for nnz = 161,616, d = 64 (ml-100k's graph); the explicit gradient
 *   is one more gather + segment sum.
 * - `spmmHost`: one CSR kernel on cpu and wasm, whose tensors live in host memory (`CSR_MAT_MUL`; on wasm
 *   SIMD WebAssembly working on the heap in place). No `[nnz, d]` intermediate: measured on wasm for
 *   ml-100k's graph, gather 55 ms + segment sum 64 ms per product through the backend, ≈ 10 ms for a
 *   JavaScript CSR loop.
 * `spmm` picks the host loop on cpu/wasm and gather + segment sum elsewhere; the tests compare the two.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { CsrMatrix } from './csr';

export type { CsrMatrix };

/** CSR arrays with the scales folded into the values, for the host loop. */
interface HostCsr {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** The same as tensors, the host kernel's inputs. */
interface KernelCsr {
  readonly indptr: tf.Tensor1D;
  readonly indices: tf.Tensor1D;
  readonly values: tf.Tensor1D;
}

/** A matrix ready for products; `disposeSparse` frees its tensors. */
export interface SparseMatrix {
  readonly numRows: number;
  readonly numCols: number;
  readonly nnz: number;
  /** `[nnz]` int32 row / column of each entry (CSR order). */
  readonly rows: tf.Tensor1D;
  readonly cols: tf.Tensor1D;
  /** `[nnz, 1]` stored values, or null for all ones. */
  readonly values: tf.Tensor2D | null;
  /** `[numRows, 1]` / `[numCols, 1]` scalings, or null. */
  readonly rowScale: tf.Tensor2D | null;
  readonly colScale: tf.Tensor2D | null;
  /** A and Aᵀ in CSR with effective values, for the host kernel; null when uploaded on a GPU backend. */
  readonly host: { readonly a: KernelCsr; readonly at: KernelCsr } | null;
}

function checkEntries(m: CsrMatrix): void {
  const nnz = m.indices.length;
  if (m.indptr.length !== m.numRows + 1 || m.indptr[0] !== 0 || m.indptr[m.numRows] !== nnz) {
    throw new Error(`indptr must have numRows + 1 entries from 0 to nnz (${nnz})`);
  }
  if (m.values && m.values.length !== nnz)
    throw new Error(`values has ${m.values.length} entries, nnz ${nnz}`);
  if (m.rowScale && m.rowScale.length !== m.numRows) throw new Error('rowScale length ≠ numRows');
  if (m.colScale && m.colScale.length !== m.numCols) throw new Error('colScale length ≠ numCols');
  for (let r = 0; r < m.numRows; r++) {
    if (m.indptr[r + 1] < m.indptr[r]) throw new Error(`indptr decreases at row ${r}`);
  }
  for (let p = 0; p < nnz; p++) {
    const c = m.indices[p];
    if (!(c >= 0 && c < m.numCols)) throw new Error(`entry ${p} has column ${c}, outside [0, ${m.numCols})`);
  }
}

/** Row of each entry. */
function entryRows(m: CsrMatrix): Int32Array {
  const rows = new Int32Array(m.indices.length);
  for (let r = 0; r < m.numRows; r++) rows.fill(r, m.indptr[r], m.indptr[r + 1]);
  return rows;
}

/** The matrix (`transpose` false) or its transpose in CSR, scales folded into the values. */
function hostCsr(m: CsrMatrix, rows: Int32Array, transpose: boolean): HostCsr {
  const nnz = m.indices.length;
  const value = new Float32Array(nnz);
  for (let p = 0; p < nnz; p++) {
    value[p] =
      (m.values ? m.values[p] : 1) *
      (m.rowScale ? m.rowScale[rows[p]] : 1) *
      (m.colScale ? m.colScale[m.indices[p]] : 1);
  }
  if (!transpose) return { indptr: m.indptr, indices: m.indices, values: value };
  const n = m.numCols;
  const indptr = new Int32Array(n + 1);
  for (let p = 0; p < nnz; p++) indptr[m.indices[p] + 1]++;
  for (let c = 0; c < n; c++) indptr[c + 1] += indptr[c];
  const fill = indptr.slice(0, n);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let p = 0; p < nnz; p++) {
    const q = fill[m.indices[p]]++;
    indices[q] = rows[p];
    values[q] = value[p];
  }
  return { indptr, indices, values };
}

/** Uploads a host CSR matrix. Its tensors are kept out of any enclosing tidy. */
export function toSparse(m: CsrMatrix): SparseMatrix {
  checkEntries(m);
  const nnz = m.indices.length;
  const rows = entryRows(m);
  const column = (v: Float32Array | undefined, n: number) => (v ? tf.keep(tf.tensor2d(v, [n, 1])) : null);
  return {
    numRows: m.numRows,
    numCols: m.numCols,
    nnz,
    rows: tf.keep(tf.tensor1d(rows, 'int32')),
    cols: tf.keep(tf.tensor1d(m.indices, 'int32')),
    values: m.values ? tf.keep(tf.tensor2d(m.values, [nnz, 1])) : null,
    rowScale: column(m.rowScale, m.numRows),
    colScale: column(m.colScale, m.numCols),
    host: hostBackend()
      ? { a: uploadCsr(hostCsr(m, rows, false)), at: uploadCsr(hostCsr(m, rows, true)) }
      : null,
  };
}

function uploadCsr(c: HostCsr): KernelCsr {
  return {
    indptr: tf.keep(tf.tensor1d(c.indptr, 'int32')),
    indices: tf.keep(tf.tensor1d(c.indices, 'int32')),
    values: tf.keep(tf.tensor1d(c.values, 'float32')),
  };
}

export function disposeSparse(a: SparseMatrix): void {
  tf.dispose([a.rows, a.cols]);
  for (const t of [a.values, a.rowScale, a.colScale]) t?.dispose();
  for (const c of a.host ? [a.host.a, a.host.at] : []) tf.dispose([c.indptr, c.indices, c.values]);
}

/** post ⊙ segsum(values ⊙ gather(pre ⊙ x, from), to): `A·x` or, with the roles swapped, `Aᵀ·x`. */
function gatherScatter(
  x: tf.Tensor,
  from: tf.Tensor1D,
  to: tf.Tensor1D,
  values: tf.Tensor2D | null,
  pre: tf.Tensor2D | null,
  post: tf.Tensor2D | null,
  numOut: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const scaled = pre ? tf.mul(x, pre) : x;
    let msgs = tf.gather(scaled, from);
    if (values) msgs = tf.mul(msgs, values);
    const out = tf.unsortedSegmentSum(msgs, to, numOut);
    return (post ? tf.mul(out, post) : out) as tf.Tensor2D;
  });
}

/** `A · x` through gather + unsortedSegmentSum on the backend (any backend). `x: [numCols, d]`. */
export function spmmGatherScatter(a: SparseMatrix, x: tf.Tensor2D): tf.Tensor2D {
  checkShape(a, x);
  const f = tf.customGrad((...inputs) => ({
    value: gatherScatter(inputs[0] as tf.Tensor, a.cols, a.rows, a.values, a.colScale, a.rowScale, a.numRows),
    gradFunc: (dy: tf.Tensor) =>
      gatherScatter(dy, a.rows, a.cols, a.values, a.rowScale, a.colScale, a.numCols),
  }));
  return f(x) as tf.Tensor2D;
}

/**
 * out[r, :] = Σ_p values[p] · x[indices[p], :] over row r's entries, 8 columns at a time in local
 * accumulators (no read-modify-write of the output per entry: about 2× faster in V8 than the plain loop).
 * The cpu kernel, and the wasm kernel where wasm SIMD is missing. Sums in float64.
 */
export function csrTimesDenseInto(
  indptr: ArrayLike<number>,
  indices: ArrayLike<number>,
  values: ArrayLike<number>,
  x: ArrayLike<number>,
  d: number,
  out: { [i: number]: number },
): void {
  const n = indptr.length - 1;
  const d8 = d - (d % 8);
  for (let c = 0; c < d8; c += 8) {
    for (let r = 0; r < n; r++) {
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0,
        a4 = 0,
        a5 = 0,
        a6 = 0,
        a7 = 0;
      for (let p = indptr[r], end = indptr[r + 1]; p < end; p++) {
        const w = values[p];
        const s = indices[p] * d + c;
        a0 += w * x[s];
        a1 += w * x[s + 1];
        a2 += w * x[s + 2];
        a3 += w * x[s + 3];
        a4 += w * x[s + 4];
        a5 += w * x[s + 5];
        a6 += w * x[s + 6];
        a7 += w * x[s + 7];
      }
      const o = r * d + c;
      out[o] = a0;
      out[o + 1] = a1;
      out[o + 2] = a2;
      out[o + 3] = a3;
      out[o + 4] = a4;
      out[o + 5] = a5;
      out[o + 6] = a6;
      out[o + 7] = a7;
    }
  }
  for (let c = d8; c < d; c++) {
    for (let r = 0; r < n; r++) {
      let a = 0;
      for (let p = indptr[r], end = indptr[r + 1]; p < end; p++) a += values[p] * x[indices[p] * d + c];
      out[r * d + c] = a;
    }
  }
}

/**
 * The kernel that runs a host CSR product (`engine/kernels/CsrMatMul.ts`: a CSR loop on cpu, SIMD
 * WebAssembly over the heap on wasm). Inputs `indptr` `[n + 1]` int32, `indices` `[nnz]` int32, `values`
 * `[nnz]` float32, `x` `[*, d]` float32; output `[n, d]`.
 */
export const CSR_MAT_MUL = 'RecplayCsrMatMul';

function csrProduct(csr: KernelCsr, x: tf.Tensor): tf.Tensor2D {
  return tf.engine().runKernel(CSR_MAT_MUL, { ...csr, x }) as tf.Tensor2D;
}

/**
 * `A · x` by the host CSR kernel (cpu and wasm keep tensors in host memory: no device sync, no `[nnz, d]`
 * intermediate). `x: [numCols, d]`. Needs the kernel registered (`registerCustomKernels`) and a matrix
 * uploaded on a host backend.
 */
export function spmmHost(a: SparseMatrix, x: tf.Tensor2D): tf.Tensor2D {
  checkShape(a, x);
  const host = a.host;
  if (!host) throw new Error('spmmHost: the matrix was uploaded on a GPU backend');
  const f = tf.customGrad((...inputs) => ({
    value: csrProduct(host.a, inputs[0] as tf.Tensor),
    gradFunc: (dy: tf.Tensor) => csrProduct(host.at, dy),
  }));
  return f(x) as tf.Tensor2D;
}

/**
 * Whether the active backend keeps tensors in host memory and has the CSR kernel, where the host product is
 * the fast path.
 */
export function hostBackend(): boolean {
  const name = tf.getBackend();
  return (name === 'cpu' || name === 'wasm') && tf.getKernel(CSR_MAT_MUL, name) !== undefined;
}

/**
 * `A · x`, differentiable with respect to x (A is constant).
 * @param x `[numCols, d]` float32
 * @returns `[numRows, d]`
 */
export function spmm(a: SparseMatrix, x: tf.Tensor2D): tf.Tensor2D {
  return hostBackend() ? spmmHost(a, x) : spmmGatherScatter(a, x);
}

function checkShape(a: SparseMatrix, x: tf.Tensor2D): void {
  if (x.rank !== 2 || x.shape[0] !== a.numCols) {
    throw new Error(`spmm: x is [${x.shape}], A is [${a.numRows}, ${a.numCols}]`);
  }
  if (x.dtype !== 'float32') throw new Error(`spmm: x must be float32, got ${x.dtype}`);
}
