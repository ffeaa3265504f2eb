import { describe, expect, it } from 'vitest';
import { fnv1a, fnv1aInt, termHashes, textModality, tokenize } from './text';

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

describe('textModality', () => {
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
    expect(Array.from(row(m, 3))).toEqual(Array.from(row(m, 0)));
    expect(Array.from(textModality(corpus).data)).toEqual(Array.from(m.data));
  });

  it('puts related texts closer than unrelated ones', () => {
    const related = dot(row(m, 0), row(m, 1));
    const unrelated = dot(row(m, 0), row(m, 2));
    expect(related).toBeGreaterThan(unrelated + 0.2);
  });

  it('weighs rare terms more (idf): a term in every text adds less than one in a single text', () => {
    const docs = ['common rare', 'common', 'common', 'common'];
    const v = row(textModality(docs, { dim: 4096 }), 0);
    const at = (term: string) => Math.abs(v[fnv1a(term) % 4096]);
    expect(at('rare')).toBeGreaterThan(at('common'));
  });

  it('takes the size and name from the options and refuses a bad size', () => {
    expect(textModality(corpus, { dim: 128, name: 'title' })).toMatchObject({ dim: 128, name: 'title' });
    expect(() => textModality(corpus, { dim: 0 })).toThrow(/dim/);
  });
});
