import { describe, expect, it } from 'vitest';
import { checkDataset } from './checkDataset';
import { generateDemo } from './demo';
import type { Dataset } from './types';

describe('checkDataset (a dataset read back from storage)', () => {
  const demo = generateDemo({ users: 60, items: 80 });
  const damaged = (f: (d: { -readonly [K in keyof Dataset]: Dataset[K] }) => void) => {
    const d = structuredClone(demo) as { -readonly [K in keyof Dataset]: Dataset[K] };
    f(d);
    return checkDataset(d);
  };

  it('accepts a real dataset, also after a structured clone (what IndexedDB returns)', () => {
    expect(checkDataset(demo)).toBeNull();
    expect(checkDataset(structuredClone(demo))).toBeNull();
  });

  it('names what is wrong', () => {
    expect(checkDataset(null)).toBe('not a dataset');
    expect(damaged((d) => (d.numItems = 81))).toMatch(/item ids: expected 81/);
    expect(damaged((d) => (d.interactions = { ...d.interactions, label: new Float32Array(1) }))).toMatch(
      /differ in length/,
    );
    expect(
      damaged(
        (d) => (d.interactions = { ...d.interactions, user: Int32Array.from(d.interactions.user, () => -1) }),
      ),
    ).toMatch(/does not exist/);
    expect(
      damaged((d) => (d.interactions = { ...d.interactions, timestamp: [] as unknown as Float64Array })),
    ).toMatch(/typed arrays/);
    const field = demo.itemFields[0].name;
    expect(
      damaged((d) => (d.itemFields = [{ ...d.itemFields[0], tokens: new Int32Array(80).fill(999) }])),
    ).toBe(`field ${field} has a token outside its vocabulary`);
    expect(damaged((d) => (d.modalities = [{ ...d.modalities[0], dim: 3 }]))).toMatch(
      /modality .* malformed/,
    );
  });

  it('checks a modality’s sparse rows when it has them', () => {
    // Item i has column i % 5 (value 1): a well-formed [80, 5] CSR matrix.
    const sparse = {
      cols: 5,
      indptr: Int32Array.from({ length: 81 }, (_, i) => i),
      indices: Int32Array.from({ length: 80 }, (_, i) => i % 5),
      values: new Float32Array(80).fill(1),
    };
    const withSparse = (s: typeof sparse) =>
      damaged((d) => (d.modalities = [{ ...d.modalities[0], sparse: s }]));
    expect(withSparse(sparse)).toBeNull();
    expect(withSparse({ ...sparse, cols: 4 })).toMatch(/modality .* malformed sparse rows/);
    expect(withSparse({ ...sparse, indptr: sparse.indptr.subarray(1) })).toMatch(/malformed sparse rows/);
    const down = sparse.indptr.slice();
    down[3] = 9;
    expect(withSparse({ ...sparse, indptr: down })).toMatch(/malformed sparse rows/);
  });
});
