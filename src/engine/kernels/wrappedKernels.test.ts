import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { makeRng } from '../../data/random';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { initBackend } from '../backends';
import { setSimdEnabled, simdKernels } from '../simd/simd';

/** Runs `f` on cpu (stock kernels) and on wasm (our wrapped ones) and returns both results. */
async function onBoth(f: () => tf.Tensor): Promise<[Float32Array | Int32Array, Float32Array | Int32Array]> {
  await initBackend('cpu');
  const cpu = tf.tidy(() => f().dataSync() as Float32Array);
  await initBackend('wasm');
  const wasm = tf.tidy(() => f().dataSync() as Float32Array);
  return [cpu, wasm];
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
}

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = makeRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.normal()),
    shape,
  );
}

describe('wasm BatchMatMul with explicit transposes', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('matches cpu for transposeA=%s transposeB=%s, rank 2 and 3', async (ta, tb) => {
    const [cpu2, wasm2] = await onBoth(() =>
      tf.matMul(randomTensor(ta ? [7, 5] : [5, 7], 1), randomTensor(tb ? [3, 7] : [7, 3], 2), ta, tb),
    );
    expectClose(wasm2, cpu2);
    const [cpu3, wasm3] = await onBoth(() =>
      tf.matMul(
        randomTensor(ta ? [4, 6, 5] : [4, 5, 6], 3),
        randomTensor(tb ? [4, 2, 6] : [4, 6, 2], 4),
        ta,
        tb,
      ),
    );
    expect(wasm3.length).toBe(4 * 5 * 2);
    expectClose(wasm3, cpu3);
  });

  it('does not leak intermediate transposes', async () => {
    await initBackend('wasm');
    const a = randomTensor([8, 4], 5);
    const b = randomTensor([3, 8], 6);
    const before = tf.memory();
    tf.tidy(() => tf.matMul(a, b, true, true).dataSync());
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    a.dispose();
    b.dispose();
  });
});

