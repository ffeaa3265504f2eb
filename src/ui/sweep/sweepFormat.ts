import type { SweepValue } from '../../engine/sweep/space';

/** A setting's value as the sweep's table and summary show it. */
export function fmtValue(v: SweepValue | undefined): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(3)).toString();
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return v ?? '—';
}
