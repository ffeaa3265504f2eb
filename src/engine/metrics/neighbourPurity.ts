/**
 * Neighbourhood purity of an embedding against planted classes (issue 22, "the embedding map against the
 * planted topics"): for each row, the share of its k nearest rows by cosine that carry its class, averaged
 * over the rows. Its chance level is what neighbours drawn at random would give, Σ_c n_c (n_c − 1) / (n (n − 1)),
 * so an embedding that knows nothing of the classes scores it whatever their sizes.
 */
import { knnGraph } from '../../ops/knn';

export interface Purity {
  /** Mean share of same-class neighbours over the rows that have any neighbour. */
  readonly purity: number;
  /** The expected purity of random neighbours. */
  readonly chance: number;
  /** Rows measured. */
  readonly rows: number;
  readonly k: number;
}

/**
 * @param features `[n, dim]` row-major embeddings.
 * @param classes `[n]` class of each row (any integers).
 */
export async function neighbourPurity(
  features: Float32Array,
  n: number,
  dim: number,
  classes: Int32Array,
  k = 10,
): Promise<Purity> {
  if (classes.length !== n) throw new Error(`${classes.length} classes for ${n} rows`);
  if (n < 2) throw new Error(`neighbourhood purity needs at least 2 rows, got ${n}`);
  const graph = await knnGraph(features, n, dim, { k: Math.min(k, n - 1) });
  let sum = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    const lo = graph.indptr[i];
    const hi = graph.indptr[i + 1];
    if (hi === lo) continue;
    let same = 0;
    for (let e = lo; e < hi; e++) if (classes[graph.indices[e]] === classes[i]) same++;
    sum += same / (hi - lo);
    rows++;
  }
  const sizes = new Map<number, number>();
  for (const c of classes) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  let pairs = 0;
  for (const s of sizes.values()) pairs += s * (s - 1);
  return { purity: rows ? sum / rows : 0, chance: pairs / (n * (n - 1)), rows, k: Math.min(k, n - 1) };
}
