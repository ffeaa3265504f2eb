import { describe, expect, it } from 'vitest';
import { termsOf, tfidfMatrix } from './tfidf';

/** Row i of a CSR matrix as term → value. */
function rowOf(t: ReturnType<typeof tfidfMatrix>, i: number): Map<string, number> {
  const { indptr, indices, values } = t.matrix;
  const out = new Map<string, number>();
  for (let p = indptr[i]; p < indptr[i + 1]; p++) out.set(t.terms[indices[p]], values[p]);
  return out;
}

const idfOf = (n: number, df: number) => Math.log((1 + n) / (1 + df)) + 1;

describe('termsOf', () => {
  it('gives the tokens, and with bigrams each neighbouring pair after its second token', () => {
    expect(termsOf('Die Hard 2 (1990)', false)).toEqual(['die', 'hard', '2', '1990']);
    expect(termsOf('Die Hard 2', true)).toEqual(['die', 'hard', 'die hard', '2', 'hard 2']);
  });
});

describe('tfidfMatrix', () => {
  const docs = ['apple banana apple', 'banana cherry', 'cherry date', 'banana', ''];

  it("weighs raw counts by scikit-learn's smoothed idf and L2-normalises each row", () => {
    const t = tfidfMatrix(docs);
    expect(t.terms).toEqual(['apple', 'banana', 'cherry', 'date']);
    const n = docs.length;
    const w = { apple: 2 * idfOf(n, 1), banana: idfOf(n, 3) };
    const norm = Math.hypot(w.apple, w.banana);
    const r0 = rowOf(t, 0);
    expect(r0.get('apple')).toBeCloseTo(w.apple / norm, 12);
    expect(r0.get('banana')).toBeCloseTo(w.banana / norm, 12);
    expect(t.idf[t.terms.indexOf('banana')]).toBeCloseTo(idfOf(n, 3), 12);
    expect(rowOf(t, 3)).toEqual(new Map([['banana', 1]]));
    expect(rowOf(t, 4).size).toBe(0); // the empty text
  });

  it('leaves out terms in fewer than minDf texts', () => {
    const t = tfidfMatrix(docs, { minDf: 2 });
    expect(t.terms).toEqual(['banana', 'cherry']);
    expect([...rowOf(t, 0).keys()]).toEqual(['banana']);
    expect(t).toMatchObject({ distinctTerms: 4, frequentTerms: 2 });
  });

  it('caps the vocabulary at the maxTerms terms in most texts, ties in alphabetical order', () => {
    // df: banana 3, cherry 2, apple 1, date 1 → the top 3 are banana, cherry and apple (before date).
    const t = tfidfMatrix(docs, { maxTerms: 3 });
    expect(t.terms).toEqual(['apple', 'banana', 'cherry']);
    expect(t.matrix.cols).toBe(3);
    expect(t).toMatchObject({ distinctTerms: 4, frequentTerms: 4 });
    // A text keeps its kept terms, renormalised; idf still counts every text.
    expect(rowOf(t, 2)).toEqual(new Map([['cherry', 1]]));
    expect(t.idf[0]).toBeCloseTo(idfOf(docs.length, 1), 12);
  });

  it('adds bigrams when asked', () => {
    const t = tfidfMatrix(['star wars', 'star wars', 'star trek'], { bigrams: true, minDf: 2 });
    expect(t.terms).toEqual(['star', 'star wars', 'wars']);
  });

  it('refuses a cap or minimum that is not a positive integer', () => {
    expect(() => tfidfMatrix(docs, { maxTerms: 0 })).toThrow(/maxTerms/);
    expect(() => tfidfMatrix(docs, { minDf: 1.5 })).toThrow(/minDf/);
  });
});
