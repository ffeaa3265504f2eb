/**
 * The SIMD kernels bind to whichever heap the wasm backend has: the single-threaded module's own memory, or the
 * threaded module's shared one (engine/wasmThreads.ts), which only the build compiled for shared memory can
 * import. Both builds compute the same numbers.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { simdKernels } from './simd';

/** A stand-in for a backend: only what `simdKernels` reads of it (its module's memory). */
const backendOver = (wasm: Record<string, unknown>) => ({ wasm }) as unknown as BackendWasm;

/** `segmentSumRows` of 7 rows × 6 into 3 segments (one id out of range), run in `memory`. */
function segmentSums(memory: WebAssembly.Memory, backend: BackendWasm): number[] {
  const k = simdKernels(backend);
  if (!k) throw new Error('no SIMD kernels for this heap');
  const x = Float32Array.from({ length: 42 }, (_, i) => Math.sin(i) * 3);
  const ids = Int32Array.from([2, 0, 2, 5, 1, 0, 2]);
  const heap = memory.buffer;
  new Float32Array(heap, 1024, 42).set(x);
  new Int32Array(heap, 2048, 7).set(ids);
  k.segmentSumRows(1024, 2048, 7, 6, 3, 4096);
  return Array.from(new Float32Array(heap, 4096, 18));
}

describe('SIMD kernels over either heap', () => {
  it('run over the threaded module’s shared memory as over a plain one, and agree', () => {
    const plain = new WebAssembly.Memory({ initial: 1 });
    // tfjs-wasm's threaded module: a shared memory of at most 65,536 pages, which the glue keeps as wasmMemory.
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    const fromPlain = segmentSums(plain, backendOver({ asm: { memory: plain } }));
    const fromShared = segmentSums(shared, backendOver({ asm: {}, wasmMemory: shared }));
    expect(fromShared).toEqual(fromPlain);
    // Segment 0 holds rows 1 and 5; the row with id 5 is dropped.
    const row = (r: number, c: number) => Math.fround(Math.sin(r * 6 + c) * 3);
    expect(fromPlain[0]).toBeCloseTo(row(1, 0) + row(5, 0), 5);
    expect(fromPlain.every(Number.isFinite)).toBe(true);
  });

  it('are null where the backend’s heap cannot be reached', () => {
    expect(simdKernels(backendOver({}))).toBeNull();
  });
});
