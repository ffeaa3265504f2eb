/**
 * SIMD kernels for the wasm backend, in AssemblyScript (compiled by `../build.mjs`, never committed as a
 * binary). The module imports tfjs-backend-wasm's own memory, so every pointer below is a byte offset into
 * that heap (a tensor's `memoryOffset`) and no operand is copied. No statics, no allocation, no runtime: the
 * module has no data segment that could overwrite the heap it shares.
 *
 * Accumulators are float32 vectors (wasm SIMD has no fused multiply–add without relaxed-simd): sums agree
 * with a float64 loop to float32 rounding, not bit for bit.
 */

/**
 * CSR matrix times dense: `out[r, :] = Σ values[p] · x[indices[p], :]` over row r's entries
 * `indptr[r] .. indptr[r + 1]`. `x: [*, d]`, `out: [rows, d]`, row-major float32; indices int32.
 * Columns in blocks of 32 (eight vector accumulators), then 4, then one.
 */
export function csrMatMul(
  indptr: usize,
  indices: usize,
  values: usize,
  rows: i32,
  x: usize,
  d: i32,
  out: usize,
): void {
  const rowBytes = (<usize>d) << 2;
  const d32 = d & ~31;
  const d4 = d & ~3;
  for (let r = 0; r < rows; r++) {
    const lo = load<i32>(indptr + ((<usize>r) << 2));
    const hi = load<i32>(indptr + ((<usize>(r + 1)) << 2));
    const o = out + <usize>r * rowBytes;
    let c = 0;
    for (; c < d32; c += 32) {
      let a0 = f32x4.splat(0);
      let a1 = a0;
      let a2 = a0;
      let a3 = a0;
      let a4 = a0;
      let a5 = a0;
      let a6 = a0;
      let a7 = a0;
      const col = (<usize>c) << 2;
      for (let p = lo; p < hi; p++) {
        const w = f32x4.splat(load<f32>(values + ((<usize>p) << 2)));
        const s = x + <usize>load<i32>(indices + ((<usize>p) << 2)) * rowBytes + col;
        a0 = f32x4.add(a0, f32x4.mul(w, v128.load(s)));
        a1 = f32x4.add(a1, f32x4.mul(w, v128.load(s, 16)));
        a2 = f32x4.add(a2, f32x4.mul(w, v128.load(s, 32)));
        a3 = f32x4.add(a3, f32x4.mul(w, v128.load(s, 48)));
        a4 = f32x4.add(a4, f32x4.mul(w, v128.load(s, 64)));
        a5 = f32x4.add(a5, f32x4.mul(w, v128.load(s, 80)));
        a6 = f32x4.add(a6, f32x4.mul(w, v128.load(s, 96)));
        a7 = f32x4.add(a7, f32x4.mul(w, v128.load(s, 112)));
      }
      const t = o + col;
      v128.store(t, a0);
      v128.store(t, a1, 16);
      v128.store(t, a2, 32);
      v128.store(t, a3, 48);
      v128.store(t, a4, 64);
      v128.store(t, a5, 80);
      v128.store(t, a6, 96);
      v128.store(t, a7, 112);
    }
    for (; c < d4; c += 4) {
      let a = f32x4.splat(0);
      const col = (<usize>c) << 2;
      for (let p = lo; p < hi; p++) {
        const w = f32x4.splat(load<f32>(values + ((<usize>p) << 2)));
        const s = x + <usize>load<i32>(indices + ((<usize>p) << 2)) * rowBytes + col;
        a = f32x4.add(a, f32x4.mul(w, v128.load(s)));
      }
      v128.store(o + col, a);
    }
    for (; c < d; c++) {
      let a: f32 = 0;
      const col = (<usize>c) << 2;
      for (let p = lo; p < hi; p++) {
        const s = x + <usize>load<i32>(indices + ((<usize>p) << 2)) * rowBytes + col;
        a += load<f32>(values + ((<usize>p) << 2)) * load<f32>(s);
      }
      store<f32>(o + col, a);
    }
  }
}

/** Rows of B per pass in `batchMatMulNN`: 256 rows of 64 floats (64 KB) stay in L2 while every row of A uses them. */
const K_CHUNK = 256;

