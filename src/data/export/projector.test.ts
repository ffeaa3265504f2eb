import { describe, expect, it } from 'vitest';
import { generateDemo } from '../demo';
import { projectorFiles } from './projector';

const demo = generateDemo({ users: 40, items: 50, seed: 3 });

describe('projectorFiles', () => {
  const dim = 4;
  const vectors = Float32Array.from({ length: demo.numItems * dim }, (_, k) => Math.sin(k) * 0.1);

  it('writes numItems × dim numbers without a header, and one metadata line per item after a header', () => {
    const { vectors: v, metadata: m } = projectorFiles(demo, vectors, dim);
    const vl = v.trimEnd().split('\n');
    expect(vl).toHaveLength(demo.numItems);
    vl.forEach((line, i) => {
      const nums = line.split('\t').map(Number);
      expect(nums).toHaveLength(dim);
      nums.forEach((x, d) => expect(x).toBeCloseTo(vectors[i * dim + d], 6));
    });
    const ml = m.trimEnd().split('\n');
    expect(ml).toHaveLength(demo.numItems + 1);
    expect(ml[0].split('\t')).toEqual(['key', 'title', 'category', 'author', 'duration', 'interactions']);
    for (const line of ml) expect(line.split('\t')).toHaveLength(6);
    expect(ml[1].split('\t')[0]).toBe(demo.itemKeys[0]);
  });

  it('defuses formula-like titles and flattens tabs in metadata', () => {
    const ds = { ...demo, itemTitles: demo.itemTitles.map((t, i) => (i === 0 ? '=1+1\tx' : t)) };
    const ml = projectorFiles(ds, vectors, dim).metadata.split('\n');
    expect(ml[1].split('\t')[1]).toBe("'=1+1 x");
  });

  it('refuses vectors of the wrong size', () => {
    expect(() => projectorFiles(demo, vectors.subarray(1), dim)).toThrow(/Expected 50 item vectors/);
  });
});
