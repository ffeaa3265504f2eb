import { describe, expect, it } from 'vitest';
import {
  fnv1a,
  fnv1aInt,
  hashedTextModality,
  termHashes,
  textFeatures,
  textModality,
  tokenize,
  type TextWeighting,
} from './text';
import { tfidfMatrix } from './tfidf';

const row = (m: { dim: number; data: Float32Array }, i: number) =>
  m.data.subarray(i * m.dim, (i + 1) * m.dim);
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, k) => s + v * b[k], 0);

describe('tokenize and hash', () => {
  it('lowercases and keeps runs of unicode letters and digits', () => {
    expect(tokenize("Misérables, Les (1995). Genres: Children's Sci-Fi")).toEqual([
      'misérables',
      'les',
      '1995',
      'genres',
      'children',
      's',
      'sci',
      'fi',
    ]);
    expect(tokenize('東京 2020!')).toEqual(['東京', '2020']);
  });

  it('is 32-bit FNV-1a over UTF-8 (published test vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    // Multi-byte characters hash their UTF-8 bytes: continuing over parts equals hashing the whole.
    expect(fnv1a('é😀', fnv1a('aé'))).toBe(fnv1a('aéé😀'));
    expect(fnv1aInt(1)).toBe(fnv1a('\u0001\u0000\u0000\u0000'));
  });

  it('makes one unigram per token and one bigram per neighbouring pair', () => {
    expect(termHashes('Star wars')).toEqual([fnv1a('star'), fnv1a('wars'), fnv1a('star wars')]);
  });
});

