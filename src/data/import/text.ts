/**
 * Item text → a dense vector per item, computed in the browser (no vocabulary to ship, no model to download).
 *
 * The featuriser (`textFeatures`), as the P2 references build theirs (PROTOCOLS.md: TF-IDF, then a truncated
 * SVD): TF-IDF over the texts' own vocabulary (`tfidf.ts`: scikit-learn's defaults, unigrams, at most 20,000
 * terms), reduced by a seeded randomised SVD (`svd.ts`) to `dim` components. Row i is text i's
 * component scores U·Σ (scikit-learn's `TruncatedSVD.transform`), then L2-normalised, so the dot product of
 * two rows is their cosine and item neighbours by text are a person's (on ml-100k, Star Wars next to its
 * sequels, the Star Trek films next to each other).
 * `weighting` can weigh the components otherwise: U·Σ^½ (`'sqrt'`) or U alone (`'whitened'`, every component
 * the same weight). U·Σ stays the default: on ml-100k at 128 dimensions the others keep fewer sequels among
 * each other's ten nearest (of the 19 in text.ml100k.test.ts: 19 with U·Σ, 18 with U·Σ^½, 14 whitened,
 * where Star Wars's nearest are the films with "star" in the title), and on P2 neither reached the hashed
 * featuriser's tmfun validation R@20 on the screening seeds 42, 7, 1 (U·Σ 0.2249, U·Σ^½ 0.2203, whitened
 * 0.2229, hashed 0.2239); over seeds 42, 7 and 1 to 5 the four are within seed noise of each other (U·Σ
 * 0.2208, U·Σ^½ 0.2229, whitened 0.2226, hashed 0.2229, sd 0.003 to 0.005 per seed; rows in
 * bench/results/2026-12-06-vm-text-variants.jsonl); over fourteen seeds hashed is +0.0013 ahead of U·Σ (t = 1.2),
 * and centring the rows (`centre`) +0.0005 (t = 0.3): neither told apart (docs/TUNING.md). The ten-nearest cosines are high whatever the weighting
 * (mean 0.69 U·Σ, 0.66 U·Σ^½, 0.65 whitened, against 0.26 between the TF-IDF rows themselves): the 128
 * components keep 38% of the TF-IDF matrix's squared norm, and the rows are renormalised after losing the
 * rest.
 * The modality also carries the TF-IDF rows (`Modality.sparse`), from which tmfun can build its text kNN
 * graph by their exact cosine (`graphFeatures: 'sparse'`, `ops/sparseKnn.ts`) while the SVD rows feed its
 * projection; on P2 that did not beat the SVD rows' graph on validation, so it is not tmfun's default.
 * When the TF-IDF matrix has rank below `dim` (fewer kept terms or texts than `dim`), the columns past its
 * rank are zero.
 *
 * Fallback, used only when asked (`featurizer: 'hashed'`) or when no term is in two texts (nothing for the
 * SVD to relate): hashed TF-IDF, the earlier featuriser.
 * - Terms: every token (unigram) and every pair of neighbouring tokens joined by a space (bigram). Hash: 32-bit FNV-1a over the term's UTF-8 bytes (offset basis
 *   2166136261, prime 16777619). A term goes to bucket `h mod dim` with sign +1 / -1 from the top bit of
 *   murmur3's fmix32(h), so colliding terms tend to cancel instead of piling up (the "hashing trick" of
 *   Weinberger et al. 2009).
 * - Weight: raw term count × smoothed idf `ln((1 + N) / (1 + df)) + 1` (scikit-learn's), df counted per
 *   term hash over the corpus; each row is then L2-normalised (an empty text stays all-zero).
 *
 * `fnv1a` and `fnv1aInt` also fingerprint imported files (`fingerprint.ts`).
 */
import { makeRng } from '../random';
import type { Modality } from '../types';
import { randomizedSvd } from './svd';
import { tfidfMatrix, tokenize } from './tfidf';

export { tokenize } from './tfidf';

export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Continues an FNV-1a hash over the UTF-8 bytes of `s` (start with `FNV_OFFSET`). Unsigned 32-bit result. */
export function fnv1a(s: string, h: number = FNV_OFFSET): number {
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++; // the low surrogate is part of this code point
    if (cp < 0x80) {
      h = Math.imul(h ^ cp, FNV_PRIME);
      continue;
    }
    // UTF-8 encode inline: 2, 3 or 4 bytes.
    const bytes: number[] = [];
    if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else {
      bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    }
    for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME);
  }
  return h >>> 0;
}

/** Continues an FNV-1a hash over the 4 little-endian bytes of a 32-bit integer. */
export function fnv1aInt(v: number, h: number = FNV_OFFSET): number {
  for (let k = 0; k < 4; k++) h = Math.imul(h ^ ((v >>> (8 * k)) & 255), FNV_PRIME);
  return h >>> 0;
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Hashes of a text's unigrams and bigrams, one entry per occurrence. */
export function termHashes(text: string): number[] {
  const tokens = tokenize(text);
  const out: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    out.push(fnv1a(tokens[k]));
    if (k > 0) out.push(fnv1a(`${tokens[k - 1]} ${tokens[k]}`));
  }
  return out;
}

