/**
 * Checks that a value read back from storage (IndexedDB) is a usable `Dataset`: the right typed arrays, the
 * right lengths, every index and token in range. A damaged or foreign record gives a message, never a crash
 * (or an out-of-range gather) later in training.
 */
import type { Dataset, SparseRows } from './types';

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function inRange(a: ArrayLike<number>, min: number, max: number): boolean {
  for (let i = 0; i < a.length; i++) if (!(a[i] >= min && a[i] < max)) return false;
  return true;
}

/** A modality's optional sparse rows: typed arrays, a CSR of `numItems` rows, every column in range. */
function sparseRowsOk(x: SparseRows, numItems: number): boolean {
  const ok =
    isCount(x.cols) &&
    x.indptr instanceof Int32Array &&
    x.indices instanceof Int32Array &&
    x.values instanceof Float32Array &&
    x.indptr.length === numItems + 1 &&
    x.indptr[0] === 0 &&
    x.indptr[numItems] === x.indices.length &&
    x.values.length === x.indices.length &&
    inRange(x.indices, 0, x.cols);
  if (!ok) return false;
  for (let i = 0; i < numItems; i++) if (x.indptr[i] > x.indptr[i + 1]) return false;
  return true;
}

/** Null when `value` is a consistent Dataset; otherwise what is wrong, in words. */
export function checkDataset(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not a dataset';
  const d = value as Partial<Dataset>;
  if (typeof d.name !== 'string' || !isCount(d.numUsers) || !isCount(d.numItems)) return 'no name or sizes';
  const { numUsers, numItems } = d;
  for (const [what, keys, n] of [
    ['user ids', d.userKeys, numUsers],
    ['item ids', d.itemKeys, numItems],
    ['item titles', d.itemTitles, numItems],
  ] as const) {
    if (!Array.isArray(keys) || keys.length !== n) return `${what}: expected ${n}`;
  }
  const inter = d.interactions;
  if (
    !inter ||
    !(inter.user instanceof Int32Array) ||
    !(inter.item instanceof Int32Array) ||
    !(inter.timestamp instanceof Float64Array) ||
    !(inter.label instanceof Float32Array)
  ) {
    return 'interactions are not typed arrays';
  }
  const rows = inter.user.length;
  if (inter.item.length !== rows || inter.timestamp.length !== rows || inter.label.length !== rows) {
    return 'interaction columns differ in length';
  }
  if (!inRange(inter.user, 0, numUsers) || !inRange(inter.item, 0, numItems)) {
    return 'an interaction refers to a user or item that does not exist';
  }
  const fields = [
    ...(d.userFields ?? []).map((f) => [f, numUsers] as const),
    ...(d.itemFields ?? []).map((f) => [f, numItems] as const),
  ];
  if (!Array.isArray(d.userFields) || !Array.isArray(d.itemFields)) return 'fields are missing';
  for (const [f, n] of fields) {
    if (!(f.tokens instanceof Int32Array) || f.tokens.length !== n || !Array.isArray(f.vocab)) {
      return `field ${String(f.name)} is malformed`;
    }
    if (!inRange(f.tokens, 0, f.vocab.length)) return `field ${f.name} has a token outside its vocabulary`;
  }
  if (!Array.isArray(d.itemMultiFields) || !Array.isArray(d.modalities)) return 'fields are missing';
  for (const f of d.itemMultiFields) {
    const ok =
      f.offsets instanceof Int32Array &&
      f.tokens instanceof Int32Array &&
      Array.isArray(f.vocab) &&
      f.offsets.length === numItems + 1 &&
      f.offsets[0] === 0 &&
      f.offsets[numItems] === f.tokens.length &&
      inRange(f.tokens, 0, f.vocab.length);
    if (!ok) return `field ${String(f.name)} is malformed`;
    for (let i = 0; i < numItems; i++)
      if (f.offsets[i] > f.offsets[i + 1]) return `field ${f.name} is malformed`;
  }
  for (const m of d.modalities) {
    if (!(m.data instanceof Float32Array) || !isCount(m.dim) || m.data.length !== m.dim * numItems) {
      return `modality ${String(m.name)} is malformed`;
    }
    if (m.sparse !== undefined && !sparseRowsOk(m.sparse, numItems)) {
      return `modality ${String(m.name)} has malformed sparse rows`;
    }
  }
  return null;
}
