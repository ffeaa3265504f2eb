/**
 * The AssemblyScript SIMD kernels (`assembly/kernels.ts`), instantiated over tfjs-backend-wasm's own memory so
 * that they read and write tensors where they lie (a tensor's heap offset is the pointer). Compiled at build
 * time into `kernels.generated.ts`; instantiated synchronously on first use (2 KB, within every browser's
 * limit for synchronous compilation), once per heap. Where the runtime lacks wasm SIMD, or the backend's
 * memory is not reachable, `simdKernels` returns null and callers keep their stock path. tfjs's threaded module
 * (engine/wasmThreads.ts) has a shared heap, which only an import declared shared may take: the kernels are
 * compiled a second time for it, and each heap gets the build that fits it.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64 } from './kernels.generated';

/** The module's exports; pointers are byte offsets into the backend's heap. */
export interface SimdKernels {
  csrMatMul(
    indptr: number,
    indices: number,
    values: number,
    rows: number,
    x: number,
    d: number,
    out: number,
  ): void;
  batchMatMulNN(
    a: number,
    b: number,
    out: number,
    batch: number,
    M: number,
    K: number,
    N: number,
    transA: number,
  ): void;
  batchMatMulNT(a: number, b: number, out: number, batch: number, M: number, K: number, N: number): void;
  segmentSumRows(x: number, ids: number, n: number, inner: number, segments: number, out: number): void;
  /** -1, or the first position of `ids` out of range. */
  fieldMean(
    table: number,
    V: number,
    ids: number,
    starts: number,
    n: number,
    w: number,
    K: number,
    d: number,
    out: number,
  ): number;
  fieldMeanGrad(
    dy: number,
    ids: number,
    starts: number,
    n: number,
    w: number,
    K: number,
    d: number,
    table: number,
    V: number,
    l2Scale: number,
    out: number,
  ): void;
  adamStep(
    x: number,
    g: number,
    m: number,
    v: number,
    n: number,
    negRate: number,
    b1: number,
    b2: number,
    oneMinusB1: number,
    oneMinusB2: number,
    c1: number,
    c2: number,
    eps: number,
    xOut: number,
    mOut: number,
    vOut: number,
  ): void;
  biasPrelu(pb: number, pr: number, alpha: number, B: number, T: number, u: number, out: number): void;
  biasPreluGrad(
    pb: number,
    pr: number,
    alpha: number,
    dy: number,
    B: number,
    T: number,
    u: number,
    dpb: number,
    dpr: number,
    dalpha: number,
    acc: number,
    sum64: number,
  ): void;
  /** -1, or the first position whose index is out of range. */
  gatherRows(x: number, rows: number, idx: number, n: number, rowBytes: number, out: number): number;
}

const modules = new Map<boolean, WebAssembly.Module | null>();
const instances = new WeakMap<WebAssembly.Memory, SimdKernels>();
let enabled = true;

/** The kernels compiled for an ordinary heap or for a shared one; null where this runtime cannot. */
function compiled(shared: boolean): WebAssembly.Module | null {
  if (modules.has(shared)) return modules.get(shared)!;
  let m: WebAssembly.Module | null = null;
  try {
    const base64 = shared ? KERNELS_SHARED_WASM_BASE64 : KERNELS_WASM_BASE64;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    m = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    m = null;
  }
  modules.set(shared, m);
  return m;
}

/**
 * The backend's heap. tfjs-wasm's emscripten module keeps the wasm exports in `asm`: the single-threaded
 * module exports its memory there; the threaded one imports a shared memory, which the glue keeps as
 * `wasmMemory`.
 */
function heapOf(backend: BackendWasm): WebAssembly.Memory | null {
  const wasm = backend.wasm as unknown as { asm?: { memory?: unknown }; wasmMemory?: unknown };
  const memory = wasm.asm?.memory ?? wasm.wasmMemory;
  return memory instanceof WebAssembly.Memory ? memory : null;
}

/** Whether `memory` is shared (a threaded heap). */
function isShared(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

/** The kernels bound to `backend`'s heap, or null (no SIMD, no reachable heap, or switched off). */
export function simdKernels(backend: BackendWasm): SimdKernels | null {
  if (!enabled) return null;
  const memory = heapOf(backend);
  if (!memory) return null;
  let k = instances.get(memory);
  if (!k) {
    const m = compiled(isShared(memory));
    if (!m) return null;
    k = new WebAssembly.Instance(m, { env: { memory } }).exports as unknown as SimdKernels;
    instances.set(memory, k);
  }
  return k;
}

/** Switches the SIMD kernels off (or back on): tests and benches compare them with the stock path. */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

/** Whether the SIMD kernels are compiled for this runtime (independent of any backend). */
export function simdAvailable(): boolean {
  return compiled(false) !== null;
}

/** A tensor's byte offset in the wasm heap. */
export function heapOffset(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}
