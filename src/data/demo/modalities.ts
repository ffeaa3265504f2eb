/**
 * Stage 2, modality vectors, each dimension scaled to about unit variance. Draws only from the `vectors`
 * stream. The planted modality ranking:
 * - visual: for the visual topics a topic centroid plus the item's hidden appeal and style (so vision carries
 *   like-relevant signal beyond the category id there), for the other topics pure noise;
 * - acoustic: a weak topic centroid;
 * - text: a strong topic centroid plus an author component (captions, hashtags), for every topic.
 */
import type { Rng } from '../random';
import type { Modality } from '../types';
import type { DemoItems } from './items';
import { gauss } from './sampling';
import { IS_VISUAL_TOPIC, NT, STYLE_DIM } from './vocab';

const DIM_VISUAL = 64;
const DIM_ACOUSTIC = 32;
const DIM_TEXT = 48;

// Visual variances per dimension: 0.5 centroid + 0.3 appeal + 0.45 style + 0.5 noise ≈ 1.75.
const VIS_CENTROID = Math.sqrt(0.5);
const VIS_APPEAL = Math.sqrt(0.3);
const VIS_STYLE = Math.sqrt(0.45 / STYLE_DIM);
const VIS_NOISE = Math.sqrt(0.5);
const VIS_SCALE = 1 / Math.sqrt(1.75);

/** Visual, acoustic and text vectors of every item, in that order. */
export function generateModalities(items: DemoItems, rng: Rng): Modality[] {
  const { numItems, numAuthors, topic, author, appeal, style } = items;
  // The shared directions, drawn before any item's noise.
  const visCentroid = gauss(NT * DIM_VISUAL, 1, rng);
  const appealDir = gauss(DIM_VISUAL, 1, rng);
  const styleProj = gauss(STYLE_DIM * DIM_VISUAL, 1, rng);
  const acuCentroid = gauss(NT * DIM_ACOUSTIC, 1, rng);
  const textCentroid = gauss(NT * DIM_TEXT, 1, rng);
  const authorText = gauss(numAuthors * DIM_TEXT, 1, rng);

  const visual = new Float32Array(numItems * DIM_VISUAL);
  const acoustic = new Float32Array(numItems * DIM_ACOUSTIC);
  const text = new Float32Array(numItems * DIM_TEXT);
  // Item by item, visual then acoustic then text: the noise draws interleave in this order.
  for (let i = 0; i < numItems; i++) {
    const k = topic[i];
    const row = i * DIM_VISUAL;
    if (IS_VISUAL_TOPIC[k]) {
      const ap = appeal[i];
      const st = i * STYLE_DIM;
      for (let d = 0; d < DIM_VISUAL; d++) {
        let x =
          VIS_CENTROID * visCentroid[k * DIM_VISUAL + d] +
          VIS_APPEAL * ap * appealDir[d] +
          VIS_NOISE * rng.normal();
        for (let s = 0; s < STYLE_DIM; s++) x += VIS_STYLE * style[st + s] * styleProj[s * DIM_VISUAL + d];
        visual[row + d] = x * VIS_SCALE;
      }
    } else {
      for (let d = 0; d < DIM_VISUAL; d++) visual[row + d] = rng.normal();
    }
    // Acoustic: weak topic signal (variance 0.15 of 1.15).
    const ar = i * DIM_ACOUSTIC;
    for (let d = 0; d < DIM_ACOUSTIC; d++) {
      acoustic[ar + d] = (0.39 * acuCentroid[k * DIM_ACOUSTIC + d] + rng.normal()) / 1.07;
    }
    // Text: strong topic centroid, an author component, moderate noise.
    const tr = i * DIM_TEXT;
    const a = author[i];
    for (let d = 0; d < DIM_TEXT; d++) {
      const x = textCentroid[k * DIM_TEXT + d] + 0.5 * authorText[a * DIM_TEXT + d] + 0.75 * rng.normal();
      text[tr + d] = x / 1.35;
    }
  }
  return [
    { name: 'visual', dim: DIM_VISUAL, data: visual },
    { name: 'acoustic', dim: DIM_ACOUSTIC, data: acoustic },
    { name: 'text', dim: DIM_TEXT, data: text },
  ];
}