export interface TextVectorOptions {
  /** Components (hash buckets for the fallback) per vector: 64 by default (P1), 128 for P2. */
  readonly dim?: number;
  readonly name?: string;
  /** `'auto'` (default): TF-IDF → SVD, hashed only when no term is in two texts; or force one. */
  readonly featurizer?: 'auto' | 'tfidf-svd' | 'hashed';
  /** Vocabulary cap (`tfidf.ts`): 20,000 terms by default. */
  readonly maxTerms?: number;
  /** Minimum texts a term is in: 1 by default. */
  readonly minDf?: number;
  /** Bigrams as terms too: false by default. */
  readonly bigrams?: boolean;
  /** Seed of the SVD's random test matrix: 42 by default. */
  readonly seed?: number;
  /** TF-IDF → SVD rows before L2 normalisation: see `TextWeighting`. */
  readonly weighting?: TextWeighting;
  /**
   * Subtract the mean row from the weighed components before L2 normalisation (as PCA centres where
   * scikit-learn's `TruncatedSVD` does not), so the direction every text shares does not make them all alike.
   * False by default.
   */
  readonly centre?: boolean;
}

/**
 * How the SVD's components are weighed in a row: `'scores'` U·Σ (scikit-learn's `transform`), `'sqrt'` U·Σ^½,
 * `'whitened'` U (every component the same weight).
 */
export type TextWeighting = 'scores' | 'sqrt' | 'whitened';

/** The power of σ each weighting multiplies component c by. */
const SIGMA_POWER: Record<TextWeighting, number> = { scores: 1, sqrt: 0.5, whitened: 0 };

export interface TextFeatures {
  readonly modality: Modality;
  readonly featurizer: 'tfidf-svd' | 'hashed';
  /** TF-IDF → SVD: the vocabulary's size; hashed: 0. */
  readonly terms: number;
  /** TF-IDF → SVD: the components computed (≤ dim, the rest are zero); hashed: dim. */
  readonly rank: number;
  /** One line for the import summary, e.g. "TF-IDF (3,912 terms) → SVD 64" (", whitened" when asked). */
  readonly description: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** One L2-normalised row per text, as an item modality (row i = texts[i]), and how it was made. */
export function textFeatures(texts: readonly string[], options: TextVectorOptions = {}): TextFeatures {
  const dim = options.dim ?? 64;
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`text vector dim must be a positive integer: ${dim}`);
  const name = options.name ?? 'text';
  const featurizer = options.featurizer ?? 'auto';
  if (featurizer !== 'hashed') {
    const tfidf = tfidfMatrix(texts, options);
    const a = tfidf.matrix;
    if (a.cols > 0 && a.rows > 0) {
      const svd = randomizedSvd(a, dim, makeRng(options.seed ?? 42));
      const { rank, sigma, u } = svd;
      const weighting = options.weighting ?? 'scores';
      const power = SIGMA_POWER[weighting];
      const scale = Array.from(sigma.subarray(0, rank), (s) => Math.pow(s, power));
      const mean = new Float64Array(rank);
      if (options.centre) {
        for (let i = 0; i < a.rows; i++) for (let c = 0; c < rank; c++) mean[c] += u.data[i * rank + c];
        for (let c = 0; c < rank; c++) mean[c] /= a.rows;
      }
      const data = new Float32Array(a.rows * dim);
      const row = new Float64Array(rank);
      for (let i = 0; i < a.rows; i++) {
        let sq = 0;
        for (let c = 0; c < rank; c++) {
          row[c] = (u.data[i * rank + c] - mean[c]) * scale[c];
          sq += row[c] * row[c];
        }
        if (sq === 0) continue;
        const inv = 1 / Math.sqrt(sq);
        for (let c = 0; c < rank; c++) data[i * dim + c] = row[c] * inv;
      }
      const capped = tfidf.frequentTerms > a.cols ? `, capped from ${fmt(tfidf.frequentTerms)}` : '';
      const padded = rank < dim ? ` (rank ${rank}, padded to ${dim})` : '';
      const weighed =
        (weighting === 'scores' ? '' : `, ${weighting === 'sqrt' ? 'U·Σ^½' : 'whitened'}`) +
        (options.centre ? ', centred' : '');
      // The TF-IDF rows themselves too: models that build item graphs can use their exact cosine.
      const sparse = {
        cols: a.cols,
        indptr: a.indptr,
        indices: a.indices,
        values: Float32Array.from(a.values),
      };
      return {
        modality: { name, dim, data, sparse },
        featurizer: 'tfidf-svd',
        terms: a.cols,
        rank,
        description: `TF-IDF (${fmt(a.cols)} terms${capped}) → SVD ${dim}${padded}${weighed}`,
      };
    }
    if (featurizer === 'tfidf-svd')
      throw new Error('no term is in two texts: TF-IDF → SVD has nothing to relate');
  }
  const why = featurizer === 'hashed' ? '' : ' (no term is in two texts)';
  return {
    modality: hashedTextModality(texts, dim, name),
    featurizer: 'hashed',
    terms: 0,
    rank: dim,
    description: `hashed TF-IDF ${dim}${why}`,
  };
}

/** `textFeatures`' vectors alone. */
export function textModality(texts: readonly string[], options: TextVectorOptions = {}): Modality {
  return textFeatures(texts, options).modality;
}

/** The fallback: one L2-normalised hashed TF-IDF row per text (`dim` buckets). */
export function hashedTextModality(texts: readonly string[], dim: number, name: string): Modality {
  const docs = texts.map(termHashes);
  const df = new Map<number, number>();
  for (const terms of docs) {
    for (const h of new Set(terms)) df.set(h, (df.get(h) ?? 0) + 1);
  }
  const n = texts.length;
  const data = new Float32Array(n * dim);
  const row = new Float64Array(dim);
  docs.forEach((terms, i) => {
    row.fill(0);
    // Each occurrence adds its term's idf once, so a term counted tf times weighs tf × idf.
    for (const h of terms) {
      const idf = Math.log((1 + n) / (1 + df.get(h)!)) + 1;
      row[h % dim] += (fmix32(h) & 0x80000000 ? -1 : 1) * idf;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += row[d] * row[d];
    if (norm === 0) return;
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) data[i * dim + d] = row[d] * inv;
  });
  return { name, dim, data };
}
