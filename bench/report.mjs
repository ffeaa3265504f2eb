// Writes bench/REPORT.md and its SVG charts (bench/report/*.svg) from the JSON lines in bench/results/: the
// latest row per (protocol, model, backend), beside the reference rows of ../shared/docs/PROTOCOLS.md.
//   node bench/report.mjs [--results bench/results] [--out bench]
// Only rows that were measured are reported; a missing row shows as "not run".
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { cpus, hostname, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scaleBand, scaleLinear, scaleLog } from 'd3';

const { values: args } = parseArgs({
  options: {
    results: { type: 'string', default: 'bench/results' },
    out: { type: 'string', default: 'bench' },
  },
});

/** PROTOCOLS.md's reference rows (measured by Python libraries on the same protocol and machine kind). */
const P1_REFS = [
  { name: 'AutoInt + DNN', auc: 0.7883, speed: 13465 },
  { name: 'AutoInt only', auc: 0.7901, speed: 15533 },
  { name: 'DIN', auc: 0.783, speed: 13274 },
];
const P1_TARGETS = { amfr: 0.79, mmdin: 0.79, autoint: [0.7851, 0.7951], din: [0.778, 0.788] };
const P2_REFS = [
  { name: 'MostPop', r10: 0.0572, n10: 0.0654, r20: 0.0902, n20: 0.073, hit20: 0.4263 },
  { name: 'LightGCN, 2 layers', r10: 0.0858, n10: 0.0941, r20: 0.1541, n20: 0.1117, hit20: 0.5525 },
  { name: 'FREEDOM, text (MMRec)', r10: 0.0924, n10: 0.095, r20: 0.1605, n20: 0.1138, hit20: 0.5822 },
];

/** The P1 target cell for `model` at test AUC `auc` (a range or a floor, with ✓ / ✗), or '' without one. */
function p1TargetCell(model, auc) {
  const t = P1_TARGETS[model];
  if (Array.isArray(t))
    return `${t[0].toFixed(4)}–${t[1].toFixed(4)} ${auc >= t[0] && auc <= t[1] ? '✓' : '✗'}`;
  return typeof t === 'number' ? `≥ ${t.toFixed(3)} ${auc >= t ? '✓' : '✗'}` : '';
}
/** A run's settings changed from the defaults, as `key=value, …`. */
const settingsOf = (config) =>
  Object.entries(config ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');

const rows = [];
for (const f of readdirSync(args.results)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()) {
  for (const line of readFileSync(join(args.results, f), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      rows.push({ ...JSON.parse(line), file: f });
    } catch {
      console.error(`skipping a broken line in ${f}`);
    }
  }
}
/** The last row per key (files are read in date order, lines in append order). */
function latest(filter, key) {
  const m = new Map();
  for (const r of rows.filter(filter)) m.set(key(r), r);
  return [...m.values()];
}
const fmt = (x, d = 4) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '—');
const int = (x) => (typeof x === 'number' ? Math.round(x).toLocaleString('en-US') : '—');

