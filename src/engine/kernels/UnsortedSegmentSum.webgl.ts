import {
  getKernel,
  UnsortedSegmentSum,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type UnsortedSegmentSumAttrs,
  type UnsortedSegmentSumInputs,
} from '@tensorflow/tfjs-core';
// Types only: the webgl package is imported lazily by backends.ts, never by this module.
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { segmentRows, segmentSumArgs } from './UnsortedSegmentSum_impl';

/** Smallest power of two ≥ n: few distinct loop bounds, so few shader variants to compile. */
export function loopBound(n: number): number {
  let b = 1;
  while (b < n) b *= 2;
  return b;
}

/**
 * One output element `(s, k)` per fragment: the sum of `x[perm[i], k]` over the CSR row range of segment s.
 * GLSL ES 1.0 needs a constant loop bound, hence `maxLen` (a power of two) and the early break.
 */
class SegmentRowsSumProgram implements GPGPUProgram {
  readonly variableNames = ['x', 'perm', 'offsets'];
  readonly outputShape: number[];
  readonly userCode: string;
  constructor(numSegments: number, innerSize: number, maxLen: number) {
    this.outputShape = [numSegments, innerSize];
    this.userCode = `
      void main() {
        ivec2 c = getOutputCoords();
        int start = int(getOffsets(c.x) + 0.5);
        int len = int(getOffsets(c.x + 1) + 0.5) - start;
        float sum = 0.0;
        for (int i = 0; i < ${maxLen}; i++) {
          if (i >= len) break;
          sum += getX(int(getPerm(start + i) + 0.5), c.y);
        }
        setOutput(sum);
      }
    `;
  }
}

/**
 * tfjs's webgl UnsortedSegmentSum compares every row with every segment (a windowed reduction over an
 * `[N·inner]` by `numSegments` grid, run again until one window is left), which is quadratic. Here the ids
 * are read back (N ints; free when they were just uploaded, one small sync otherwise) and counting-sorted on
 * the CPU into CSR row ranges, and one shader sums each segment's rows: O(N · inner) work, each sum in row
 * order, so no cancellation as in a cumulative-sum formulation.
 */
function unsortedSegmentSum(args: {
  inputs: UnsortedSegmentSumInputs;
  attrs: UnsortedSegmentSumAttrs;
  backend: MathBackendWebGL;
}): TensorInfo {
  const { x, segmentIds, numSegments, outShape, innerSize } = segmentSumArgs(args);
  const { backend } = args;
  const ids = backend.readSync(segmentIds.dataId) as Int32Array | Float32Array;
  const { offsets, perm, maxLen } = segmentRows(ids, numSegments);
  if (maxLen === 0 || innerSize === 0) {
    const zeros =
      x.dtype === 'int32'
        ? new Int32Array(numSegments * innerSize)
        : new Float32Array(numSegments * innerSize);
    return backend.makeTensorInfo(outShape, x.dtype, zeros);
  }
  const reshape = getKernel('Reshape', 'webgl')!.kernelFunc;
  const x2 = reshape({ inputs: { x }, backend, attrs: { shape: [x.shape[0], innerSize] } }) as TensorInfo;
  const permT = backend.makeTensorInfo([perm.length], 'int32', perm);
  const offsetsT = backend.makeTensorInfo([numSegments + 1], 'int32', offsets);
  const program = new SegmentRowsSumProgram(numSegments, innerSize, loopBound(maxLen));
  const sums = backend.runWebGLProgram(program, [x2, permT, offsetsT], x.dtype);
  const out = reshape({ inputs: { x: sums }, backend, attrs: { shape: outShape } }) as TensorInfo;
  for (const t of [x2, permT, offsetsT, sums]) backend.disposeIntermediateTensorInfo(t);
  return out;
}

export const unsortedSegmentSumWebglConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: 'webgl',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
