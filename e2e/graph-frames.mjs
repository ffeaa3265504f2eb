// Frame time of the modality-graph view while its layout runs, in headless Chromium:
//   npx vite build --config e2e/graph-harness/vite.config.ts && node e2e/graph-frames.mjs [port]
// Prints the median / p95 frame interval and the longest main-thread task, and writes a screenshot
// (OUT, default /tmp/graph-view.png) after the layout settles, with an item focused, and the overview, a
// zoomed-in view, the graph by category, a category drilled down into and the acoustic graph beside it
// (OUT's name with -overview, -zoomed, -categories, -drilled, -acoustic, -acoustic-overview).
// VIEWPORT=1280x800 sets the page's size (default 1200x820); DOCS_PNG=docs/graph-overview.png also writes the
// overview as a small indexed PNG.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { launchChromium } from './harness.mjs';
import { palettePng } from './pngPalette.mjs';

const port = Number(process.argv[2] ?? process.env.E2E_PORT ?? 4182);
const n = Number(process.env.NODES ?? 3000);
const k = Number(process.env.K ?? 10);
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
const config = fileURLToPath(new URL('./graph-harness/vite.config.ts', import.meta.url));
const server = spawn(
  process.execPath,
  [vite, 'preview', '--config', config, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
  { stdio: 'ignore' },
);
const url = `http://127.0.0.1:${port}/?n=${n}&k=${k}`;
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await launchChromium();
  const [vw, vh] = (process.env.VIEWPORT ?? '1200x820').split('x').map(Number);
  const page = await browser.newPage({ viewport: { width: vw, height: vh }, deviceScaleFactor: 1 });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    // Record every frame and every long task from the first paint on.
    window.__frames = [];
    window.__long = [];
    const loop = (t) => {
      window.__frames.push(t);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
  const t0 = Date.now();
  await page.goto(url);
  const graph = page.getByTestId('modality-graph');
  await graph.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-layout="settled"]'), null, {
    timeout: 120_000,
  });
  const seconds = (Date.now() - t0) / 1000;
  const stats = await page.evaluate(() => {
    const root = document.querySelector('[data-testid="modality-graph"]');
    const f = window.__frames;
    const d = f
      .slice(1)
      .map((t, i) => t - f[i])
      .sort((a, b) => a - b);
    const q = (p) => d[Math.min(d.length - 1, Math.floor(p * d.length))];
    return {
      frames: d.length,
      medianMs: q(0.5),
      p95Ms: q(0.95),
      maxMs: d[d.length - 1],
      longTasks: window.__long.length,
      longestTaskMs: Math.max(0, ...window.__long),
      ticks: Number(root.dataset.ticks),
      tickMs: Number(root.dataset.tickMs),
      drawMs: Number(root.dataset.drawMs),
      edges: Number(root.dataset.edges),
      nodes: Number(root.dataset.nodes),
    };
  });
  // The same page idle (layout settled, nothing drawn): what this machine's frames cost anyway.
  const idle = await page.evaluate(async () => {
    window.__frames = [];
    await new Promise((r) => setTimeout(r, 2000));
    const f = window.__frames;
    const d = f
      .slice(1)
      .map((t, i) => t - f[i])
      .sort((a, b) => a - b);
    return d[Math.floor(d.length / 2)];
  });
  console.log(JSON.stringify({ n, k, settleSeconds: seconds, ...stats, idleMedianMs: idle }));
  const shot = (suffix) => (process.env.OUT ?? '/tmp/graph-view.png').replace(/\.png$/, `${suffix}.png`);
  const lodText = async () =>
    (await page.getByTestId('graph-lod').count()) ? await page.getByTestId('graph-lod').innerText() : '';
  console.log('overview:', await lodText());
  await page.screenshot({ path: shot('-overview') });
  if (process.env.DOCS_PNG) {
    // The same picture as a small indexed PNG (for docs/): pixels read back in the page, quantized here.
    const png = (await page.screenshot()).toString('base64');
    const { w, h, data } = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let bin = '';
      for (let i = 0; i < px.length; i += 0x8000) bin += String.fromCharCode(...px.subarray(i, i + 0x8000));
      return { w: c.width, h: c.height, data: btoa(bin) };
    }, png);
    writeFileSync(process.env.DOCS_PNG, palettePng(Buffer.from(data, 'base64'), w, h));
  }
  // Zoom in (the wheel, over a point left of the middle) for the closer picture.
  const area = await page.getByTestId('graph-canvas').boundingBox();
  await page.mouse.move(area.x + area.width * 0.4, area.y + area.height * 0.45);
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  console.log('zoomed:', await lodText());
  await page.screenshot({ path: shot('-zoomed') });
  // The graph by category, then a drill-down into the largest one.
  if (await page.getByTestId('graph-mode-categories').count()) {
    await page.getByTestId('graph-mode-categories').click();
    console.log('categories:', await page.getByTestId('category-sentence').innerText());
    await page.screenshot({ path: shot('-categories') });
    await page.getByTestId('category-node').first().click();
    await page.waitForTimeout(300);
    console.log('drilled down:', await lodText());
    await page.screenshot({ path: shot('-drilled') });
  }
  // Focus an item through the search box, hover another, for the picture.
  await page.getByTestId('graph-search').fill('i12');
  await page.getByTestId('graph-hit').first().click();
  await page.getByTestId('graph-ego').waitFor();
  const box = await page.getByTestId('graph-canvas').boundingBox();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.35);
  await page.waitForTimeout(400);
  await page.screenshot({ path: process.env.OUT ?? '/tmp/graph-view.png', fullPage: true });
  // Another graph over the placed nodes: the layout re-runs from the current picture.
  await page.getByTestId('graph-toggle').filter({ hasText: 'acoustic' }).click();
  await page.waitForFunction(() => document.querySelector('[data-layout="running"]'));
  await page.waitForFunction(() => document.querySelector('[data-layout="settled"]'), null, {
    timeout: 120_000,
  });
  await page.screenshot({
    path: (process.env.OUT ?? '/tmp/graph-view.png').replace(/\.png$/, '-acoustic.png'),
  });
  // The acoustic graph's overview: focus cleared, zoomed out to the whole graph.
  if (await page.getByTestId('graph-fit').count()) {
    await page.getByTestId('graph-clear').click();
    await page.getByTestId('graph-fit').click();
    await page.waitForTimeout(300);
    console.log('acoustic overview:', await lodText());
    await page.screenshot({ path: shot('-acoustic-overview') });
  }
  if (errors.length) console.log('console errors:', errors);
  await browser.close();
} finally {
  server.kill();
}