// ---- tiny SVG charts ------------------------------------------------------------------------------------
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
function barChart({ title, groups, series, refs = [], yLabel, domain, yFormat = (t) => t.toFixed(3) }) {
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
function lineChart({ title, series, xLabel, yLabel, yFormat = (t) => String(t) }) {
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

// ---- the report -----------------------------------------------------------------------------------------
const out = [];
const charts = {};
const md = (s = '') => out.push(s);
md('# Bench report');
md();
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
md(
  `Generated ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at commit ${commit} on ${hostname()} ` +
    `(${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB).`,
);
md();
md(
  'Generated by `node bench/report.mjs` from `bench/results/*.jsonl` (the latest row per protocol, model and',
);
md(
  'backend). Every figure below was measured by `npm run bench` (Node) or the Chromium scripts on the machine',
);
md('named in its row; references are the Python rows of `../shared/docs/PROTOCOLS.md` (same protocol, same');
md('machine kind, one CPU thread).');
md();

// The protocol's run: default settings, seed 42 (other seeds are in the seeds table below).
const p1 = latest(
  (r) =>
    r.protocol === 'p1' &&
    !String(r.model).includes(':') &&
    Object.keys(r.config ?? {}).length === 0 &&
    (r.seed ?? 42) === 42,
  (r) => `${r.model}/${r.backend}`,
);
md('## P1 — CTR on ml-100k (test AUC at the best validation epoch)');
md();
md('| model | backend | test AUC | logloss | best epoch | train rows/s | target / reference | host, date |');
md('|---|---|---|---|---|---|---|---|');
for (const r of p1) {
  const target = p1TargetCell(r.model, r.metrics.auc);
  md(
    `| ${r.model} | ${r.backend} | ${fmt(r.metrics?.auc)} | ${fmt(r.metrics?.logloss)} | ${r.best_epoch} | ${int(r.train_rows_per_s)} | ${target} | ${r.host}, ${r.date} |`,
  );
}
for (const ref of P1_REFS)
  md(
    `| *${ref.name} (reference)* | PyTorch CPU | ${fmt(ref.auc)} | | | ${int(ref.speed)} | | PROTOCOLS.md |`,
  );
md();
if (p1.length) {
  charts.p1 = barChart({
    title: 'P1 (ml-100k): test AUC per model',
    groups: p1.map((r) => `${r.model}`),
    series: [{ name: 'ours (tfjs)', values: p1.map((r) => r.metrics?.auc) }],
    refs: [
      { name: 'AutoInt ref 0.7901', value: 0.7901 },
      { name: 'DIN ref 0.7830', value: 0.783 },
    ],
    yLabel: 'test AUC',
    domain: [0.74, 0.8],
  });
  md('![P1 test AUC](report/p1.svg)');
  md();
}

// The same model and settings over several seeds: test AUC moves by a few thousandths between seeds on
// ml-100k, as much as some targets' margins, so a target is judged on the mean where seeds were run.
const bySeed = latest(
  (r) => r.protocol === 'p1' && (r.epochs ?? r.valid_auc?.length ?? 0) > 1,
  (r) => `${r.model}/${r.backend}/${JSON.stringify(r.config ?? {})}/${r.seed ?? 42}`,
);
const seedGroups = new Map();
for (const r of bySeed) {
  const key = `${r.model}/${r.backend}/${JSON.stringify(r.config ?? {})}`;
  seedGroups.set(key, [...(seedGroups.get(key) ?? []), r]);
}
const seedRows = [...seedGroups.values()].filter((g) => g.length >= 2);
/** Mean and sample standard deviation. */
const meanSd = (xs) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1)) };
};
/** Pearson correlation of two equally long lists (NaN when either is constant). */
const correlation = (xs, ys) => {
  const a = meanSd(xs);
  const b = meanSd(ys);
  const cov = xs.reduce((acc, x, i) => acc + (x - a.mean) * (ys[i] - b.mean), 0) / (xs.length - 1);
  return cov / (a.sd * b.sd);
};
const seedStats = (g) => {
  const xs = g.map((r) => r.metrics.auc);
  return { ...meanSd(xs), min: Math.min(...xs), max: Math.max(...xs) };
};
if (seedRows.length) {
  md('Over seeds (each seed changes the initialisation and the row order):');
  md();
  md('| model | settings | seeds | mean test AUC | sd | min – max | target (on the mean) |');
  md('|---|---|---|---|---|---|---|');
  for (const g of seedRows) {
    const r = g[0];
    const st = seedStats(g);
    // Targets are for the default settings only.
    const target = Object.keys(r.config ?? {}).length ? '' : p1TargetCell(r.model, st.mean);
    const settings = settingsOf(r.config);
    md(
      `| ${r.model} | ${settings || 'defaults'} | ${g.map((x) => x.seed ?? 42).join(', ')} | ${fmt(st.mean)} | ${fmt(st.sd)} | ${fmt(st.min)} – ${fmt(st.max)} | ${target} |`,
    );
  }
  md();
}