describe('wasm GatherV2 row copy', () => {
  it('matches cpu for 1-D and 2-D indices, float and int tables', async () => {
    const idx = [4, 0, 4, 2, 1, 3];
    const [cpu, wasm] = await onBoth(() =>
      tf.gather(randomTensor([5, 3, 2], 7), tf.tensor2d(idx, [2, 3], 'int32')),
    );
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
    const [cpuI, wasmI] = await onBoth(() =>
      tf.gather(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), tf.tensor1d([2, 2, 0], 'int32')),
    );
    expect(Array.from(wasmI)).toEqual([5, 6, 5, 6, 1, 2]);
    expect(Array.from(wasmI)).toEqual(Array.from(cpuI));
  });

  it('gathers along another axis through the stock kernel', async () => {
    const [cpu, wasm] = await onBoth(() =>
      tf.gather(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor1d([2, 0], 'int32'), 1),
    );
    expect(Array.from(wasm)).toEqual([3, 1, 6, 4]);
    expect(Array.from(wasm)).toEqual(Array.from(cpu));
  });

  it('matches cpu with the SIMD row copies and without them (rows of 1 to 37 values, bool rows)', async () => {
    const rng = makeRng('gather');
    for (const simd of [true, false]) {
      setSimdEnabled(simd);
      try {
        for (const width of [1, 3, 37]) {
          const idx = Array.from({ length: 50 }, () => rng.int(20));
          const [cpu, wasm] = await onBoth(() =>
            tf.gather(randomTensor([20, width], width), tf.tensor1d(idx, 'int32')),
          );
          expect(Array.from(wasm)).toEqual(Array.from(cpu));
        }
        const [cpuB, wasmB] = await onBoth(() =>
          tf
            .gather(tf.tensor2d([true, false, false, true, true, true], [3, 2], 'bool'), [2, 0, 1])
            .cast('int32'),
        );
        expect(Array.from(wasmB)).toEqual([1, 1, 1, 0, 0, 1]);
        expect(Array.from(wasmB)).toEqual(Array.from(cpuB));
      } finally {
        setSimdEnabled(true);
      }
    }
  });

  it('rejects an out-of-range index instead of reading stray memory', async () => {
    await initBackend('wasm');
    const before = tf.memory().numTensors;
    expect(() =>
      tf.tidy(() => tf.gather(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor1d([0, 2], 'int32'))),
    ).toThrow(/not in \[0, 1\]/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('wasm BatchMatMul, one matrix times one vector', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])(
    'matches cpu for transposeA=%s transposeB=%s, in SIMD and in the JavaScript fallback',
    async (ta, tb) => {
      for (const simd of [true, false]) {
        setSimdEnabled(simd);
        try {
          const [cpu, wasm] = await onBoth(() =>
            tf.matMul(
              randomTensor(ta ? [53, 37] : [37, 53], 11),
              randomTensor(tb ? [1, 53] : [53, 1], 12),
              ta,
              tb,
            ),
          );
          expect(wasm.length).toBe(37);
          expectClose(wasm, cpu);
        } finally {
          setSimdEnabled(true);
        }
      }
    },
  );

  it('leaves batched products with one column to the stock kernel, with the same result', async () => {
    const [cpu, wasm] = await onBoth(() =>
      tf.matMul(randomTensor([2, 5, 3], 13), randomTensor([2, 3, 1], 14)),
    );
    expect(wasm.length).toBe(10);
    expectClose(wasm, cpu);
  });
});

describe('wasm Sum over the leading axis', () => {
  it('matches cpu for rank 2 and 3, keepDims and a negative axis', async () => {
    for (const [shape, axis, keep] of [
      [[301, 7], 0, false],
      [[301, 7], -2, true],
      [[9, 4, 5], 0, false],
    ] as const) {
      const [cpu, wasm] = await onBoth(() => tf.sum(randomTensor([...shape], 15), axis, keep));
      expect(wasm.length).toBe(shape.slice(1).reduce((a, b) => a * b, 1));
      expectClose(wasm, cpu);
    }
    await initBackend('wasm');
    expect(tf.tidy(() => tf.sum(tf.ones([4, 3]), 0, true).shape)).toEqual([1, 3]);
  });

  it('leaves other axes and integer sums to the stock kernel', async () => {
    const [cpu, wasm] = await onBoth(() => tf.sum(randomTensor([6, 5], 16), 1));
    expectClose(wasm, cpu);
    const [cpuI, wasmI] = await onBoth(() => tf.sum(tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32'), 0));
    expect(Array.from(wasmI)).toEqual(Array.from(cpuI));
    expect(Array.from(wasmI)).toEqual([4, 6]);
  });
});

describe('wasm Slice and SplitV as heap copies', () => {
  it('match cpu for contiguous and strided slices of ranks 1 to 5', async () => {
    const cases: [number[], number[], number[]][] = [
      [[10], [3], [4]],
      [
        [7, 5],
        [2, 0],
        [4, -1],
      ], // contiguous rows
      [
        [7, 5],
        [1, 2],
        [5, 2],
      ], // strided
      [
        [4, 6, 3],
        [1, 0, 0],
        [2, 6, 3],
      ],
      [
        [4, 6, 3],
        [1, 2, 1],
        [3, 3, 2],
      ],
      [
        [3, 4, 5, 2],
        [0, 1, 2, 0],
        [3, 2, 3, 1],
      ],
      [
        [2, 3, 2, 3, 2],
        [1, 0, 1, 1, 0],
        [1, 3, 1, 2, 2],
      ],
      [
        [5, 4],
        [2, 1],
        [0, 3],
      ], // empty
    ];
    for (const [shape, begin, size] of cases) {
      const [cpu, wasm] = await onBoth(() => tf.slice(randomTensor(shape, 11), begin, size));
      expect(Array.from(wasm)).toEqual(Array.from(cpu));
    }
  });

  it('keeps int32 and bool values and splits along any axis', async () => {
    const [cpuI, wasmI] = await onBoth(() =>
      tf.slice(tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2], 'int32'), [1, 1], [2, 1]),
    );
    expect(Array.from(wasmI)).toEqual([4, 6]);
    expect(Array.from(wasmI)).toEqual(Array.from(cpuI));
    const [cpuB, wasmB] = await onBoth(() =>
      tf.slice(tf.tensor1d([true, false, true, true], 'bool'), [1], [3]).cast('int32'),
    );
    expect(Array.from(wasmB)).toEqual([0, 1, 1]);
    expect(Array.from(wasmB)).toEqual(Array.from(cpuB));
    for (const axis of [0, 1, 2, -1]) {
      const [cpu, wasm] = await onBoth(() =>
        tf.concat(tf.split(randomTensor([6, 6, 6], 12), [1, 3, 2], axis).map((t) => t.reshape([-1]))),
      );
      expect(Array.from(wasm)).toEqual(Array.from(cpu));
    }
  });

  it('gives the gradient of a concatenation (SplitV) without leaking', async () => {
    await initBackend('wasm');
    const a = tf.variable(randomTensor([3, 4], 13));
    const b = tf.variable(randomTensor([5, 4], 14));
    const w = randomTensor([8, 4], 15);
    const wv = w.dataSync();
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(tf.mul(tf.concat([a, b], 0), w)) as tf.Scalar,
      [a, b],
    );
    expect(Array.from(grads[a.name].dataSync())).toEqual(Array.from(wv.subarray(0, 12)));
    expect(Array.from(grads[b.name].dataSync())).toEqual(Array.from(wv.subarray(12)));
    tf.dispose([value, grads[a.name], grads[b.name]]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b, w]);
  });
});

