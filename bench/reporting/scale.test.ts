/** The list-width table and target compare widths only within one run, against width 0 and width 1. */
import { describe, expect, it } from 'vitest';
import { widthDrop, widthRows, widthTarget } from './scale.mjs';

const row = (model: string, width: number | 'genres', rowsPerSec: number, run?: string) => ({
  protocol: 'scale-width',
  model,
  backend: 'wasm',
  items: 9990,
  list_width: width,
  train_rows_per_s: rowsPerSec,
  file: 'f.jsonl',
  date: '2026-12-06',
  ...(run ? { run } : {}),
});

describe('scale-width report', () => {
  const rows = [
    // An older run of din whose width 0 must not be read against the newer run's widths.
    row('din', 0, 20000),
    row('din', 40, 10000),
    row('din', 0, 10000, 'b'),
    row('din', 'genres', 9000, 'b'),
    row('din', 1, 9000, 'b'),
    row('din', 40, 8100, 'b'),
    row('amfr', 0, 1000, 'c'),
    row('amfr', 'genres', 1000, 'c'),
    row('amfr', 1, 1000, 'c'),
    row('amfr', 40, 850, 'c'),
  ];

  it('shows the latest run of each model, whole', () => {
    const shown = widthRows(rows);
    expect(shown.map((r) => [r.model, r.list_width, r.train_rows_per_s])).toEqual([
      ['din', 0, 10000],
      ['din', 'genres', 9000],
      ['din', 1, 9000],
      ['din', 40, 8100],
      ['amfr', 0, 1000],
      ['amfr', 'genres', 1000],
      ['amfr', 1, 1000],
      ['amfr', 40, 850],
    ]);
    const din40 = shown.find((r) => r.model === 'din' && r.list_width === 40)!;
    expect(widthDrop(shown, din40, 0)).toBeCloseTo(-0.19);
    expect(widthDrop(shown, din40, 1)).toBeCloseTo(-0.1);
    expect(widthDrop(shown, din40, 'genres')).toBeCloseTo(-0.1);
    expect(widthDrop(shown, din40, 10)).toBeNull();
  });

  it('meets the target only when every model stays within 20 % of its genres-only run', () => {
    const met = widthTarget(rows);
    expect(met.met).toBe(true);
    expect(met.measured).toBe('din −10 %, amfr −15 %');
    const worse = widthTarget([...rows, row('amfr', 'genres', 2000, 'd'), row('amfr', 40, 1500, 'd')]);
    expect(worse.met).toBe(false);
    expect(worse.measured).toBe('din −10 %, amfr −25 %');
  });
});