const p1Ablations = latest(
  (r) => r.protocol === 'p1' && Object.keys(r.config ?? {}).length > 0,
  (r) => `${r.model}/${r.backend}/${JSON.stringify(r.config)}/${r.seed}`,
);
if (p1Ablations.length) {
  md('Ablation and seed rows (settings changed from the defaults):');
  md();
  md('| model | settings | seed | test AUC | best epoch | valid AUC per epoch |');
  md('|---|---|---|---|---|---|');
  for (const r of p1Ablations)
    md(
      `| ${r.model} | ${settingsOf(r.config)} | ${r.seed ?? 42} | ${fmt(r.metrics?.auc)} | ${r.best_epoch} | ${(r.valid_auc ?? []).map((x) => fmt(x)).join(', ')} |`,
    );
  md();
}

const p1Backends = [...new Set(p1.map((r) => r.backend))];
const p1Models = [...new Set(p1.map((r) => r.model))];
if (p1.length) {
  charts.speed = barChart({
    title: 'P1 training speed (Node), rows/s',
    groups: p1Models,
    series: p1Backends.map((b) => ({
      name: `tfjs ${b}`,
      values: p1Models.map((m) => p1.find((r) => r.model === m && r.backend === b)?.train_rows_per_s),
    })),
    // AutoInt+DNN 13,465 and DIN 13,274 rows/s: one line, their labels would overlap.
    refs: [{ name: 'PyTorch refs ≈13.4k', value: 13370 }],
    yLabel: 'training rows/s',
    domain: [0, Math.max(20000, ...p1.map((r) => r.train_rows_per_s))],
    yFormat: (t) => Math.round(t).toLocaleString('en-US'),
  });
  md('![P1 speed](report/speed.svg)');
  md();
}

// The protocol's run: seed 42 (other seeds in the table below).
// `--trace-test` rows have a table of their own below (their runs also scored the test split every epoch).
const p2 = latest(
  (r) => r.protocol === 'p2' && !String(r.model).includes(':') && (r.seed ?? 42) === 42 && !r.trace,
  (r) => `${r.model}/${r.backend}`,
);
md('## P2 — Top-K on ml-100k (full ranking, training items masked)');
md();
md('| model | backend | R@10 | N@10 | R@20 | N@20 | Hit@20 | best epoch | ms/epoch | host, date |');
md('|---|---|---|---|---|---|---|---|---|---|');
for (const r of p2) {
  const m = r.metrics ?? {};
  md(
    `| ${r.model} | ${r.backend} | ${fmt(m['recall@10'])} | ${fmt(m['ndcg@10'])} | ${fmt(m['recall@20'])} | ${fmt(m['ndcg@20'])} | ${fmt(m['hit@20'])} | ${r.best_epoch ?? '—'} | ${int(r.ms_per_epoch)} | ${r.host}, ${r.date} |`,
  );
}
for (const ref of P2_REFS)
  md(
    `| *${ref.name} (reference)* | PyTorch CPU | ${fmt(ref.r10)} | ${fmt(ref.n10)} | ${fmt(ref.r20)} | ${fmt(ref.n20)} | ${fmt(ref.hit20)} | | | PROTOCOLS.md |`,
  );
