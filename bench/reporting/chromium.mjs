// The Chromium section: training speed in the built app's worker per backend (bench/browser.mjs) and the app's
// own metrics (bench/app.mjs).
import { int } from './markdown.mjs';
import { latest } from './rows.mjs';

/** bench/app.mjs's latest row per model and backend. */
export const appRows = (rows) =>
  latest(
    rows,
    (r) => r.protocol === 'app',
    (r) => `${r.model}/${r.backend}`,
  );

export function writeChromium({ md }, rows) {
  const chromium = latest(
    rows,
    (r) => r.protocol === 'demo' && r.browser,
    (r) => `${r.model}/${r.backend}`,
  );
  const app = appRows(rows);
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
}
