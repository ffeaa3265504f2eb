import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from './registry';

/** The README's model table: one row per model of the registry, in its order, with its family and paper. */
function readmeModels(): { id: string; family: string; what: string; paper: string }[] {
  const text = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const start = text.indexOf('<!-- models:');
  const end = text.indexOf('<!-- models:end -->');
  if (start < 0 || end < 0) throw new Error('README.md lost its model table markers');
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) => {
      const [id, family, what, paper] = line
        .split('|')
        .slice(1, 5)
        .map((c) => c.trim());
      return { id: id.replace(/`/g, ''), family, what, paper };
    });
}

describe('the README model table', () => {
  it('lists every model of the registry, in order, with its family and its paper', () => {
    const rows = readmeModels();
    expect(rows.map((r) => r.id)).toEqual(REGISTRY.models.map((m) => m.id));
    for (const [i, m] of REGISTRY.models.entries()) {
      expect(rows[i].family, m.id).toBe(m.family);
      expect(rows[i].what.length, m.id).toBeGreaterThan(10);
      // The paper cell names the citation's first author (or '—' for a baseline without a paper).
      if (rows[i].paper !== '—') expect(m.citation, m.id).toContain(rows[i].paper.split(/[ ,]/)[0]);
    }
  });
});