md();
// P2's seeds: N@20 moves by about ±0.001 between seeds, as much as the tmfun target's margin.
const p2Seeds = new Map();
for (const r of latest(
  (r) => r.protocol === 'p2' && !String(r.model).includes(':') && !r.trace,
  (r) => `${r.model}/${r.backend}/${r.seed ?? 42}`,
)) {
  const key = `${r.model}/${r.backend}`;
  p2Seeds.set(key, [...(p2Seeds.get(key) ?? []), r]);
}
const p2SeedGroups = [...p2Seeds.values()].filter((g) => g.length >= 2);
if (p2SeedGroups.length) {
  md('Over seeds (default settings):');
  md();
  md('| model | backend | seeds | R@20 mean ± sd | N@20 mean ± sd | N@20 per seed |');
  md('|---|---|---|---|---|---|');
  for (const g of p2SeedGroups) {
    const r20 = meanSd(g.map((r) => r.metrics['recall@20']));
    const n20 = meanSd(g.map((r) => r.metrics['ndcg@20']));
    md(
      `| ${g[0].model} | ${g[0].backend} | ${g.map((r) => r.seed ?? 42).join(', ')} | ${fmt(r20.mean)} ± ${fmt(r20.sd)} | ${fmt(n20.mean)} ± ${fmt(n20.sd)} | ${g.map((r) => fmt(r.metrics['ndcg@20'])).join(', ')} |`,
    );
  }
  md();
}
const ablations = latest(
  (r) => r.protocol === 'p2' && String(r.model).includes(':'),
  (r) => `${r.model}/${r.backend}/${r.seed ?? 42}`,
);
if (ablations.length) {
  md('Ablation and tuning rows (model:setting=value); the best epoch is picked on validation R@20:');
  md();
  md('| run | seed | valid R@20 | valid N@20 | test R@20 | test N@20 | best epoch |');
  md('|---|---|---|---|---|---|---|');
  for (const r of ablations)
    md(
      `| ${r.model} | ${r.seed ?? 42} | ${fmt(r.valid?.['recall@20'])} | ${fmt(r.valid?.['ndcg@20'])} | ${fmt(r.metrics?.['recall@20'])} | ${fmt(r.metrics?.['ndcg@20'])} | ${r.best_epoch ?? '—'} |`,
    );
  md();
}
/** Mean test N@20 over epochs `from`..`to` of a trace, or — when the run did not reach `to`. */
function windowMean(trace, from, to) {
  const xs = trace.filter((p) => p.epoch >= from && p.epoch <= to).map((p) => p.test_ndcg20);
  return xs.length === to - from + 1 ? fmt(meanSd(xs).mean) : '—';
}
// `--trace-test` rows: the test metrics of every epoch, to show how much of a test figure is the pick.
const traced = latest(
  (r) => r.protocol === 'p2' && Array.isArray(r.trace) && r.trace.length > 0,
  (r) => `${r.model}/${r.backend}/${r.seed ?? 42}`,
);
if (traced.length) {
  md(
    'Test NDCG@20 around the epoch validation picks (`--trace-test`: the test split scored after every epoch, ' +
      'never used to pick); "changes agree" is the correlation of the epoch-to-epoch changes of validation R@20 and ' +
      'test N@20 over the picked epoch ± 20; the last three columns are the mean test N@20 over fixed epoch ' +
      'windows, whichever epoch is picked (— where the run stopped before the window ended):',
  );
  md();
  md(
    '| run | seed | best epoch | test N@20 at the pick | picked ± 10: mean ± sd | min – max | changes agree | epochs 41–60 | 61–80 | 81–100 |',
  );
  md('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of traced) {
    const near = (w) => r.trace.filter((p) => Math.abs(p.epoch - r.best_epoch) <= w);
    const n20 = near(10).map((p) => p.test_ndcg20);
    const s = meanSd(n20);
    const wide = near(20);
    const dv = wide.slice(1).map((p, i) => p.valid_recall20 - wide[i].valid_recall20);
    const dt = wide.slice(1).map((p, i) => p.test_ndcg20 - wide[i].test_ndcg20);
    md(
      `| ${r.model} | ${r.seed ?? 42} | ${r.best_epoch} | ${fmt(r.metrics?.['ndcg@20'])} | ${fmt(s.mean)} ± ${fmt(s.sd)} | ${fmt(Math.min(...n20))} – ${fmt(Math.max(...n20))} | ${fmt(correlation(dv, dt), 2)} | ${[41, 61, 81].map((a) => windowMean(r.trace, a, a + 19)).join(' | ')} |`,
    );
  }
  md();
}
if (p2.length) {
  charts.p2 = barChart({
    title: 'P2 (ml-100k): Recall@20 and NDCG@20',
    groups: [...p2.map((r) => r.model), 'FREEDOM ref', 'LightGCN ref'],
    series: [
      { name: 'Recall@20', values: [...p2.map((r) => r.metrics?.['recall@20']), 0.1605, 0.1541] },
      { name: 'NDCG@20', values: [...p2.map((r) => r.metrics?.['ndcg@20']), 0.1138, 0.1117] },
    ],
    yLabel: 'metric',
    domain: [0, 0.18],
  });
  md('![P2 metrics](report/p2.svg)');
  md();
}

