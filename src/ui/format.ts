/** Number formatting shared by the panels. */
export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtPct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;
export const fmtMetric = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));

export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

/** A day (YYYY-MM-DD); a timestamp outside what a Date can hold (±8.64e12 s, NaN) is shown as its number. */
export function fmtDate(unixSeconds: number): string {
  const date = new Date(unixSeconds * 1000);
  return Number.isNaN(date.getTime()) ? `t = ${unixSeconds}` : date.toISOString().slice(0, 10);
}

/** The length of a time span in the unit that reads best: hours under two days, days, then years. */
export function fmtSpan(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const days = seconds / 86400;
  if (days < 2) return `${Math.round(seconds / 3600)} h`;
  if (days < 730) return `${Math.round(days)} days`;
  return `${(days / 365.25).toFixed(1)} years`;
}
