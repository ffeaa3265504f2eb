// App metrics of the built app in headless Chromium (issue 10): JavaScript bytes the page loads before it is
// interactive (tfjs must load lazily in the worker), time to first paint, the longest main-thread task while
// a model trains (Long Tasks API; target ≤ 50 ms), the peak tensor count / bytes the worker reports, and
// (issue 23) the data wizard regenerating the default-size demo: the worker's seconds as the page shows them
// (another data seed each time, median of `--regen`) and the longest main-thread task meanwhile.
//   npm run build && node bench/app.mjs [--model dnn] [--backend wasm] [--epochs 1] [--regen 3]
// Prints one JSON line; appends it to bench/results/<date>-<host>-chromium.jsonl.
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from '../e2e/harness.mjs';
import { appendChromiumRow, today } from './chromiumResults.mjs';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'dnn' },
    backend: { type: 'string', default: 'wasm' },
    epochs: { type: 'string', default: '1' },
    port: { type: 'string', default: '4177' },
    regen: { type: 'string', default: '3' },
  },
});
const date = today();

const server = await startPreview(Number(args.port));
try {
  const browser = await launchChromium();
  const page = await browser.newPage();
  // Every response the page and its worker receive, in arrival order, with the moment it arrived.
  const responses = [];
  const t0 = Date.now();
  page.on('response', async (r) => {
    const at = Date.now() - t0;
    const body = await r.body().catch(() => null);
    // tfjs-core's kernel registry error text: present in any bundle that holds tfjs-core.
    const tfjs = body ? body.includes('not registered for backend') : false;
    responses.push({
      url: r.url(),
      at,
      bytes: body ? body.length : 0,
      type: r.request().resourceType(),
      tfjs,
    });
  });
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}/`);
  // Interactive: the controls are rendered and enabled (the Train button needs the demo data).
  await page.getByRole('button', { name: 'Train' }).waitFor();
  const interactiveMs = Date.now() - t0;
  const timing = await page.evaluate(() => {
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      firstPaint: paint['first-paint'] ?? null,
      firstContentfulPaint: paint['first-contentful-paint'] ?? null,
      domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
      pageScripts: performance
        .getEntriesByType('resource')
        .filter((e) => /\.m?js(\?|$)/.test(e.name) && e.initiatorType !== 'other')
        .map((e) => e.name),
    };
  });
  const isJs = (u) => /\.m?js(\?|$)/.test(u);
  const jsBefore = responses.filter((r) => isJs(r.url) && timing.pageScripts.includes(r.url));
  const document = responses.find((r) => r.type === 'document');

  await page.getByTestId('model-picker').selectOption(args.model);
  await page.getByTestId('backend-picker').selectOption(args.backend);
  await page.getByLabel('Epochs', { exact: true }).fill(args.epochs);
  await page.evaluate(() => (window.__longest = 0));
  await page.getByRole('button', { name: 'Train' }).click();
  let peakTensors = 0;
  let peakMb = 0;
  for (;;) {
    const status = (await page.getByTestId('run-status').innerText()).trim();
    const mem = (await page.getByTestId('tensor-memory').innerText()).trim();
    const m = /([\d,]+) tensors(?: · ([\d.]+) MB)?/.exec(mem);
    if (m) {
      peakTensors = Math.max(peakTensors, Number(m[1].replace(/,/g, '')));
      if (m[2]) peakMb = Math.max(peakMb, Number(m[2]));
    }
    if (/Done|Failed|Stopped/.test(status)) break;
    await page.waitForTimeout(200);
  }
  const longestTaskMs = await page.evaluate(() => window.__longest);
  const trainedStatus = (await page.getByTestId('run-status').innerText()).trim();

  // The wizard: a new data seed, Generate, and the seconds the worker took (shown once the data are loaded).
  const regenSeconds = [];
  let longestRegenMs = 0;
  if (Number(args.regen) > 0) {
    await page.getByTestId('wizard-toggle').click();
    const seconds = page.getByTestId('demo-seconds');
    for (let i = 0; i < Number(args.regen); i++) {
      await page.getByTestId('wizard-seed').fill(String(43 + i));
      await page.getByTestId('wizard-seed').blur();
      await page.evaluate(() => (window.__longest = 0));
      await page.getByTestId('wizard-generate').click();
      await seconds.filter({ hasText: /generated in [\d.]+ s/ }).waitFor({ timeout: 60_000 });
      regenSeconds.push(Number(/generated in ([\d.]+) s/.exec(await seconds.innerText())[1]));
      longestRegenMs = Math.max(longestRegenMs, await page.evaluate(() => window.__longest));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const workerJs = responses.filter((r) => isJs(r.url) && !timing.pageScripts.includes(r.url));
  const wasm = responses.filter((r) => /\.wasm(\?|$)/.test(r.url));
  const sum = (xs) => xs.reduce((s, r) => s + r.bytes, 0);
  const row = {
    protocol: 'app',
    model: args.model,
    backend: (await page.getByTestId('backend-name').innerText()).trim(),
    status: trainedStatus,
    html_bytes: document ? document.bytes : null,
    js_bytes_before_interactive: sum(jsBefore),
    js_files_before_interactive: jsBefore.map((r) => r.url.replace(server.url, '')),
    tfjs_before_interactive: jsBefore.some((r) => r.tfjs),
    worker_js_bytes: sum(workerJs),
    wasm_bytes: sum(wasm),
    first_paint_ms: timing.firstPaint && Math.round(timing.firstPaint),
    first_contentful_paint_ms: timing.firstContentfulPaint && Math.round(timing.firstContentfulPaint),
    interactive_ms: interactiveMs,
    longest_task_while_training_ms: Math.round(longestTaskMs),
    regen_default_demo_seconds: regenSeconds,
    regen_default_demo_median_s: regenSeconds.length ? median(regenSeconds) : null,
    longest_task_while_regenerating_ms: Math.round(longestRegenMs),
    peak_tensors: peakTensors,
    peak_tensor_mb: peakMb,
    epochs: Number(args.epochs),
    browser: `chromium ${browser.version()}`,
    date,
    host: hostname(),
  };
  appendChromiumRow(row);
  await browser.close();
} finally {
  server.stop();
}
