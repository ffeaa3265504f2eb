// Auto's speed probe (`npm run bench -- --entry probe`), and which backend auto takes in Chromium: whether the
// probe's pick is the backend a longer timing finds fastest.
import { chromiumRows, threadsOf } from './chromium.mjs';
import { int } from './markdown.mjs';
import { latest } from './rows.mjs';

/** bench/probe.ts's latest row per model. */
export const probeRows = (rows) =>
  latest(
    rows,
    (r) => r.protocol === 'probe',
    (r) => r.model,
  );

/** Chromium rows of runs on "auto", with the fastest backend measured for the same model in the same bench. */
export function chromiumAutoRows(rows) {
  const all = chromiumRows(rows);
  return all
    .filter((r) => r.requested === 'auto')
    .map((r) => {
      const forced = all.filter(
        (f) => f.model === r.model && f.requested !== 'auto' && threadsOf(f) === threadsOf(r),
      );
      const best = forced.reduce((b, f) => (!b || f.train_rows_per_s > b.train_rows_per_s ? f : b), null);
      return { ...r, forced, fastest: best?.backend ?? null };
    });
}

const figures = (o, unit) =>
  Object.entries(o)
    .sort((a, b) => (b[1] ?? -1) - (a[1] ?? -1))
    .map(([k, v]) => `${k} ${v === null ? 'failed' : int(v)}`)
    .join(' · ') + ` ${unit}/s`;

export function writeProbe({ md }, rows) {
  const probes = probeRows(rows);
  const auto = chromiumAutoRows(rows);
  if (!probes.length && !auto.length) return;
  md('## Auto picks the fastest backend (`npm run bench -- --entry probe`)');
  md();
  if (probes.length) {
    md(
      'Before a run on "auto", the worker times a few training steps of the run’s model and batch on every ' +
        'backend that could train it and takes the fastest (remembered per device, model and data). Here, in ' +
        'Node on the default demo with each model’s quick start, the candidates are wasm and cpu; each is then ' +
        'timed again for longer (`check`), and the row says whether the pick is the fastest there too.',
    );
    md();
    md('| model | probe (as auto runs it) | probe seconds | longer timing | pick | fastest | host, date |');
    md('|---|---|---|---|---|---|---|');
    for (const r of probes)
      md(
        `| ${r.model} | ${figures(r.probe, r.unit)} | ${r.probe_seconds.toFixed(1)} s | ${figures(r.check, r.unit)} (${r.check_ms / 1000} s each) | ${r.pick} | ${r.fastest} ${r.pick_is_fastest ? '✓' : '✗'} | ${r.host}, ${r.date} |`,
      );
    md();
  }
  if (auto.length) {
    md(
      'In Chromium (`node bench/browser.mjs --backends auto,wasm,webgl,cpu`; WebGPU on SwiftShader, 50–250× ' +
        'slower than wasm, left out), where auto passes over the software GPUs: the backend auto started, and ' +
        'the fastest of the forced runs.',
    );
    md();
    md('| model | auto started | its rows/s | forced runs | fastest |');
    md('|---|---|---|---|---|');
    for (const r of auto)
      md(
        `| ${r.model} | ${r.backend} | ${int(r.train_rows_per_s)} | ${r.forced.map((f) => `${f.backend} ${int(f.train_rows_per_s)}`).join(' · ')} | ${r.fastest ?? '—'} ${r.fastest === r.backend ? '✓' : '✗'} |`,
      );
    md();
  }
}

/** The target: auto's pick is the fastest backend wherever the bench measured both. */
export function probeTarget(rows) {
  const probes = probeRows(rows);
  const auto = chromiumAutoRows(rows).filter((r) => r.forced.length > 0);
  const checks = [
    ...probes.map((r) => ({ what: `${r.model} (Node)`, ok: r.pick_is_fastest })),
    ...auto.map((r) => ({ what: `${r.model} (Chromium)`, ok: r.fastest === r.backend })),
  ];
  return {
    target: "auto's choice is the fastest backend in the bench, the probe's figures shown",
    measured: checks.length
      ? `${checks.filter((c) => c.ok).length}/${checks.length} picks fastest (${checks.map((c) => `${c.what} ${c.ok ? '✓' : '✗'}`).join(', ')})`
      : null,
    met: checks.length ? checks.every((c) => c.ok) : null,
  };
}
