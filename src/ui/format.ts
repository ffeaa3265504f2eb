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

export const fmtDate = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString().slice(0, 10);
