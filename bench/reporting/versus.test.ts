/** The side-by-side section keeps each pairing of thread counts apart; the targets read one against one only. */
import { describe, expect, it } from 'vitest';
import { versusRows, versusTargets, writeVersus } from './versus.mjs';

const row = (pair: string, ratio: number, extra: Record<string, unknown> = {}) => ({
  protocol: 'versus',
  pair,
  model: pair,
  shape: 'ours',
  config: {},
  reference: 'R',
  unit: 'rows/s',
  ours: 100 * ratio,
  theirs: 100,
  ratio,
  date: '2026-12-06',
  ...extra,
});

describe('versus report', () => {
  const rows = [
    row('amfr', 1.4),
    row('amfr', 0.7, { ref_threads: 2 }),
    row('din-ref', 1.1, { ref_threads: 1 }),
    row('amfr', 0.9, { ref_threads: 2, threads: 2 }),
  ];

  it('reads rows without ref_threads as one thread, and keeps two-thread rows out of the targets', () => {
    expect(versusRows(rows).map((r) => [r.pair, r.ratio])).toEqual([
      ['amfr', 1.4],
      ['din-ref', 1.1],
    ]);
    expect(versusRows(rows, 2).map((r) => [r.pair, r.ratio])).toEqual([['amfr', 0.7]]);
    expect(versusRows(rows, 2, 2).map((r) => [r.pair, r.ratio])).toEqual([['amfr', 0.9]]);
    const amfr = versusTargets(rows).find((t) => t.target.startsWith('amfr'));
    expect(amfr?.met).toBe(true);
    expect(amfr?.measured).toMatch(/^1\.40 ×/);
  });

  it('writes the two-thread table only when such rows exist', () => {
    const lines: string[] = [];
    writeVersus({ md: (l = '') => lines.push(l) }, rows);
    expect(lines.filter((l) => l.startsWith('| amfr |'))).toHaveLength(3);
    expect(lines.some((l) => l.includes('--ref-threads 2'))).toBe(true);
    const one: string[] = [];
    writeVersus({ md: (l = '') => one.push(l) }, rows.slice(0, 1));
    expect(one.some((l) => l.includes('--ref-threads 2'))).toBe(false);
  });
});