/**
 * Batched products `out[b] = op(A[b]) · B[b]` for `b < batch`, B stored `[K, N]` (not transposed):
 * `A[b]` is `[M, K]`, or stored `[K, M]` when `transA`. `out[b]` is `[M, N]`. Each output row is built in
 * vector accumulators over k (blocks of 16 columns, then 4, then one), k in chunks of `K_CHUNK` so that a
 * long K (a weight gradient `Xᵀ·dY` over 5,120 rows) reads B from cache. Serves field attention's
 * `[512, 9, 9] · [512, 9, 8]` and its gradients as well as those weight gradients (batch 1).
 */
export function batchMatMulNN(
  a: usize,
  b: usize,
  out: usize,
  batch: i32,
  M: i32,
  K: i32,
  N: i32,
  transA: bool,
): void {
  const n16 = N & ~15;
  const n4 = N & ~3;
  const rowB = (<usize>N) << 2;
  // A(m, k) at a + m·sm + k·sk (bytes).
  const sm: usize = transA ? 4 : (<usize>K) << 2;
  const sk: usize = transA ? (<usize>M) << 2 : 4;
  const sizeA = <usize>M * <usize>K * 4;
  const sizeB = <usize>K * rowB;
  const sizeOut = <usize>M * rowB;
  for (let i = 0; i < batch; i++) {
    const ab = a + <usize>i * sizeA;
    const bb = b + <usize>i * sizeB;
    const ob = out + <usize>i * sizeOut;
    for (let k0 = 0; k0 < K; k0 += K_CHUNK) {
      const k1 = min(K, k0 + K_CHUNK);
      const first = k0 == 0;
      const bk = bb + <usize>k0 * rowB;
      for (let m = 0; m < M; m++) {
        const am = ab + <usize>m * sm;
        const om = ob + <usize>m * rowB;
        let c = 0;
        for (; c < n16; c += 16) {
          const t = om + ((<usize>c) << 2);
          let a0 = first ? f32x4.splat(0) : v128.load(t);
          let a1 = first ? f32x4.splat(0) : v128.load(t, 16);
          let a2 = first ? f32x4.splat(0) : v128.load(t, 32);
          let a3 = first ? f32x4.splat(0) : v128.load(t, 48);
          let s = bk + ((<usize>c) << 2);
          for (let k = k0; k < k1; k++) {
            const w = f32x4.splat(load<f32>(am + <usize>k * sk));
            a0 = f32x4.add(a0, f32x4.mul(w, v128.load(s)));
            a1 = f32x4.add(a1, f32x4.mul(w, v128.load(s, 16)));
            a2 = f32x4.add(a2, f32x4.mul(w, v128.load(s, 32)));
            a3 = f32x4.add(a3, f32x4.mul(w, v128.load(s, 48)));
            s += rowB;
          }
          v128.store(t, a0);
          v128.store(t, a1, 16);
          v128.store(t, a2, 32);
          v128.store(t, a3, 48);
        }
        for (; c < n4; c += 4) {
          const t = om + ((<usize>c) << 2);
          let acc = first ? f32x4.splat(0) : v128.load(t);
          let s = bk + ((<usize>c) << 2);
          for (let k = k0; k < k1; k++) {
            acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(am + <usize>k * sk)), v128.load(s)));
            s += rowB;
          }
          v128.store(t, acc);
        }
        for (; c < N; c++) {
          const t = om + ((<usize>c) << 2);
          let acc: f32 = first ? 0 : load<f32>(t);
          let s = bk + ((<usize>c) << 2);
          for (let k = k0; k < k1; k++) {
            acc += load<f32>(am + <usize>k * sk) * load<f32>(s);
            s += rowB;
          }
          store<f32>(t, acc);
        }
      }
    }
  }
}

/**
 * Batched `out[b] = A[b] · B[b]ᵀ` with `A[b]: [M, K]` and `B[b]` stored `[N, K]`: each output is a dot
 * product of two contiguous rows, in vector blocks of 4 along k and a scalar tail.
 */