const scaleCtr = latest(
  (r) => r.protocol === 'scale-ctr',
  (r) => `${r.model}/${r.backend}/${r.interactions}`,
);
const scaleKnn = latest(
  (r) => r.protocol === 'scale-knn',
  (r) => `${r.backend}/${r.items}/${r.dim}`,
);
md('## Scale (`npm run bench -- --entry scale`)');
md();
if (scaleCtr.length) {
  md(
    '| model | backend | interactions | train rows | rows/s | peak RSS (MB) | peak tensor MB | valid AUC (1 epoch) |',
  );
  md('|---|---|---|---|---|---|---|---|');
  for (const r of scaleCtr)
    md(
      `| ${r.model} | ${r.backend} | ${int(r.interactions)} | ${int(r.train_rows)} | ${int(r.train_rows_per_s)} | ${r.peak_rss_mb} | ${r.peak_tensor_mb} | ${fmt(r.valid_auc)} |`,
    );
  md();
  charts.scale = lineChart({
    title: 'ctr training speed as the demo data grow (1 epoch)',
    series: [...new Set(scaleCtr.map((r) => `${r.model} ${r.backend}`))].map((name) => ({
      name,
      points: scaleCtr
        .filter((r) => `${r.model} ${r.backend}` === name)
        .map((r) => [r.interactions, r.train_rows_per_s]),
    })),
    xLabel: 'interactions (log scale)',
    yLabel: 'training rows/s',
    yFormat: (t) => Math.round(t).toLocaleString('en-US'),
  });
  md('![ctr scale](report/scale.svg)');
  md();
}
if (scaleKnn.length) {
  md('| kNN graph | backend | items × dim | k | seconds | peak RSS (MB) | leaked tensors |');
  md('|---|---|---|---|---|---|---|');
  for (const r of scaleKnn)
    md(
      `| cosine kNN | ${r.backend} | ${int(r.items)} × ${r.dim} | ${r.k} | ${fmt(r.seconds, 2)} | ${r.peak_rss_mb} | ${r.leaked_tensors} |`,
    );
  md();
  charts.knn = lineChart({
    title: 'kNN item graph build time',
    series: [
      {
        name: `k=10, ${scaleKnn[0].dim}-d, ${scaleKnn[0].backend}`,
        points: scaleKnn.map((r) => [r.items, r.seconds]),
      },
    ],
    xLabel: 'items (log scale)',
    yLabel: 'seconds',
    yFormat: (t) => t.toFixed(1),
  });
  md('![kNN scale](report/knn.svg)');
  md();
}

const chromium = latest(
  (r) => r.protocol === 'demo' && r.browser,
  (r) => `${r.model}/${r.backend}`,
);
const app = latest(
  (r) => r.protocol === 'app',
  (r) => `${r.model}/${r.backend}`,
);
md('## In Chromium (the built app)');
md();
if (chromium.length) {
  md(
    "Training speed in the app's worker on the demo data, one epoch (`node bench/browser.mjs --backends " +
      'wasm,webgl,webgpu,cpu`; `--model autoint` for the autoint row):',
  );
  md();
  md('| model | backend | device | rows/s | status | browser | host, date |');
  md('|---|---|---|---|---|---|---|');
  for (const r of chromium)
    md(
      `| ${r.model} | ${r.backend} | ${r.device ?? '—'} | ${int(r.train_rows_per_s)} | ${r.status ?? '—'} | ${r.browser} | ${r.host}, ${r.date} |`,
    );
  md();
  md(
    'WebGL and WebGPU here run on SwiftShader (a CPU emulation of a GPU): their rows check that the backends',
  );
  md('work in the app, not how fast a GPU is.');
  md();
}
if (app.length) {
  md('App metrics (`node bench/app.mjs`):');
  md();
  md(
    '| model | backend | JS before interactive | worker JS | wasm | first paint | interactive | longest task while training | peak tensors |',
  );
  md('|---|---|---|---|---|---|---|---|---|');
  for (const r of app)
    md(
      `| ${r.model} | ${r.backend} | ${int(r.js_bytes_before_interactive / 1024)} KB | ${int(r.worker_js_bytes / 1024)} KB | ${int(r.wasm_bytes / 1024)} KB | ${r.first_paint_ms} ms | ${r.interactive_ms} ms | ${r.longest_task_while_training_ms} ms ${r.longest_task_while_training_ms <= 50 ? '✓' : '✗'} | ${r.peak_tensors} (${r.peak_tensor_mb} MB) |`,
    );
  md();
}
const gpu = latest(
  (r) => r.protocol === 'gpu-demo',
  (r) => `${r.model}/${r.backend}/${r.batch_size}`,
);
const gpuAgree = latest(
  (r) => r.protocol === 'gpu-agreement',
  (r) => `${r.model}/${r.backend}/${r.batch_size}`,
);
md('## Real GPU (Node + WebGPU through Dawn: `bench/gpu/run.sh`)');
md();
if (!gpu.length)
  md('No row yet: no GPU machine has been lent to a session so far. The script is ready (bench/gpu/).');