describe('wasm batched products in SIMD', () => {
  it('match cpu and the stock kernel on random shapes, ranks 3 and 4, every transpose', async () => {
    const rng = makeRng('bmm-shapes');
    const dim = (max: number) => 1 + rng.int(max);
    for (let trial = 0; trial < 24; trial++) {
      const [ta, tb] = [trial % 4 === 1 || trial % 4 === 3, trial % 4 >= 2];
      // N up to 40 reaches the 16-, 4- and 1-wide column blocks; K up to 13 the 4-wide dot products and tails.
      const [M, K, N] = [dim(12), dim(13), dim(40)];
      const batch = trial % 3 === 0 ? [dim(3) + 1, dim(3)] : [dim(20) + 1];
      const shapeA = [...batch, ...(ta ? [K, M] : [M, K])];
      const shapeB = [...batch, ...(tb ? [N, K] : [K, N])];
      const f = () => tf.matMul(randomTensor(shapeA, 100 + trial), randomTensor(shapeB, 200 + trial), ta, tb);
      const [cpu, wasm] = await onBoth(f);
      expect(wasm.length).toBe(batch.reduce((a, b) => a * b, 1) * M * N);
      expectClose(wasm, cpu);
      setSimdEnabled(false);
      try {
        expectClose(
          tf.tidy(() => f().dataSync() as Float32Array),
          wasm,
        );
      } finally {
        setSimdEnabled(true);
      }
    }
  });

  it('match cpu for a single Aᵀ·B with a long K (weight gradients), across the K chunks', async () => {
    // K = 1,300 spans six chunks of 256 rows with a partial last one; 400 = 16 × 25 takes the ratio rule.
    for (const [K, M, N] of [
      [1300, 7, 37],
      [400, 25, 3],
      [1024, 1, 20],
    ]) {
      const [cpu, wasm] = await onBoth(() =>
        tf.matMul(randomTensor([K, M], K + M), randomTensor([K, N], K + N), true, false),
      );
      expect(wasm.length).toBe(M * N);
      expectClose(wasm, cpu);
    }
  });

  it('runs the SIMD kernel where it can, leaves broadcast batches to the stock kernel', async () => {
    await initBackend('wasm');
    expect(simdKernels(tf.backend() as BackendWasm)).not.toBeNull();
    const [cpu, wasm] = await onBoth(() =>
      tf.matMul(randomTensor([3, 4, 5], 300), randomTensor([1, 5, 6], 301)),
    );
    expect(wasm.length).toBe(3 * 4 * 6);
    expectClose(wasm, cpu);
  });
});