export function batchMatMulNT(a: usize, b: usize, out: usize, batch: i32, M: i32, K: i32, N: i32): void {
  const k4 = K & ~3;
  const rowBytes = (<usize>K) << 2;
  const sizeA = <usize>M * rowBytes;
  const sizeB = <usize>N * rowBytes;
  const sizeOut = <usize>M * <usize>N * 4;
  for (let i = 0; i < batch; i++) {
    const ab = a + <usize>i * sizeA;
    const bb = b + <usize>i * sizeB;
    let o = out + <usize>i * sizeOut;
    for (let m = 0; m < M; m++) {
      const am = ab + <usize>m * rowBytes;
      for (let n = 0; n < N; n++) {
        const bn = bb + <usize>n * rowBytes;
        let acc = f32x4.splat(0);
        let k = 0;
        for (; k < k4; k += 4) {
          const off = (<usize>k) << 2;
          acc = f32x4.add(acc, f32x4.mul(v128.load(am + off), v128.load(bn + off)));
        }
        let sum: f32 =
          f32x4.extract_lane(acc, 0) +
          f32x4.extract_lane(acc, 1) +
          f32x4.extract_lane(acc, 2) +
          f32x4.extract_lane(acc, 3);
        for (; k < K; k++) {
          const off = (<usize>k) << 2;
          sum += load<f32>(am + off) * load<f32>(bn + off);
        }
        store<f32>(o, sum);
        o += 4;
      }
    }
  }
}

/**
 * Scatter-add of rows: `out[ids[r], :] += x[r, :]` for `r < n`, `out: [segments, inner]` zeroed first; ids
 * outside `[0, segments)` are skipped (TensorFlow's rule). The gradient of every embedding lookup.
 */
export function segmentSumRows(x: usize, ids: usize, n: i32, inner: i32, segments: i32, out: usize): void {
  const rowBytes = (<usize>inner) << 2;
  memory.fill(out, 0, <usize>segments * rowBytes);
  const inner4 = inner & ~3;
  for (let r = 0; r < n; r++) {
    const seg = load<i32>(ids + ((<usize>r) << 2));
    if (<u32>seg >= <u32>segments) continue;
    const src = x + <usize>r * rowBytes;
    const dst = out + <usize>seg * rowBytes;
    let k = 0;
    for (; k < inner4; k += 4) {
      const off = (<usize>k) << 2;
      v128.store(dst + off, f32x4.add(v128.load(dst + off), v128.load(src + off)));
    }
    for (; k < inner; k++) {
      const off = (<usize>k) << 2;
      store<f32>(dst + off, load<f32>(dst + off) + load<f32>(src + off));
    }
  }
}

/**
 * Row gather: `out[i, :] = x[idx[i], :]`, rows of `rowBytes` bytes (any element type), `x` with `rows` rows.
 * Returns -1, or the first position whose index is out of range (nothing after it is written).
 */
export function gatherRows(x: usize, rows: i32, idx: usize, n: i32, rowBytes: i32, out: usize): i32 {
  const size = <usize>rowBytes;
  for (let i = 0; i < n; i++) {
    const r = load<i32>(idx + ((<usize>i) << 2));
    if (<u32>r >= <u32>rows) return i;
    memory.copy(out + <usize>i * size, x + <usize>r * size, size);
  }
  return -1;
}

/**
 * How many of the int32 ids at `row[lo .. hi)` are nonzero (the values a list-field slot range holds). Small
 * enough for `-O3` to inline, as `addScaledRow`.
 */
function nonzeroIds(row: usize, lo: i32, hi: i32): i32 {
  let count = 0;
  for (let j = lo; j < hi; j++) if (load<i32>(row + ((<usize>j) << 2)) != 0) count++;
  return count;
}

/** `dst[0 .. d) += src[0 .. d) · w` in float32, four lanes at a time, then one. */
function addScaledRow(dst: usize, src: usize, w: f32, d: i32): void {
  const wv = f32x4.splat(w);
  const d4 = d & ~3;
  let c = 0;
  for (; c < d4; c += 4) {
    const off = (<usize>c) << 2;
    v128.store(dst + off, f32x4.add(v128.load(dst + off), f32x4.mul(v128.load(src + off), wv)));
  }
  for (; c < d; c++) {
    const off = (<usize>c) << 2;
    store<f32>(dst + off, load<f32>(dst + off) + load<f32>(src + off) * w);
  }
}

