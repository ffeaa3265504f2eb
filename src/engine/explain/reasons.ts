/** Why a recommendation: the behaviours, field pairs, fields or graph neighbours that weighed most. */
import type { NeighbourLists, Recommendation } from '../../contract/explain';
import type { CtrExplanation } from '../../models/contract';

/** Reasons kept per recommended item. */
const REASONS = 3;

type Reasons = Recommendation['reasons'];

/** Din / mmdin: each candidate's behaviours with the largest mean weight over heads. */
export function behaviourReasons(
  att: NonNullable<CtrExplanation['behaviourAttention']>,
  title: (item: number) => string,
): Reasons[] {
  const [B, T, H] = att.shape;
  return Array.from({ length: B }, (_, b) => {
    const pos: { label: string; weight: number }[] = [];
    for (let t = 0; t < T; t++) {
      const item = att.items[b * T + t];
      if (item < 0) continue;
      let s = 0;
      for (let h = 0; h < H; h++) s += att.data[(b * T + t) * H + h];
      pos.push({ label: title(item), weight: s / H });
    }
    pos.sort((x, y) => y.weight - x.weight);
    return pos.slice(0, REASONS);
  });
}

/** amfr: the heaviest field pairs of `[M, M]` pair attention (upper triangle); `name` labels a field. */
export function pairReasons(pair: Float32Array, M: number, name: (f: number) => string): Reasons {
  const all: { label: string; weight: number }[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) all.push({ label: `${name(i)} × ${name(j)}`, weight: pair[i * M + j] });
  }
  return all.sort((a, b) => b.weight - a.weight).slice(0, REASONS);
}

/** autoint: the fields that receive the most attention, averaged over layers, heads and query fields. */
export function fieldReasons(
  field: Float32Array,
  shape: readonly number[],
  name: (f: number) => string,
): Reasons {
  const M = shape[shape.length - 1];
  const received = new Float64Array(M);
  const rows = field.length / M;
  for (let r = 0; r < rows; r++) for (let j = 0; j < M; j++) received[j] += field[r * M + j];
  return Array.from(received, (s, j) => ({ label: name(j), weight: s / rows }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, REASONS);
}

/**
 * For each candidate, its neighbours in `graph` (an item's top neighbours) that are among `seen` (the
 * user's training items), heaviest first: why a graph model puts the candidate near the user's items.
 */
export function neighbourReasons(
  graph: NeighbourLists,
  candidates: readonly number[],
  seen: ReadonlySet<number>,
  title: (item: number) => string,
  max = REASONS,
): { label: string; weight: number }[][] {
  const { k, neighbours, weights } = graph;
  return candidates.map((c) => {
    const out: { label: string; weight: number }[] = [];
    for (let j = 0; j < k && (c + 1) * k <= neighbours.length; j++) {
      const t = neighbours[c * k + j];
      if (t >= 0 && seen.has(t)) out.push({ label: title(t), weight: weights[c * k + j] });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, max);
  });
}
