/**
 * Hashed TF-IDF text vectors, computed in the browser (no vocabulary to ship, no model to download).
 *
 * - Tokens: the text lowercased, split into runs of unicode letters and digits (`[\p{L}\p{N}]+`).
 * - Terms: every token (unigram) and every pair of neighbouring tokens joined by a space (bigram).
 * - Hash: 32-bit FNV-1a over the term's UTF-8 bytes (offset basis 2166136261, prime 16777619). A term goes to
 *   bucket `h mod dim` with sign +1 / -1 from the top bit of murmur3's fmix32(h), so colliding terms tend
 *   to cancel instead of piling up (the "hashing trick" of Weinberger et al. 2009).
 * - Weight: raw term count × smoothed idf `ln((1 + N) / (1 + df)) + 1` (scikit-learn's), df counted per
 *   term hash over the corpus; each row is then L2-normalised (an empty text stays all-zero).
 */
import type { Modality } from '../types';

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

const TOKEN = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
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
  /** Buckets per vector: 64 by default (P1), 128 for the top-k protocol (P2). */
  readonly dim?: number;
  readonly name?: string;
}

/** One L2-normalised hashed TF-IDF row per text, as an item modality (row i = texts[i]). */
export function textModality(texts: readonly string[], options: TextVectorOptions = {}): Modality {
  const dim = options.dim ?? 64;
  if (!Number.isInteger(dim) || dim < 1)
    throw new Error(`text vector dim must be a positive integer: ${dim}`);
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
  return { name: options.name ?? 'text', dim, data };
}
