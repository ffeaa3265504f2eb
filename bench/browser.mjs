// Speed of the built app in headless Chromium, per model and backend: trains each model on the demo data in
// the page's worker and reads what the page reports, including the time from "Train" to the first finished
// epoch. With --node, each ctr model on wasm is then trained the same way in Node (`npm run bench --
// --protocol demo`) right after, so the two speeds are compared side by side.
//   npm run build && node bench/browser.mjs --backends wasm,webgl,cpu --epochs 1 [--models dnn,autoint] [--node]
//     [--repeat 3]   (medians of 3 runs each, page and Node alternating: single runs here vary by ±30 %)
// Prints one JSON line per (model, backend); appends them to bench/results/<date>-<host>-chromium.jsonl.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from '../e2e/harness.mjs';
import { appendChromiumRow, today } from './chromiumResults.mjs';

const { values: args } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm' },
    epochs: { type: 'string', default: '1' },
    models: { type: 'string', default: 'dnn' },
    // Also train each ctr model on wasm in Node right after, for the ratio.
    node: { type: 'boolean', default: false },
    // Runs each (model, backend) this many times, page and Node alternating; the row keeps the medians.
    repeat: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '900' },
    // Several checkouts share the machine: each passes its own port.
    port: { type: 'string', default: '4175' },
  },
});
const date = today();

/** One model on one backend in a fresh page: rows/s over the run, seconds from Train to the first epoch. */
async function trainInPage(browser, version, model, backend) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`);
  await page.getByTestId('num-users').waitFor();
  await page.getByTestId('model-picker').selectOption(model);
  await page.getByTestId('backend-picker').selectOption(backend);
  await page.getByLabel('Epochs', { exact: true }).fill(args.epochs);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Train' }).click();
  const timeout = Number(args.timeout) * 1000;
  const done = page.getByTestId('run-status').filter({ hasText: /Done|Failed/ });
  // The epoch table gets its first row when the first epoch (and its validation) has finished.
  await Promise.race([
    page.locator('.epoch-table tbody tr').first().waitFor({ timeout }),
    done.waitFor({ timeout }),
  ]);
  const firstEpochS = (await page.locator('.epoch-table tbody tr').count()) ? (Date.now() - t0) / 1000 : null;
  await done.waitFor({ timeout });
  const text = async (id) => (await page.getByTestId(id).innerText()).trim();
  const row = {
    protocol: 'demo',
    model,
    requested: backend,
    backend: await text('backend-name'),
    // Inside the closed disclosure: innerText is empty there, the text content is not.
    device: (await page.getByTestId('backend-device').count())
      ? (await page.getByTestId('backend-device').textContent()).trim()
      : null,
    status: await text('run-status'),
    // Training time only (validation excluded), over the whole run: as the Node bench counts.
    train_rows_per_s: Number((await text('rows-per-sec')).replace(/[^\d]/g, '')),
    // The page counts ctr rows, or a top-k model's BPR triples (which the Node demo protocol cannot train).
    unit: (await text('rows-per-sec')).endsWith('triples/s') ? 'triples/s' : 'rows/s',
    first_epoch_s: firstEpochS,
    test: (await page.getByTestId('test-result').count()) ? await text('test-result') : null,
    wall_s: (Date.now() - t0) / 1000,
    epochs: Number(args.epochs),
    browser: `chromium ${version}`,
    date,
    host: hostname(),
  };
  await page.close();
  return row;
}

/** The same model and epochs on the same demo data in Node on wasm (bench/main.ts), its training rows/s. */
function nodeRowsPerSec(model) {
  const out = `${tmpdir()}/recplay-browser-node-${process.pid}.jsonl`;
  const r = spawnSync(
    'node',
    [
      'bench/run.mjs',
      '--protocol',
      'demo',
      '--models',
      model,
      '--epochs',
      args.epochs,
      '--backend',
      'wasm',
      '--out',
      out,
    ],
    { encoding: 'utf8' },
  );
  try {
    if (r.status !== 0) throw new Error(`Node bench failed for ${model}: ${r.stderr.slice(-500)}`);
    return JSON.parse(readFileSync(out, 'utf8').trim().split('\n').at(-1)).train_rows_per_s;
  } finally {
    rmSync(out, { force: true });
  }
}
const server = await startPreview(Number(args.port));
try {
  const browser = await launchChromium();
  const version = browser.version();
  const repeat = Math.max(1, Number(args.repeat));
  // The lower median: always one of the runs, so that its row can stand for the others.
  const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
  for (const model of args.models.split(',')) {
    for (const backend of args.backends.split(',')) {
      const pages = [];
      const nodes = [];
      for (let r = 0; r < repeat; r++) {
        const page = await trainInPage(browser, version, model, backend);
        pages.push(page);
        if (args.node && backend === 'wasm' && page.unit === 'rows/s') nodes.push(nodeRowsPerSec(model));
      }
      const ours = median(pages.map((p) => p.train_rows_per_s));
      // The run whose speed is the median speaks for the row (its status, test score, first epoch).
      const row = pages.find((p) => p.train_rows_per_s === ours);
      const node = nodes.length ? median(nodes) : null;
      appendChromiumRow({
        ...row,
        ...(repeat > 1
          ? {
              runs: repeat,
              page_runs: pages.map((p) => p.train_rows_per_s),
              first_epoch_runs: pages.map((p) => p.first_epoch_s),
            }
          : {}),
        ...(node
          ? {
              node_rows_per_s: node,
              ...(repeat > 1 ? { node_runs: nodes } : {}),
              chromium_over_node: +(ours / node).toFixed(3),
            }
          : {}),
      });
    }
  }
  await browser.close();
} finally {
  server.stop();
}
