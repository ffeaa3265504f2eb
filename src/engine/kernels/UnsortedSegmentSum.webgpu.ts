import {
  getKernel,
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
} from '@tensorflow/tfjs-core';
// Types only: the webgpu package is imported lazily by backends.ts, never by this module.
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { segmentSumArgs } from './UnsortedSegmentSum_impl';

const WORKGROUP = 64;

/** Row counts per segment and their prefix sums are f32 in tfjs's Cumsum: exact below 2^24. */
const MAX_ROWS = 1 << 24;

type Dtype = 'float32' | 'int32';

/** The parts every program here shares: a flat dispatch of `threads` invocations, 64 per workgroup. */
abstract class FlatProgram implements WebGPUProgram {
  abstract readonly variableNames: string[];
  readonly outputShape: number[];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly dispatchLayout: { x: number[] };
  // tfjs reshapes a dispatch past 65,535 workgroups into 2-D/3-D itself (its shader then derives the flat index).
  dispatch: [number, number, number];
  shaderKey: string;
  constructor(outputShape: number[], threads: number, key: string) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(threads / WORKGROUP), 1, 1];
    this.shaderKey = key;
  }
  abstract getUserCode(): string;
}

/** `result[s]` += 1 for each row of segment s: the segment sizes (integer atomics, exact in any order). */
class CountProgram extends FlatProgram {
  readonly variableNames = ['ids'];
  readonly atomic = true;
  readonly uniforms = 'rows : i32, numSegments : i32,';
  constructor(numSegments: number, rows: number) {
    super([numSegments], rows, 'recplaySegmentCount');
  }
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.rows) {
          let s = i32(ids[index]);
          if (s >= 0 && s < uniforms.numSegments) {
            atomicAdd(&result[s], 1);
          }
        }
      }
    `;
  }
}

/**
 * Writes the CSR row lists: `result[0, S)` are per-segment cursors, `result[S + start(s) + j]` the j-th row
 * placed in segment s. Rows land in their segment's range in whatever order the atomics hand out slots.
 */
class PlaceProgram extends FlatProgram {
  readonly variableNames = ['ids', 'counts', 'ends'];
  readonly atomic = true;
  readonly uniforms = 'rows : i32, numSegments : i32,';
  constructor(numSegments: number, rows: number) {
    super([numSegments + rows], rows, 'recplaySegmentPlace');
  }
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.rows) {
          let s = i32(ids[index]);
          if (s >= 0 && s < uniforms.numSegments) {
            let slot = atomicAdd(&result[s], 1);
            let start = i32(ends[s]) - i32(counts[s]);
            atomicStore(&result[uniforms.numSegments + start + slot], index);
          }
        }
      }
    `;
  }
}

/**
 * One invocation per output element `(s, k)`: the sum of `x[row, k]` over the rows placed in segment s. The
 * buffers are indexed directly, so int32 x is summed as i32 (tfjs's `getX` helpers return f32).
 */
class SumProgram extends FlatProgram {
  readonly variableNames = ['x', 'placed', 'counts', 'ends'];
  readonly size = true;
  private readonly type: 'f32' | 'i32';
  constructor(numSegments: number, innerSize: number, dtype: Dtype) {
    const type = dtype === 'int32' ? 'i32' : 'f32';
    super([numSegments, innerSize], numSegments * innerSize, `recplaySegmentSum_${type}`);
    this.type = type;
  }
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          let numSegments = uniforms.outShape[0];
          let inner = uniforms.outShape[1];
          let s = index / inner;
          let k = index - s * inner;
          let end = i32(ends[s]);
          var sum = ${this.type}(0);
          for (var i = end - i32(counts[s]); i < end; i = i + 1) {
            sum = sum + x[placed[numSegments + i] * inner + k];
          }
          result[index] = sum;
        }
      }
    `;
  }
}

/**
 * tfjs-backend-webgpu 4.22's UnsortedSegmentSum scatters float rows with an atomic compare-exchange loop,
 * which gives wrong sums on SwiftShader, and adds the f32 bit pattern of int32 values (1 comes back as
 * 1065353216). Reading the ids back to group them on the CPU, as on webgl, is no option: a synchronous read
 * on webgpu (tfjs draws the buffer through canvases) returned zeros and destroyed the device here. So the
 * rows are grouped on the GPU: integer atomics count each segment's rows (exact), a prefix sum gives each
 * segment its range, integer atomics place the rows in their ranges, and one invocation per output element
 * sums its segment's rows. O(N + S · log S + N · inner) work, no float atomics, no sync. The order of rows
 * within a segment (hence the float rounding of its sum) follows the atomics and can vary between calls.
 * Its dispatches cover the rows and the output, at most 64 per workgroup, so a million ids need no chunking.
 */
function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  attrs: UnsortedSegmentSumAttrs;
  backend: WebGPUBackend;
}): TensorInfo {
  const { x, segmentIds, numSegments, outShape, innerSize } = segmentSumArgs(args);
  const { backend } = args;
  if (x.dtype !== 'float32' && x.dtype !== 'int32') {
    throw new Error(`UnsortedSegmentSum on webgpu supports float32 and int32, got ${x.dtype}`);
  }
  const rows = segmentIds.shape[0];
  if (rows >= MAX_ROWS) {
    throw new Error(`UnsortedSegmentSum on webgpu: ${rows} rows, at most ${MAX_ROWS - 1} per call`);
  }
  const run = (name: string, inputs: object, attrs: object = {}) =>
    getKernel(name, 'webgpu')!.kernelFunc({
      inputs,
      backend,
      attrs,
    } as unknown as Parameters<KernelFunc>[0]) as TensorInfo;
  const zeros = (shape: number[], dtype: Dtype) => run('Fill', {}, { shape, value: 0, dtype });
  if (rows === 0 || numSegments === 0 || innerSize === 0) return zeros(outShape, x.dtype);

  const uniforms = [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [numSegments] },
  ];
  const counts = backend.runWebGPUProgram(
    new CountProgram(numSegments, rows),
    [segmentIds],
    'int32',
    uniforms,
    zeros([numSegments], 'int32'),
  );
  const ends = run('Cumsum', { x: counts }, { axis: 0, exclusive: false, reverse: false });
  const placed = backend.runWebGPUProgram(
    new PlaceProgram(numSegments, rows),
    [segmentIds, counts, ends],
    'int32',
    uniforms,
    zeros([numSegments + rows], 'int32'),
  );
  const x2 = run('Reshape', { x }, { shape: [rows, innerSize] });
  const sums = backend.runWebGPUProgram(
    new SumProgram(numSegments, innerSize, x.dtype),
    [x2, placed, counts, ends],
    x.dtype,
  );
  const out = run('Reshape', { x: sums }, { shape: outShape });
  for (const t of [counts, ends, placed, x2, sums]) backend.disposeData(t.dataId);
  return out;
}

export const unsortedSegmentSumWebGpuConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'webgpu',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
