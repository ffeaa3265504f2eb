/** Why a recommendation: the behaviours, field pairs, fields or graph neighbours that weighed most. */
import { REASON_MARGIN, type NeighbourLists, type Recommendation } from '../../contract/explain';
import type { CtrExplanation } from '../../models/contract';

/** Reasons kept per recommended item. */
const REASONS = 3;

type Reasons = Recommendation['reasons'];
type Reason = Reasons[number];

/** The heaviest reasons that stand out from equal weighting: ratio ≥ `margin`, strongest first, at most {@link REASONS}. */
function standingOut(all: Reason[], margin: number): Reasons {
  return all
    .filter((r) => r.ratio !== undefined && r.ratio >= margin)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, REASONS);
}

/**
 * Din / mmdin: each candidate's behaviours by their mean weight over heads, against equal weighting: the mean
 * size of those weights over the user's behaviours (for positive weights their mean, what pooling them alike
 * gives each; 1/n for softmax). DIN's unnormalised weights can be negative: such a behaviour counts against
 * the candidate and is never a reason.
 */
export function behaviourReasons(
  att: NonNullable<CtrExplanation['behaviourAttention']>,
  title: (item: number) => string,
  margin = REASON_MARGIN,
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
    const base = pos.reduce((a, p) => a + Math.abs(p.weight), 0) / Math.max(1, pos.length);
    if (!(base > 0)) return [];
    return standingOut(
      pos.map((p) => ({ ...p, ratio: p.weight / base })),
      margin,
    );
  });
}

/**
 * amfr: the heaviest field pairs of `[M, M]` pair attention (upper triangle, a softmax over its M(M−1)/2
 * pairs) that stand out from uniform; `name` labels a field.
 */
export function pairReasons(
  pair: Float32Array,
  M: number,
  name: (f: number) => string,
  margin = REASON_MARGIN,
): Reasons {
  const P = (M * (M - 1)) / 2;
  const all: Reason[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = i + 1; j < M; j++) {
      const weight = pair[i * M + j];
      all.push({ label: `${name(i)} × ${name(j)}`, weight, ratio: weight * P });
    }
  }
  return standingOut(all, margin);
}

/**
 * autoint: the fields that receive the most attention, averaged over layers, heads and query fields (each
 * row a softmax over M fields, so uniform receives 1/M), that stand out from uniform.
 */
export function fieldReasons(
  field: Float32Array,
  shape: readonly number[],
  name: (f: number) => string,
  margin = REASON_MARGIN,
): Reasons {
  const M = shape[shape.length - 1];
  const received = new Float64Array(M);
  const rows = field.length / M;
  for (let r = 0; r < rows; r++) for (let j = 0; j < M; j++) received[j] += field[r * M + j];
  return standingOut(
    Array.from(received, (s, j) => ({ label: name(j), weight: s / rows, ratio: (s / rows) * M })),
    margin,
  );
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