describe('textModality (TF-IDF → SVD)', () => {
  const corpus = [
    'Star Wars (1977). Genres: Action, Adventure, Sci-Fi',
    'Return of the Jedi (1983). Genres: Action, Adventure, Sci-Fi, War',
    'Sleepless in Seattle (1993). Genres: Comedy, Romance',
    'Star Wars (1977). Genres: Action, Adventure, Sci-Fi',
    '',
  ];
  const m = textModality(corpus);

  it('gives one L2-normalised 64-d row per text; an empty text stays zero', () => {
    expect(m).toMatchObject({ name: 'text', dim: 64 });
    expect(m.data).toHaveLength(corpus.length * 64);
    for (let i = 0; i < 4; i++) expect(Math.hypot(...row(m, i))).toBeCloseTo(1, 6);
    expect(row(m, 4).every((v) => v === 0)).toBe(true);
  });

  it('gives the same text the same vector, and is deterministic across calls', () => {
    Array.from(row(m, 3)).forEach((v, k) => expect(v).toBeCloseTo(row(m, 0)[k], 6));
    expect(Array.from(textModality(corpus).data)).toEqual(Array.from(m.data));
  });

  it('whitened: the same text the same vector, an empty one zero, distinct texts orthogonal at full rank', () => {
    // 3 distinct texts, rank 3: U's rows for them are orthonormal, so related and unrelated look the same.
    const w = textModality(corpus, { weighting: 'whitened' });
    expect(dot(row(w, 0), row(w, 3))).toBeCloseTo(1, 5);
    expect(row(w, 4).every((v) => v === 0)).toBe(true);
    expect(dot(row(w, 0), row(w, 1))).toBeCloseTo(0, 5);
    expect(dot(row(w, 0), row(w, 2))).toBeCloseTo(0, 5);
  });

  it('puts related texts closer than unrelated ones', () => {
    const related = dot(row(m, 0), row(m, 1));
    const unrelated = dot(row(m, 0), row(m, 2));
    expect(related).toBeGreaterThan(unrelated + 0.2);
  });

  it('keeps the rank of the TF-IDF matrix and pads the rest with zeros, and says so', () => {
    const f = textFeatures(corpus);
    // 4 distinct non-empty texts: rank 3 (two are the same), at most min(texts, terms).
    expect(f.rank).toBeLessThanOrEqual(5);
    expect(f.terms).toBe(new Set(corpus.flatMap((t) => tokenize(t))).size);
    for (let i = 0; i < corpus.length; i++)
      expect(
        row(m, i)
          .slice(f.rank)
          .every((v) => v === 0),
      ).toBe(true);
    expect(f).toMatchObject({ featurizer: 'tfidf-svd' });
    expect(f.description).toBe(`TF-IDF (${f.terms} terms) → SVD 64 (rank ${f.rank}, padded to 64)`);
  });

  it('matches cosines of the TF-IDF rows when the SVD keeps the full rank', () => {
    // Rank ≥ texts: U·Σ = A·V, an isometry of A's rows, so cosines are those of the TF-IDF rows.
    const docs = ['red green', 'green blue', 'blue red red', 'yellow green'];
    const f = textFeatures(docs, { dim: 8 });
    const tf = docs.map((d) => {
      const v = new Map<string, number>();
      const terms = tokenize(d);
      for (const t of terms) {
        const df = docs.filter((x) => tokenize(x).includes(t)).length;
        v.set(t, (v.get(t) ?? 0) + Math.log((1 + docs.length) / (1 + df)) + 1);
      }
      const n = Math.hypot(...v.values());
      return new Map([...v].map(([t, x]) => [t, x / n]));
    });
    for (let i = 0; i < docs.length; i++) {
      for (let j = 0; j < docs.length; j++) {
        let cos = 0;
        for (const [t, x] of tf[i]) cos += x * (tf[j].get(t) ?? 0);
        expect(dot(row(f.modality, i), row(f.modality, j))).toBeCloseTo(cos, 5);
      }
    }
  });

  it('carries the TF-IDF rows themselves (for exact-cosine item graphs); the hashed fallback has none', () => {
    const docs = ['red green', 'green blue', 'blue red red', 'yellow green', ''];
    const { matrix } = tfidfMatrix(docs);
    const { sparse } = textFeatures(docs, { dim: 2 }).modality;
    expect(sparse).toBeDefined();
    expect(sparse!.cols).toBe(matrix.cols);
    expect(Array.from(sparse!.indptr)).toEqual(Array.from(matrix.indptr));
    expect(Array.from(sparse!.indices)).toEqual(Array.from(matrix.indices));
    expect(sparse!.values).toBeInstanceOf(Float32Array);
    sparse!.values.forEach((v, p) => expect(v).toBeCloseTo(matrix.values[p], 6));
    // Row 2 is "blue red red": columns blue, red (alphabetical), red twice as often, both in two texts.
    const r2 = Array.from(sparse!.values.subarray(sparse!.indptr[2], sparse!.indptr[3]));
    expect(r2[1] / r2[0]).toBeCloseTo(2, 5);
    expect(sparse!.indptr[5] - sparse!.indptr[4]).toBe(0); // the empty text: an empty row
    expect(textFeatures(docs, { featurizer: 'hashed' }).modality.sparse).toBeUndefined();
  });

  it('weighs the components by σ (scores), σ^½ (sqrt) or not at all (whitened)', () => {
    // Rank = texts = 4: U is a square orthogonal matrix, so the whitened rows (U alone) are orthonormal.
    const docs = ['red green', 'green blue', 'blue red red', 'yellow green'];
    const rows = (weighting: TextWeighting) => {
      const f = textFeatures(docs, { dim: 8, weighting }).modality;
      return docs.map((_, i) => Array.from(row(f, i)));
    };
    expect(textFeatures(docs, { dim: 8 }).modality.data).toEqual(
      textFeatures(docs, { dim: 8, weighting: 'scores' }).modality.data,
    );
    expect(textFeatures(docs, { dim: 4 }).description).toBe('TF-IDF (4 terms) → SVD 4');
    expect(textFeatures(docs, { dim: 4, weighting: 'whitened' }).description).toBe(
      'TF-IDF (4 terms) → SVD 4, whitened',
    );
    expect(textFeatures(docs, { dim: 4, weighting: 'sqrt' }).description).toBe(
      'TF-IDF (4 terms) → SVD 4, U·Σ^½',
    );
    const [scores, half, white] = [rows('scores'), rows('sqrt'), rows('whitened')];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        expect(dot(Float32Array.from(white[i]), Float32Array.from(white[j]))).toBeCloseTo(i === j ? 1 : 0, 5);
    // Component c of a row is uᵢc·σc^p / norm: the square of sqrt's is the product of scores' and whitened's,
    // up to the row's norm.
    for (let i = 0; i < 4; i++) {
      const prod = scores[i].map((v, c) => v * white[i][c]);
      const total = prod.reduce((a, b) => a + b, 0);
      half[i].forEach((v, c) => expect(v * v).toBeCloseTo(prod[c] / total, 5));
      expect(Math.abs(half[i][0] - scores[i][0])).toBeGreaterThan(0.01);
    }
  });

  it('centre: at full rank, cosines are those of the TF-IDF rows less their mean row', () => {
    // U·Σ = A·V, so (U − ū)·Σ = (A − ā)·V: an isometry of the centred rows.
    const docs = ['red green', 'green blue', 'blue red red', 'yellow green', 'red'];
    const { matrix } = tfidfMatrix(docs);
    const dense = docs.map((_, i) => {
      const r = new Float64Array(matrix.cols);
      for (let p = matrix.indptr[i]; p < matrix.indptr[i + 1]; p++) r[matrix.indices[p]] = matrix.values[p];
      return r;
    });
    const mean = dense[0].map((_, c) => dense.reduce((s, r) => s + r[c], 0) / docs.length);
    const centred = dense.map((r) => r.map((v, c) => v - mean[c]));
    const cos = (a: Float64Array, b: Float64Array) =>
      a.reduce((s, v, c) => s + v * b[c], 0) / Math.hypot(...a) / Math.hypot(...b);
    const f = textFeatures(docs, { dim: 8, centre: true });
    expect(f.description).toBe('TF-IDF (4 terms) → SVD 8 (rank 4, padded to 8), centred');
    for (let i = 0; i < docs.length; i++)
      for (let j = 0; j < docs.length; j++)
        expect(dot(row(f.modality, i), row(f.modality, j))).toBeCloseTo(cos(centred[i], centred[j]), 5);
    // Uncentred, every pair here shares the mean direction: centring lowers the mean cosine.
    const meanCos = (m: { dim: number; data: Float32Array }) => {
      let s = 0;
      for (let i = 0; i < docs.length; i++) for (let j = 0; j < i; j++) s += dot(row(m, i), row(m, j));
      return s / ((docs.length * (docs.length - 1)) / 2);
    };
    expect(meanCos(f.modality)).toBeLessThan(meanCos(textFeatures(docs, { dim: 8 }).modality) - 0.1);
  });

  it('takes the size, name and seed from the options and refuses a bad size', () => {
    expect(textModality(corpus, { dim: 128, name: 'title' })).toMatchObject({ dim: 128, name: 'title' });
    expect(() => textModality(corpus, { dim: 0 })).toThrow(/dim/);
    const a = textModality(corpus, { dim: 2, seed: 1 });
    const b = textModality(corpus, { dim: 2, seed: 1 });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it('falls back to hashing when asked, or when no term is in two texts, and says which', () => {
    const hashed = textFeatures(corpus, { featurizer: 'hashed' });
    expect(hashed).toMatchObject({ featurizer: 'hashed', description: 'hashed TF-IDF 64' });
    expect(Array.from(hashed.modality.data)).toEqual(Array.from(hashedTextModality(corpus, 64, 'text').data));
    const lonely = textFeatures(['alpha', 'beta', 'gamma'], { minDf: 2 });
    expect(lonely).toMatchObject({
      featurizer: 'hashed',
      description: 'hashed TF-IDF 64 (no term is in two texts)',
    });
    expect(() => textFeatures(['alpha', 'beta'], { minDf: 2, featurizer: 'tfidf-svd' })).toThrow(/two texts/);
  });
});

describe('hashedTextModality', () => {
  it('weighs rare terms more (idf): a term in every text adds less than one in a single text', () => {
    const docs = ['common rare', 'common', 'common', 'common'];
    const v = row(hashedTextModality(docs, 4096, 'text'), 0);
    const at = (term: string) => Math.abs(v[fnv1a(term) % 4096]);
    expect(at('rare')).toBeGreaterThan(at('common'));
  });
});
