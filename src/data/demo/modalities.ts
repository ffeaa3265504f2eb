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
import { NT, STYLE_DIM, type DemoOptions } from './vocab';

const DIM_VISUAL = 64;
const DIM_ACOUSTIC = 32;
const DIM_TEXT = 48;

// Visual variances per dimension: 0.5 centroid + 0.3 appeal + 0.45 style + 0.5 noise ≈ 1.75.
const VIS_CENTROID = Math.sqrt(0.5);
const VIS_APPEAL = Math.sqrt(0.3);
const VIS_STYLE = Math.sqrt(0.45 / STYLE_DIM);
const VIS_NOISE = Math.sqrt(0.5);
const VIS_SCALE = 1 / Math.sqrt(1.75);

/**
 * The divisor that brings `signal² · s² + noise²` back to the variance `signal² + noise²` had, times `base`
 * (the divisor at s = 1, returned exactly then: the default data stay byte-identical).
 */
function rescale(base: number, signalVar: number, noiseVar: number, s: number): number {
  return base * Math.sqrt((signalVar * s * s + noiseVar) / (signalVar + noiseVar));
}

/** The wizard's knobs for the vectors: each scales its modality's signal against its noise. */
export type ModalityKnobs = Pick<DemoOptions, 'visual' | 'text' | 'acoustic'>;

/** Visual, acoustic and text vectors of every item, in that order. */
export function generateModalities(items: DemoItems, rng: Rng, knobs: ModalityKnobs): Modality[] {
  const { numItems, numAuthors, topic, author, appeal, style, visualTopic } = items;
  // Signal weights times their knob, and the divisors that keep each dimension's variance as it was.
  const sv = knobs.visual;
  const visCentroidW = VIS_CENTROID * sv;
  const visAppeal = VIS_APPEAL * sv;
  const visStyle = VIS_STYLE * sv;
  const visScale = VIS_SCALE / rescale(1, 1.25, 0.5, sv);
  const acuSignal = 0.39 * knobs.acoustic;
  const acuDiv = rescale(1.07, 0.39 * 0.39, 1, knobs.acoustic);
  const textCentroidW = knobs.text;
  const textAuthor = 0.5 * knobs.text;
  const textDiv = rescale(1.35, 1.25, 0.5625, knobs.text);
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
    if (visualTopic[k]) {
      const ap = appeal[i];
      const st = i * STYLE_DIM;
      for (let d = 0; d < DIM_VISUAL; d++) {
        let x =
          visCentroidW * visCentroid[k * DIM_VISUAL + d] +
          visAppeal * ap * appealDir[d] +
          VIS_NOISE * rng.normal();
        for (let s = 0; s < STYLE_DIM; s++) x += visStyle * style[st + s] * styleProj[s * DIM_VISUAL + d];
        visual[row + d] = x * visScale;
      }
    } else {
      for (let d = 0; d < DIM_VISUAL; d++) visual[row + d] = rng.normal();
    }
    // Acoustic: weak topic signal (variance 0.15 of 1.15).
    const ar = i * DIM_ACOUSTIC;
    for (let d = 0; d < DIM_ACOUSTIC; d++) {
      acoustic[ar + d] = (acuSignal * acuCentroid[k * DIM_ACOUSTIC + d] + rng.normal()) / acuDiv;
    }
    // Text: strong topic centroid, an author component, moderate noise.
    const tr = i * DIM_TEXT;
    const a = author[i];
    for (let d = 0; d < DIM_TEXT; d++) {
      const x =
        textCentroidW * textCentroid[k * DIM_TEXT + d] +
        textAuthor * authorText[a * DIM_TEXT + d] +
        0.75 * rng.normal();
      text[tr + d] = x / textDiv;
    }
  }
  return [
    { name: 'visual', dim: DIM_VISUAL, data: visual },
    { name: 'acoustic', dim: DIM_ACOUSTIC, data: acoustic },
    { name: 'text', dim: DIM_TEXT, data: text },
  ];
}
