// The report's SVG charts, drawn as strings with d3's scales (no DOM): grouped bars and log-x lines, in one
// fixed size and the Okabe–Ito colours.
import { scaleBand, scaleLinear, scaleLog } from 'd3';

const W = 660;
const H = 260;
const M = { top: 28, right: 140, bottom: 48, left: 64 };
const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00']; // Okabe–Ito

function frame(title, body, xLabel, yLabel) {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${M.left}" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
    body,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    '</svg>',
  ].join('\n');
}

function yAxis(y, ticks, format) {
  return ticks
    .map(
      (t) =>
        `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t)}" y2="${y(t)}" stroke="#ddd"/>` +
        `<text x="${M.left - 6}" y="${y(t) + 4}" text-anchor="end">${esc(format(t))}</text>`,
    )
    .join('\n');
}

/** Grouped bars: `groups` along x, one bar per series; `refs` drawn as dashed horizontal lines. */
export function barChart({
  title,
  groups,
  series,
  refs = [],
  yLabel,
  domain,
  yFormat = (t) => t.toFixed(3),
}) {
  const x = scaleBand(groups, [M.left, W - M.right]).padding(0.25);
  const inner = scaleBand(
    series.map((s) => s.name),
    [0, x.bandwidth()],
  ).padding(0.08);
  const y = scaleLinear(domain, [H - M.bottom, M.top]).nice();
  const parts = [yAxis(y, y.ticks(5), yFormat)];
  series.forEach((s, si) => {
    groups.forEach((g, gi) => {
      const v = s.values[gi];
      if (typeof v !== 'number') return;
      const top = y(Math.max(v, y.domain()[0]));
      parts.push(
        `<rect x="${x(g) + inner(s.name)}" y="${top}" width="${inner.bandwidth()}" height="${H - M.bottom - top}" fill="${COLOURS[si % COLOURS.length]}"><title>${esc(`${g} ${s.name}: ${yFormat(v)}`)}</title></rect>`,
      );
    });
  });
  refs.forEach((r) => {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(r.value)}" y2="${y(r.value)}" stroke="#444" stroke-dasharray="4 3"/>` +
        `<text x="${W - M.right + 4}" y="${y(r.value) + 4}" fill="#444">${esc(r.name)}</text>`,
    );
  });
  groups.forEach((g) =>
    parts.push(
      `<text x="${x(g) + x.bandwidth() / 2}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(g)}</text>`,
    ),
  );
  series.forEach((s, si) =>
    parts.push(
      `<rect x="${W - M.right + 8}" y="${M.top + si * 14}" width="10" height="10" fill="${COLOURS[si % COLOURS.length]}"/>` +
        `<text x="${W - M.right + 22}" y="${M.top + 9 + si * 14}">${esc(s.name)}</text>`,
    ),
  );
  return frame(title, parts.join('\n'), '', yLabel);
}

/** Lines over a log-scaled x. */
export function lineChart({ title, series, xLabel, yLabel, yFormat = (t) => String(t) }) {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x = scaleLog([Math.min(...xs), Math.max(...xs)], [M.left + 10, W - M.right - 10]);
  const y = scaleLinear([0, Math.max(...ys)], [H - M.bottom, M.top]).nice();
  const parts = [yAxis(y, y.ticks(5), yFormat)];
  for (const t of [...new Set(xs)].sort((a, b) => a - b))
    parts.push(
      `<text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t.toLocaleString('en-US')}</text>`,
    );
  series.forEach((s, si) => {
    const c = COLOURS[si % COLOURS.length];
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    parts.push(
      `<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map((p) => `${x(p[0])},${y(p[1])}`).join(' ')}"/>`,
    );
    for (const p of pts)
      parts.push(
        `<circle cx="${x(p[0])}" cy="${y(p[1])}" r="3.5" fill="${c}"><title>${esc(`${s.name}: ${p[0]} → ${p[1]}`)}</title></circle>` +
          `<text x="${x(p[0]) + 5}" y="${y(p[1]) - 6}" fill="${c}">${esc(yFormat(p[1]))}</text>`,
      );
    parts.push(`<text x="${W - M.right + 8}" y="${M.top + 9 + si * 14}" fill="${c}">■ ${esc(s.name)}</text>`);
  });
  return frame(title, parts.join('\n'), xLabel, yLabel);
}
