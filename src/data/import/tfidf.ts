/**
 * TF-IDF over a real vocabulary, as scikit-learn's `TfidfVectorizer` with its defaults (unigrams; every term,
 * min_df 1; raw term counts, not sublinear; smoothed idf `ln((1 + N) / (1 + df)) + 1`; each row
 * L2-normalised), which the P2 references use, plus:
 * - tokens: runs of unicode letters and digits, lowercased (`tokenize`); one-character tokens are kept, so
 *   the "2" of "Die Hard 2" counts (scikit-learn's pattern drops them);
 * - `bigrams` (off by default): pairs of neighbouring tokens as terms too;
 * - `maxTerms` 20,000: the vocabulary keeps the terms in most texts (ties: alphabetical order).
 * `minDf` stays 1: a term found in a single text cannot make two texts alike, but dropping it gives that
 * text's shared terms (its year, its genres) more of the row's weight. On ml-100k's titles and genres, with
 * the SVD after it, 2 put fewer sequels among each other's ten nearest neighbours than 1 (and bigrams fewer
 * at 64 dimensions), so the defaults are scikit-learn's.
 * Columns are the kept terms in alphabetical order (as scikit-learn's `vocabulary_`). Returned as a sparse
 * CSR matrix (texts × terms) for `svd.ts`.
 */
import type { Csr } from './svd';

const TOKEN = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** A text's terms, one entry per occurrence: each token, then (with `bigrams`) it and the previous one. */
export function termsOf(text: string, bigrams: boolean): string[] {
  const tokens = tokenize(text);
  const out: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    out.push(tokens[k]);
    if (bigrams && k > 0) out.push(`${tokens[k - 1]} ${tokens[k]}`);
  }
  return out;
}

export interface TfidfOptions {
  /** Vocabulary cap: the `maxTerms` terms in most texts; 20,000 by default. */
  readonly maxTerms?: number;
  /** A term must be in at least this many texts; 1 by default. */
  readonly minDf?: number;
  /** Pairs of neighbouring tokens as terms too; false by default. */
  readonly bigrams?: boolean;
}

export interface Tfidf {
  /** Texts × kept terms; row i is texts[i], L2-normalised (a text with no kept term is an empty row). */
  readonly matrix: Csr;
  /** Column j's term. */
  readonly terms: readonly string[];
  /** Column j's idf. */
  readonly idf: Float64Array;
  /** Distinct terms before `minDf` and `maxTerms`. */
  readonly distinctTerms: number;
  /** Terms with df ≥ minDf, before the cap. */
  readonly frequentTerms: number;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer: ${v}`);
  return v;
}

export function tfidfMatrix(texts: readonly string[], options: TfidfOptions = {}): Tfidf {
  const maxTerms = positiveInt('maxTerms', options.maxTerms ?? 20_000);
  const minDf = positiveInt('minDf', options.minDf ?? 1);
  const docs = texts.map((t) => termsOf(t, options.bigrams ?? false));
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const frequent = [...df].filter(([, d]) => d >= minDf);
  frequent.sort((a, b) => b[1] - a[1] || byCode(a[0], b[0]));
  const terms = frequent.slice(0, maxTerms).map(([t]) => t);
  terms.sort(byCode);
  const column = new Map(terms.map((t, j) => [t, j]));
  const n = texts.length;
  const idf = Float64Array.from(terms, (t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);

  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  docs.forEach((doc, i) => {
    const counts = new Map<number, number>();
    for (const t of doc) {
      const j = column.get(t);
      if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    const cols = [...counts.keys()].sort((a, b) => a - b);
    const w = cols.map((j) => counts.get(j)! * idf[j]);
    let sq = 0;
    for (const x of w) sq += x * x;
    const norm = Math.sqrt(sq);
    cols.forEach((j, k) => {
      indices.push(j);
      values.push(w[k] / norm);
    });
    indptr[i + 1] = indices.length;
  });
  return {
    matrix: {
      rows: n,
      cols: terms.length,
      indptr,
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    terms,
    idf,
    distinctTerms: df.size,
    frequentTerms: frequent.length,
  };
}
