/**
 * Per-user / per-item fields from table columns. Work is per distinct value (the column's dictionary) or one
 * pass over typed arrays, never one object per row.
 */
import type { CategoricalColumn, MultiCategoricalColumn } from '../types';
import type { FieldTransform, TableColumn } from './types';
import { AGE_BUCKETS, compareStrings, transformCell } from './values';

/** For each entity, the dictionary code of its last non-empty cell in `col` (-1 = none). */
export function lastCodePerEntity(col: TableColumn, entityOfRow: Int32Array, n: number): Int32Array {
  const last = new Int32Array(n).fill(-1);
  const { codes } = col;
  for (let r = 0; r < codes.length; r++) {
    const e = entityOfRow[r];
    if (e >= 0 && codes[r] >= 0) last[e] = codes[r];
  }
  return last;
}

/** A categorical field: each entity's last cell through `transform`; vocabulary sorted, unknown = token 0. */
export function categoricalField(
  name: string,
  dict: readonly string[],
  lastCode: Int32Array,
  transform: FieldTransform | undefined,
): CategoricalColumn {
  const labelOfCode = dict.map((cell) => transformCell(cell, transform));
  const used = new Set<string>();
  for (const c of lastCode) if (c >= 0 && labelOfCode[c] !== null) used.add(labelOfCode[c]!);
  // Age buckets are a fixed scale: each keeps its token whether or not this data has it. Decades (all
  // four-digit) sort in time order as strings.
  const values = transform === 'ageBucket' ? [...AGE_BUCKETS] : [...used].sort(compareStrings);
  const tokenOfLabel = new Map(values.map((v, k) => [v, k + 1]));
  const tokenOfCode = Int32Array.from(labelOfCode, (l) => (l === null ? 0 : tokenOfLabel.get(l)!));
  const tokens = Int32Array.from(lastCode, (c) => (c >= 0 ? tokenOfCode[c] : 0));
  return { name, vocab: ['(unknown)', ...values], tokens };
}

function formatEdge(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * A numeric field as a categorical one: at most `maxBuckets` quantile buckets over the entities that have a
 * value (NaN = none → token 0). Equal values always share a bucket, so there may be fewer buckets.
 */
export function quantileField(name: string, values: Float64Array, maxBuckets = 10): CategoricalColumn {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const m = present.length;
  const edges: number[] = [];
  for (let k = 1; k < maxBuckets; k++) {
    const e = present[Math.floor((k * m) / maxBuckets)];
    if (m > 0 && e > present[0] && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  const vocab = ['(unknown)'];
  if (m > 0) {
    if (edges.length === 0) vocab.push(formatEdge(present[0]));
    else {
      vocab.push(`<${formatEdge(edges[0])}`);
      for (let k = 1; k < edges.length; k++)
        vocab.push(`${formatEdge(edges[k - 1])}–${formatEdge(edges[k])}`);
      vocab.push(`≥${formatEdge(edges[edges.length - 1])}`);
    }
  }
  const tokens = new Int32Array(values.length);
  values.forEach((v, e) => {
    if (Number.isNaN(v)) return;
    let lo = 0; // number of edges ≤ v, by binary search
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    tokens[e] = lo + 1;
  });
  return { name, vocab, tokens };
}

/** (entity, value) pairs, growable, for a multi-valued field. Values are 1-based tokens. */
export class PairList {
  entity = new Int32Array(64);
  value = new Int32Array(64);
  length = 0;

  push(e: number, v: number): void {
    if (this.length === this.entity.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.entity = grow(this.entity);
      this.value = grow(this.value);
    }
    this.entity[this.length] = e;
    this.value[this.length++] = v;
  }
}

/**
 * CSR multi-valued field from pairs: each entity's tokens sorted and deduplicated. `vocab` holds the labels
 * of tokens 1.. (index 0 is added as the padding label); `sortVocab` renumbers tokens in label order.
 */
export function multiField(
  name: string,
  n: number,
  pairs: PairList,
  vocab: readonly string[],
  sortVocab: boolean,
): MultiCategoricalColumn {
  let labels = [...vocab];
  let remap: Int32Array | null = null;
  if (sortVocab) {
    const order = labels.map((_, k) => k).sort((a, b) => compareStrings(labels[a], labels[b]));
    remap = new Int32Array(labels.length + 1);
    order.forEach((old, k) => (remap![old + 1] = k + 1));
    labels = order.map((k) => labels[k]);
  }
  const counts = new Int32Array(n + 1);
  for (let p = 0; p < pairs.length; p++) counts[pairs.entity[p] + 1]++;
  for (let e = 0; e < n; e++) counts[e + 1] += counts[e];
  const fill = counts.slice(0, n);
  const raw = new Int32Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) {
    const v = pairs.value[p];
    raw[fill[pairs.entity[p]]++] = remap ? remap[v] : v;
  }
  const offsets = new Int32Array(n + 1);
  const tokens = new Int32Array(pairs.length);
  let w = 0;
  for (let e = 0; e < n; e++) {
    const seg = raw.subarray(counts[e], counts[e + 1]).sort();
    for (let k = 0; k < seg.length; k++) if (k === 0 || seg[k] !== seg[k - 1]) tokens[w++] = seg[k];
    offsets[e + 1] = w;
  }
  return { name, vocab: ['(none)', ...labels], offsets, tokens: tokens.slice(0, w) };
}

/** Labels of item `e`'s values in a multi-valued field, in token order. */
export function multiValues(field: MultiCategoricalColumn, e: number): string[] {
  const out: string[] = [];
  for (let k = field.offsets[e]; k < field.offsets[e + 1]; k++) out.push(field.vocab[field.tokens[k]]);
  return out;
}
