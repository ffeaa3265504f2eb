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

/** bench/browser.mjs's latest row per model and backend asked for (a run on auto is a row of its own). */
/** The wasm pool's threads a row's device names ("WebAssembly SIMD, 2 threads, …"); 1 when it names none. */
export const threadsOf = (r) => Number(/(\d+) threads?\b/.exec(r.device ?? '')?.[1] ?? 1);

/**
 * The latest row per model, backend and thread count. Rows of a build with threads forced on a machine whose
 * default is one (`VITE_WASM_THREADS`) sit beside the default's, never in its place.
 */
export const chromiumRows = (rows) =>
  latest(
    rows,
    (r) => r.protocol === 'demo' && r.browser,
    (r) => `${r.model}/${r.requested === 'auto' ? 'auto' : r.backend}/${threadsOf(r)}`,
  );

export function writeChromium({ md }, rows) {
  const chromium = chromiumRows(rows);
  const app = appRows(rows);
  md('## In Chromium (the built app)');
  md();
  if (chromium.length) {
    md(
      "Training speed in the app's worker on the demo data, one epoch (`node bench/browser.mjs --backends " +
        'wasm,webgl,webgpu,cpu`; `--models autoint,amfr,din,mmdin,lightgcn,tmfun --backends wasm --node` for the ' +
        'model rows, `--repeat 3`: medians of three runs each, page and Node alternating). Node: the same model, data and epochs in `npm run bench -- --protocol demo` on wasm, run ' +
        'right after the page (the ratio is Chromium over Node). First epoch: seconds from pressing Train to the ' +
        'first row of the epoch table (data upload, model build, self-check and validation included).',
    );
    md();
    md(
      '| model | backend | device | rows/s | Node rows/s | Chromium ÷ Node | first epoch | status | browser | host, date |',
    );
    md('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of chromium)
      md(
        `| ${r.model} | ${r.backend} | ${r.device ?? '—'} | ${int(r.train_rows_per_s)} | ${r.node_rows_per_s ? int(r.node_rows_per_s) : '—'} | ${r.chromium_over_node ? `${r.chromium_over_node.toFixed(2)} ×` : '—'} | ${r.first_epoch_s != null ? `${r.first_epoch_s.toFixed(1)} s` : '—'} | ${r.status ?? '—'} | ${r.browser} | ${r.host}, ${r.date} |`,
      );
    md();
    md(
      'WebGL and WebGPU here run on SwiftShader (a CPU emulation of a GPU): their rows check that the backends',
    );
    md('work in the app, not how fast a GPU is. Top-k models count BPR triples per second.');
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
