import { describe, expect, it } from 'vitest';
import { detectHeader, recboleHeader, sniffFormat, splitRecords } from './sniff';

describe('sniffFormat: delimiter', () => {
  it.each([
    [',', 'user,item,rating\n1,10,4\n2,11,5\n'],
    ['\t', '196\t242\t3\t881250949\n186\t302\t3\t891717742\n'],
    [';', 'user;item;score\n1;10;4,5\n2;11;3,0\n'], // decimal commas must not win
    ['|', '1|Toy Story (1995)|01-Jan-1995\n2|GoldenEye (1995)|01-Jan-1995\n'],
    ['::', '1::1193::5::978300760\r\n1::661::3::978302109\r\n1::914::3::978301968\r\n'],
  ])('finds %j', (delimiter, text) => {
    expect(sniffFormat(text).delimiter).toBe(delimiter);
  });

  it('prefers :: over | for MovieLens 1M movies.dat, whose genres vary in number', () => {
    const text =
      "1::Toy Story (1995)::Animation|Children's|Comedy\n2::Jumanji (1995)::Adventure|Fantasy\n3::Heat (1995)::Action\n";
    expect(sniffFormat(text)).toMatchObject({ delimiter: '::', fieldCount: 3 });
  });

  it('prefers | over , when titles contain a varying number of commas (MovieLens 100K u.item)', () => {
    const text =
      '1|American President, The (1995)|0|1\n2|Toy Story (1995)|0|0\n3|Good, the Bad and the Ugly, The|1|0\n';
    expect(sniffFormat(text)).toMatchObject({ delimiter: '|', fieldCount: 4 });
  });

  it('ignores delimiters and line breaks inside quotes', () => {
    const text = 'id,title\n1,"Heat; or, the ""Chase""\nDirector\'s cut"\n2,Up\n';
    expect(sniffFormat(text)).toMatchObject({ delimiter: ',', fieldCount: 2, hasHeader: true });
  });

  it('allows a single column', () => {
    expect(sniffFormat('title\nHeat\nUp\n')).toEqual({ delimiter: ',', fieldCount: 1, hasHeader: true });
    expect(sniffFormat('10\n11\n12\n')).toEqual({ delimiter: ',', fieldCount: 1, hasHeader: false });
  });

  it('samples whole lines of a file whose rows are wider than the usual sample', () => {
    const row = (i: number) => Array.from({ length: 1800 }, (_, c) => (i * c * 0.001).toFixed(40)).join(',');
    const text = Array.from({ length: 8 }, (_, i) => row(i)).join('\n');
    expect(text.indexOf('\n')).toBeGreaterThan(64 * 1024);
    expect(sniffFormat(text)).toEqual({ delimiter: ',', fieldCount: 1800, hasHeader: false });
  });

  it('reports the width most rows have, despite a ragged row', () => {
    expect(sniffFormat('1,2,3\n4,5\n6,7,8\n9,10,11\n').fieldCount).toBe(3);
  });
});

describe('splitRecords', () => {
  it('splits CRLF and LF alike, unquotes, skips blank lines, and can drop a cut-off last record', () => {
    const text = 'a,"b,""c"""\r\n\r\n"x\ny",z\n1,2';
    expect(splitRecords(text, ',', 50, false)).toEqual([
      ['a', 'b,"c"'],
      ['x\ny', 'z'],
      ['1', '2'],
    ]);
    expect(splitRecords(text, ',', 50, true)).toHaveLength(2);
    expect(splitRecords(text, ',', 1, false)).toHaveLength(1);
  });
});

describe('detectHeader', () => {
  const rows = (text: string) => splitRecords(text, ',', 50, false);

  it('takes a RecBole header, with types', () => {
    expect(
      detectHeader([
        ['user_id:token', 'item_id:token', 'rating:float'],
        ['1', '2', '3'],
      ]),
    ).toBe(true);
    expect(recboleHeader(['item_id:token', 'genre:token_seq', 'emb:float_seq'])).toEqual([
      { name: 'item_id', type: 'token' },
      { name: 'genre', type: 'token_seq' },
      { name: 'emb', type: 'float_seq' },
    ]);
    expect(recboleHeader(['item_id:token', 'title'])).toBeNull();
    expect(recboleHeader(['a:int'])).toBeNull();
  });

  it('takes a text row above numbers', () => {
    expect(detectHeader(rows('u,i,r\n1,2,3\n4,5,6'))).toBe(true);
  });

  it('takes known column names above string ids, where numbers cannot tell', () => {
    expect(detectHeader(rows('userId,movieId\nalice,m1\nbob,m2'))).toBe(true);
    expect(detectHeader(rows('customer_id,sku\nc1,s1'))).toBe(true);
  });

  it('sees no header over all-numeric rows or string-id rows without known names', () => {
    expect(detectHeader(rows('196,242,3\n186,302,3'))).toBe(false);
    expect(detectHeader(rows('alice,m1\nbob,m2'))).toBe(false);
    expect(detectHeader(rows('alice,m1,click\nbob,m2,click'))).toBe(false);
  });

  it('treats a first row with a number in it as data, even above numbers', () => {
    expect(detectHeader(rows('a,b\n1,2\n3,4'))).toBe(true);
    expect(detectHeader(rows('NA,5\n1,2\n3,4'))).toBe(false);
  });
});
