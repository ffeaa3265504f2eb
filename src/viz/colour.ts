/**
 * Colour scales of the views, all colour-blind safe: viridis for weights (sequential), PuOr for
 * differences (diverging, ColorBrewer's colour-blind-safe set), Okabe–Ito for heads and categories.
 * Quantised to a fixed palette, as TensorFlow Playground's heatmap does, so canvases reuse few fill styles.
 */
import { interpolatePuOr, interpolateViridis, quantize } from 'd3';
import { OKABE_ITO } from './LineChart';

export const COLOUR_STEPS = 64;
const VIRIDIS = quantize(interpolateViridis, COLOUR_STEPS);
// d3's PuOr runs purple (negative) → orange (positive); legends draw their own swatches from the scale.
const PUOR = quantize(interpolatePuOr, COLOUR_STEPS);

export interface ColourScale {
  (value: number): string;
  readonly domain: readonly [number, number];
  /** The palette from the bottom of the domain to the top (for legends). */
  readonly palette: readonly string[];
  readonly kind: 'sequential' | 'diverging';
}

function step(t: number): number {
  return Math.max(0, Math.min(COLOUR_STEPS - 1, Math.floor(t * COLOUR_STEPS)));
}

/**
 * Viridis over `[min, max]` (default min 0; an empty range still gives a valid scale). A min above 0
 * stretches nearly uniform weights (amfr's pair attention) so their differences show; the legend says so.
 */
export function sequentialScale(max: number, min = 0): ColourScale {
  const lo = Number.isFinite(min) ? min : 0;
  const top = max > lo && Number.isFinite(max) ? max : lo + 1;
  const f = (v: number) => VIRIDIS[step((v - lo) / (top - lo))];
  return Object.assign(f, { domain: [lo, top] as const, palette: VIRIDIS, kind: 'sequential' as const });
}

/** PuOr over `[−maxAbs, maxAbs]`, white-ish at 0. */
export function divergingScale(maxAbs: number): ColourScale {
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  const f = (v: number) => PUOR[step((v + m) / (2 * m))];
  return Object.assign(f, { domain: [-m, m] as const, palette: PUOR, kind: 'diverging' as const });
}

/** One colour per head, Okabe–Ito (black last, so it is rarely needed). */
export function headColour(head: number): string {
  return OKABE_ITO[head % OKABE_ITO.length];
}

/**
 * Category swatches: Okabe–Ito without black, then Paul Tol's muted set; past 15 categories colours
 * repeat, which is why every swatch also names its category as text.
 */
const CATEGORY_PALETTE = [
  ...OKABE_ITO.slice(0, 7),
  '#332288',
  '#88CCEE',
  '#44AA99',
  '#117733',
  '#999933',
  '#DDCC77',
  '#CC6677',
  '#882255',
];

export function categoryColour(token: number): string {
  if (token < 0) return '#bbbbbb';
  return CATEGORY_PALETTE[token % CATEGORY_PALETTE.length];
}
