// The report's markdown: the document being written (its lines and charts) and how cells format numbers.

/** A report being written: `md(line)` appends a line, `chart(name, svg)` adds bench/report/<name>.svg. */
export function createDoc() {
  const lines = [];
  const charts = {};
  return {
    lines,
    charts,
    md: (s = '') => lines.push(s),
    chart: (name, svg) => (charts[name] = svg),
  };
}

/** A number with `d` decimals, or — when it is missing or not finite. */
export const fmt = (x, d = 4) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
/** A whole number with thousands separators, or —. */
export const int = (x) => (typeof x === 'number' ? Math.round(x).toLocaleString('en-US') : '—');
/** A run's settings changed from the defaults, as `key=value, …`. */
export const settingsOf = (config) =>
  Object.entries(config ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
