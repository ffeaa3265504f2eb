/**
 * Between layout units and the canvas (pure, unit-tested): the node under a point of the canvas, and the
 * d3-zoom transforms that fit every node into view or put one node in the middle.
 */
import { zoomIdentity, type ZoomTransform } from 'd3';

/** How near (in CSS pixels) a pointer must come to a node's centre to hit it. */
const HIT_PX = 10;
/** The fitted view's largest zoom (a small graph is not blown up) and the share of the canvas it fills. */
const FIT_MAX_K = 4;
const FIT_FILL = 0.92;

/**
 * The node nearest to canvas point (`x`, `y`) (CSS pixels from the canvas's top left) within HIT_PX
 * screen pixels, or null; `positions` are `[x0, y0, …]` in layout units, drawn through `transform`.
 */
export function nodeAt(
  positions: Float32Array,
  transform: ZoomTransform,
  x: number,
  y: number,
): number | null {
  const [lx, ly] = transform.invert([x, y]);
  // A linear scan: 3,000 nodes cost well under a millisecond.
  let best: number | null = null;
  let bestD = (HIT_PX / transform.k) ** 2;
  for (let i = 0; 2 * i + 1 < positions.length; i++) {
    const d = (positions[2 * i] - lx) ** 2 + (positions[2 * i + 1] - ly) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** The transform that centres all nodes in a `width`×`height` canvas (zoom at most FIT_MAX_K); null without nodes. */
export function fitTransform(positions: Float32Array, width: number, height: number): ZoomTransform | null {
  if (positions.length === 0) return null;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let p = 0; p < positions.length; p += 2) {
    x0 = Math.min(x0, positions[p]);
    x1 = Math.max(x1, positions[p]);
    y0 = Math.min(y0, positions[p + 1]);
    y1 = Math.max(y1, positions[p + 1]);
  }
  const k = Math.min(
    FIT_MAX_K,
    FIT_FILL * Math.min(width / Math.max(1, x1 - x0), height / Math.max(1, y1 - y0)),
  );
  return zoomIdentity.translate(width / 2 - (k * (x0 + x1)) / 2, height / 2 - (k * (y0 + y1)) / 2).scale(k);
}

/** The transform at zoom `k` that puts node `i` in the middle of a `width`×`height` canvas; null if unplaced. */
export function centreTransform(
  positions: Float32Array,
  i: number,
  k: number,
  width: number,
  height: number,
): ZoomTransform | null {
  if (2 * i + 1 >= positions.length) return null;
  return zoomIdentity
    .translate(width / 2 - k * positions[2 * i], height / 2 - k * positions[2 * i + 1])
    .scale(k);
}
