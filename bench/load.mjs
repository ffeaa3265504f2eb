// Load time of a large interaction CSV in the built app (Chromium), and whether the page stays responsive.
//   npm run build && node bench/load.mjs --rows 1000000
// Generates the CSV in a temporary folder (never committed), uploads it through the real file input, and
// reports: seconds to read (until the mapping step shows), seconds to build (until the summary shows), and the
// longest main-thread task meanwhile (Long Tasks API). Also loads ml-100k the same way.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from '../e2e/harness.mjs';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const dir = mkdtempSync(join(tmpdir(), 'recplay-load-'));
const rows = Number(args.rows);
const csvPath = join(dir, 'interactions.csv');
{
  // Seeded xorshift32 so the file is the same every run.
  let s = 42;
  const rand = (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
  const lines = ['user_id,item_id,rating,timestamp'];
  for (let r = 0; r < rows; r++)
    lines.push(`${1 + rand(20000)},${1 + rand(30000)},${1 + rand(5)},${1500000000 + r * 7}`);
  writeFileSync(csvPath, lines.join('\n') + '\n');
}
const mb = statSync(csvPath).size / 1024 / 1024;
const server = await startPreview(4176);
try {
  const browser = await launchChromium();
  const shared = resolve(process.env.SHARED_DATASETS ?? '../shared/datasets', 'ml-100k');
  const cases = [
    { name: `generated ${rows.toLocaleString('en-US')} rows (${mb.toFixed(1)} MB)`, files: [csvPath] },
    {
      name: 'ml-100k (u.data + u.item + u.user)',
      files: ['u.data', 'u.item', 'u.user'].map((f) => join(shared, f)),
    },
  ];
  for (const c of cases) {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}/`);
    await page.getByTestId('num-users').waitFor();
    await page.evaluate(() => (window.__longest = 0));
    const t0 = Date.now();
    await page.getByTestId('file-input').setInputFiles(c.files);
    await page.getByTestId('mapping-editor').waitFor({ timeout: 120_000 });
    const readS = (Date.now() - t0) / 1000;
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Load dataset' }).click();
    await page.getByTestId('build-report').waitFor({ timeout: 120_000 });
    const buildS = (Date.now() - t1) / 1000;
    const longest = await page.evaluate(() => window.__longest);
    console.log(
      JSON.stringify({
        case: c.name,
        read_s: readS,
        build_s: buildS,
        total_s: +(readS + buildS).toFixed(2),
        longest_main_thread_task_ms: longest,
        users: await page.getByTestId('num-users').innerText(),
        interactions: await page.getByTestId('num-interactions').innerText(),
        report: (await page.getByTestId('build-report').innerText()).slice(0, 200),
      }),
    );
    await page.close();
  }
  await browser.close();
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}
