// Sweep metrics of the built app in headless Chromium (issue 23 item 3): while a sweep runs in the tab, the
// longest main-thread task (Long Tasks API; target ≤ 50 ms); over a long sweep, the worker's tensor count at
// trial 5 and at the last trial (from the trial's last progress report), the page's and the worker's JS heap
// after a forced GC and the worker's array-buffer backing stores (the wasm backend's memory among them; CDP),
// with a reload at `--reload-at` trials: every trial must still be recorded at the end.
//   npm run build && node bench/sweep.mjs [--trials 50] [--reload-at 25] [--users 120] [--items 80]
// Prints one JSON line; appends it to --out (default bench/results/<date>-vm-sweep.jsonl).
import { appendFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from '../e2e/harness.mjs';
import { today } from './chromiumResults.mjs';

const { values: args } = parseArgs({
  options: {
    trials: { type: 'string', default: '50' },
    'reload-at': { type: 'string', default: '25' },
    'early-at': { type: 'string', default: '5' },
    epochs: { type: 'string', default: '1' },
    search: { type: 'string', default: 'random' },
    users: { type: 'string', default: '120' },
    items: { type: 'string', default: '80' },
    backend: { type: 'string', default: 'wasm' },
    port: { type: 'string', default: '4184' },
    out: { type: 'string', default: `bench/results/${today()}-vm-sweep.jsonl` },
  },
});
const trials = Number(args.trials);
const reloadAt = Number(args['reload-at']);
const earlyAt = Number(args['early-at']);

// The link carries the sweep (so the page opens idle: a link with a sweep trains no single run).
const num = (target, key, min, max, scale, integer) => ({
  kind: 'number',
  target,
  key,
  min,
  max,
  scale,
  integer,
});
const wire = {
  v: 2,
  d: { kind: 'demo', seed: 42, users: Number(args.users), items: Number(args.items) },
  m: 'amfr',
  b: args.backend,
  sw: {
    v: 1,
    space: {
      modelId: 'amfr',
      dims: [
        num('model', 'embeddingDim', 4, 32, 'linear', true),
        num('model', 'layers', 1, 3, 'linear', true),
        num('train', 'learningRate', 1e-4, 1e-1, 'log', false),
      ],
    },
    search: args.search,
    seed: 'bench-sweep',
    budget: { trials, epochs: Number(args.epochs), minutes: 0 },
    metric: 'auc',
  },
};
const stream = new Blob([JSON.stringify(wire)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
const hash = `#e2.${Buffer.from(await new Response(stream).arrayBuffer()).toString('base64url')}`;

const server = await startPreview(Number(args.port));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__longest = 0;
    window.__longTasks = 0;
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__longest = Math.max(window.__longest, e.duration);
        window.__longTasks++;
        window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
      }
    }).observe({ type: 'longtask', buffered: false });
    // Long animation frames name the scripts behind a long task (where the time went).
    window.__loaf = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration < 50) continue;
        window.__loaf.push({
          at: Math.round(e.startTime),
          ms: Math.round(e.duration),
          blocking: Math.round(e.blockingDuration),
          render: Math.round(e.duration - (e.renderStart ? e.renderStart - e.startTime : e.duration)),
          scripts: e.scripts.map(
            (x) => `${x.invoker} ${x.sourceFunctionName ?? ''} ${Math.round(x.duration)}ms`,
          ),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  });
  const cdp = await page.context().newCDPSession(page);
  const heapMb = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return Math.round((usedSize / 2 ** 20) * 10) / 10;
  };
  // The training worker's heap, through a browser-level CDP session attached to the worker's target (Playwright
  // opens CDP sessions on pages only); attached afresh each time, since a reload starts a new worker.
  const browserCdp = await browser.newBrowserCDPSession();
  let messageId = 0;
  const pending = new Map();
  browserCdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const workerHeap = async () => {
    const { targetInfos } = await browserCdp.send('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'worker');
    if (workers.length !== 1) return { error: `${workers.length} workers` };
    const { sessionId } = await browserCdp.send('Target.attachToTarget', {
      targetId: workers[0].targetId,
      flatten: false,
    });
    const send = (method) =>
      new Promise((resolve) => {
        const id = ++messageId;
        pending.set(id, resolve);
        void browserCdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params: {} }),
        });
      });
    try {
      await send('HeapProfiler.collectGarbage');
      const { result } = await send('Runtime.getHeapUsage');
      const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
      return { heap_mb: mb(result.usedSize), backing_store_mb: mb(result.backingStorageSize ?? 0) };
    } finally {
      await browserCdp.send('Target.detachFromTarget', { sessionId });
    }
  };
  const rows = () => page.locator('[data-testid=sweep-table] tbody tr');
  const status = () => page.getByTestId('sweep-status').getAttribute('data-status');
  const tensorsAt = (i) =>
    page.locator(`[data-testid=sweep-table] tbody tr[data-index="${i}"]`).getAttribute('data-tensors');
  const waitRows = async (n) => {
    for (;;) {
      if ((await rows().count()) >= n) return;
      const s = await status();
      if (s === 'done' || s === 'budget' || s === 'stopped') return;
      await page.waitForTimeout(250);
    }
  };

  await page.goto(`${server.url}/${hash}`);
  await page
    .getByTestId('backend-name')
    .filter({ hasText: /^(wasm|cpu|webgl|webgpu)$/ })
    .waitFor({ timeout: 60_000 });
  await page.getByLabel('Sweep trials').waitFor();
  const t0 = Date.now();
  await page.evaluate(
    () => ((window.__longest = 0), (window.__longTasks = 0), (window.__tasks = []), (window.__loaf = [])),
  );
  await page.getByRole('button', { name: 'Start sweep' }).click();

  await waitRows(earlyAt);
  const early = {
    trial: earlyAt,
    tensors: Number(await tensorsAt(earlyAt - 1)),
    page_heap_mb: await heapMb(),
    worker: await workerHeap(),
  };
  await waitRows(reloadAt);
  const beforeReload = {
    longest: await page.evaluate(() => window.__longest),
    count: await page.evaluate(() => window.__longTasks),
    tasks: await page.evaluate(() => window.__tasks.slice(-20)),
    frames: await page.evaluate(() => window.__loaf.slice(-8)),
  };
  const recordedBeforeReload = await rows().count();
  await page.reload();
  await page.getByTestId('sweep-table').waitFor({ timeout: 60_000 });
  const recordedAfterReload = await rows().count();
  // The reload's own work (parsing, first render) is the page loading, not the sweep: measured apart.
  const loading = { longest: await page.evaluate(() => window.__longest) };
  await page.evaluate(() => ((window.__longest = 0), (window.__longTasks = 0)));
  for (;;) {
    const s = await status();
    if (s === 'done' || s === 'budget' || s === 'stopped') break;
    await page.waitForTimeout(250);
  }
  const seconds = (Date.now() - t0) / 1000;
  const afterReload = {
    longest: await page.evaluate(() => window.__longest),
    count: await page.evaluate(() => window.__longTasks),
  };
  const n = await rows().count();
  const late = {
    trial: n,
    tensors: Number(await tensorsAt(n - 1)),
    page_heap_mb: await heapMb(),
    worker: await workerHeap(),
  };
  const all = await rows().evaluateAll((trs) =>
    trs.map((tr) => ({
      index: Number(tr.getAttribute('data-index')),
      status: tr.getAttribute('data-status'),
      tensors: Number(tr.getAttribute('data-tensors')),
      layers: tr.querySelectorAll('td')[2]?.textContent,
    })),
  );
  const indices = all.map((r) => r.index).sort((a, b) => a - b);
  // Tensors at the end of a trial depend on the model's size (its layers); flat means equal for equal layers.
  const byLayers = {};
  for (const r of all) (byLayers[r.layers] ??= []).push(r.tensors);
  const spread = Object.fromEntries(
    Object.entries(byLayers).map(([k, v]) => [k, [Math.min(...v), Math.max(...v), v.length]]),
  );
  const row = {
    protocol: 'app-sweep',
    model: 'amfr',
    search: args.search,
    space: 'embeddingDim 4–32, layers 1–3, learningRate 1e-4–1e-1 log',
    demo: wire.d,
    backend: args.backend,
    trials_planned: trials,
    epochs_per_trial: Number(args.epochs),
    trials_recorded: n,
    trials_indices_complete: indices.every((v, i) => v === i),
    statuses: all.reduce((m, r) => ((m[r.status] = (m[r.status] ?? 0) + 1), m), {}),
    reload_at: reloadAt,
    recorded_before_reload: recordedBeforeReload,
    recorded_after_reload: recordedAfterReload,
    final_status: await status(),
    seconds: Math.round(seconds),
    longest_task_ms_before_reload: Math.round(beforeReload.longest),
    longest_task_ms_after_reload: Math.round(afterReload.longest),
    longest_task_ms_reload_itself: Math.round(loading.longest),
    long_task_log_before_reload: beforeReload.tasks,
    long_frames_before_reload: beforeReload.frames,
    long_task_log_after_reload: await page.evaluate(() => window.__tasks.slice(-20)),
    long_frames_after_reload: await page.evaluate(() => window.__loaf.slice(-8)),
    long_tasks: beforeReload.count + afterReload.count,
    early,
    late,
    worker_tensors_by_layers_min_max_n: spread,
    page_errors: errors,
    browser: `chromium ${browser.version()}`,
    date: today(),
    host: hostname(),
  };
  const line = JSON.stringify(row);
  console.log(line);
  appendFileSync(args.out, line + '\n');
} finally {
  await browser.close();
  server.stop();
}