else {
  md('| model | backend | batch | rows/s | test AUC | host, date |');
  md('|---|---|---|---|---|---|');
  for (const r of gpu)
    md(
      `| ${r.model} | ${r.backend} | ${r.batch_size} | ${int(r.train_rows_per_s)} | ${fmt(r.metrics?.auc)} | ${r.host}, ${r.date} |`,
    );
  md();
  if (gpuAgree.length) {
    md('| model | backend vs reference | batch | AUC difference | agrees | speed-up |');
    md('|---|---|---|---|---|---|');
    for (const r of gpuAgree)
      md(
        `| ${r.model} | ${r.backend} vs ${r.reference} | ${r.batch_size} | ${fmt(r.auc_diff)} | ${r.agree ? '✓' : '✗'} | ${fmt(r.speedup, 2)}× |`,
      );
  }
}
md();

// ---- targets: each one met or not, from the rows above --------------------------------------------------
const rowOf = (model, backend = 'wasm') => p1.find((r) => r.model === model && r.backend === backend);
const speedTarget = (model, refName, ref) => {
  const r = rowOf(model);
  return {
    target: `${model} training rows/s on wasm ≥ ${refName} ${int(ref)}`,
    measured: r ? `${int(r.train_rows_per_s)} rows/s` : null,
    met: r ? r.train_rows_per_s >= ref : null,
  };
};
const longest = app.find((r) => r.backend === 'wasm') ?? app[0];
const targets = [
  speedTarget('autoint', 'AutoInt+DNN', 13465),
  speedTarget('din', 'DIN', 13274),
  {
    target: 'longest main-thread task while training ≤ 50 ms',
    measured: longest ? `${longest.longest_task_while_training_ms} ms` : null,
    met: longest ? longest.longest_task_while_training_ms <= 50 : null,
  },
  {
    target: 'tfjs loads lazily in the worker (none before the page is interactive)',
    measured: longest
      ? `${int(longest.js_bytes_before_interactive / 1024)} KB JS before interactive, ${typeof longest.tfjs_before_interactive === 'boolean' ? `tfjs ${longest.tfjs_before_interactive ? 'in it' : 'not in it'}` : 'tfjs not checked'}`
      : null,
    met: typeof longest?.tfjs_before_interactive === 'boolean' ? !longest.tfjs_before_interactive : null,
  },
  {
    target: 'real GPU: WebGPU through Dawn, results as wasm within tolerance',
    measured: gpuAgree.length ? `${gpuAgree.filter((r) => r.agree).length}/${gpuAgree.length} agree` : null,
    met: gpuAgree.length ? gpuAgree.every((r) => r.agree) : null,
  },
];
md('## Targets');
md();
md('| target | measured | met |');
md('|---|---|---|');
for (const t of targets)
  md(`| ${t.target} | ${t.measured ?? 'not measured'} | ${t.met === null ? '—' : t.met ? '✓' : '✗'} |`);
md();

mkdirSync(join(args.out, 'report'), { recursive: true });
for (const [name, svg] of Object.entries(charts))
  writeFileSync(join(args.out, 'report', `${name}.svg`), svg + '\n');
writeFileSync(join(args.out, 'REPORT.md'), out.join('\n') + '\n');
console.log(
  `wrote ${join(args.out, 'REPORT.md')} and ${Object.keys(charts).length} charts from ${rows.length} rows`,
);