/**
 * Masked mean of list fields (`models/fields.ts` `multiFieldMean`): `out[r·K + k, :]` = the mean of
 * `table[id, :]` over the nonzero ids of row r's slots `starts[k] .. starts[k + 1]` (zero when none), with each
 * row weighted by the float32 1 / count and summed in slot order. `table: [V, d]`, `ids: [n, w]` int32,
 * `starts: [K + 1]` int32, `out: [n·K, d]`. Returns -1, or the first position of `ids` outside `[0, V)` (then
 * nothing is written). Columns in blocks of 4, then one.
 */
export function fieldMean(
  table: usize,
  V: i32,
  ids: usize,
  starts: usize,
  n: i32,
  w: i32,
  K: i32,
  d: i32,
  out: usize,
): i32 {
  const total = n * w;
  for (let i = 0; i < total; i++) {
    if (<u32>load<i32>(ids + ((<usize>i) << 2)) >= <u32>V) return i;
  }
  const rowBytes = (<usize>d) << 2;
  let o = out;
  for (let r = 0; r < n; r++) {
    const row = ids + ((<usize>r * <usize>w) << 2);
    for (let k = 0; k < K; k++) {
      const lo = load<i32>(starts + ((<usize>k) << 2));
      const hi = load<i32>(starts + ((<usize>(k + 1)) << 2));
      memory.fill(o, 0, rowBytes);
      const count = nonzeroIds(row, lo, hi);
      if (count > 0) {
        const wt: f32 = <f32>1 / <f32>count;
        for (let j = lo; j < hi; j++) {
          const id = load<i32>(row + ((<usize>j) << 2));
          if (id != 0) addScaledRow(o, table + <usize>id * rowBytes, wt, d);
        }
      }
      o += rowBytes;
    }
  }
  return -1;
}

/**
 * The table gradient of `fieldMean`: `out: [V, d]` (zeroed here) gets, for every nonzero id of row r's field
 * k, `dy[r·K + k, :] / count`, plus `l2Scale · table[id, :]` when `l2Scale` is not 0 (the embedding L2 of
 * each value used). Ids outside `[0, V)` are skipped.
 */
export function fieldMeanGrad(
  dy: usize,
  ids: usize,
  starts: usize,
  n: i32,
  w: i32,
  K: i32,
  d: i32,
  table: usize,
  V: i32,
  l2Scale: f32,
  out: usize,
): void {
  const rowBytes = (<usize>d) << 2;
  memory.fill(out, 0, <usize>V * rowBytes);
  const d4 = d & ~3;
  const l2 = f32x4.splat(l2Scale);
  let g = dy;
  for (let r = 0; r < n; r++) {
    const row = ids + ((<usize>r * <usize>w) << 2);
    for (let k = 0; k < K; k++) {
      const lo = load<i32>(starts + ((<usize>k) << 2));
      const hi = load<i32>(starts + ((<usize>(k + 1)) << 2));
      const count = nonzeroIds(row, lo, hi);
      if (count > 0) {
        const wt: f32 = <f32>1 / <f32>count;
        const wv = f32x4.splat(wt);
        for (let j = lo; j < hi; j++) {
          const id = load<i32>(row + ((<usize>j) << 2));
          if (id == 0 || <u32>id >= <u32>V) continue;
          const t = out + <usize>id * rowBytes;
          if (l2Scale == 0) {
            addScaledRow(t, g, wt, d);
            continue;
          }
          // g·w + e·l2 summed first, then added: the order the JavaScript kernel rounds in.
          const e = table + <usize>id * rowBytes;
          let c = 0;
          for (; c < d4; c += 4) {
            const off = (<usize>c) << 2;
            const add = f32x4.add(f32x4.mul(v128.load(g + off), wv), f32x4.mul(v128.load(e + off), l2));
            v128.store(t + off, f32x4.add(v128.load(t + off), add));
          }
          for (; c < d; c++) {
            const off = (<usize>c) << 2;
            const add = load<f32>(g + off) * wt + load<f32>(e + off) * l2Scale;
            store<f32>(t + off, load<f32>(t + off) + add);
          }
        }
      }
      g += rowBytes;
    }
  }
}

// Elementwise kernels live in modules of their own; the module's exports are this file's.
export { adamStep } from './adam';
export { biasPrelu, biasPreluGrad } from './prelu';
