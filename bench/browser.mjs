// Speed of the built app in headless Chromium, per backend: trains the selected model on the demo data in
// the page's worker and reads what the page reports.
//   npm run build && node bench/browser.mjs --backends wasm,webgl,cpu --epochs 1 [--model autoint] [--port 4175]
// Prints one JSON line per backend; appends them to bench/results/<date>-<host>-chromium.jsonl.
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { launchChromium, startPreview } from '../e2e/harness.mjs';
import { appendChromiumRow, today } from './chromiumResults.mjs';

const { values: args } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm' },
    epochs: { type: 'string', default: '1' },
    model: { type: 'string', default: 'dnn' },
    timeout: { type: 'string', default: '900' },
    // Several checkouts share the machine: each passes its own port.
    port: { type: 'string', default: '4175' },
  },
});
const date = today();
const server = await startPreview(Number(args.port));
try {
  const browser = await launchChromium();
  const version = browser.version();
  for (const backend of args.backends.split(',')) {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId('num-users').waitFor();
    await page.getByTestId('model-picker').selectOption(args.model);
    await page.getByTestId('backend-picker').selectOption(backend);
    await page.getByLabel('Epochs', { exact: true }).fill(args.epochs);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Train' }).click();
    await page
      .getByTestId('run-status')
      .filter({ hasText: /Done|Failed/ })
      .waitFor({ timeout: Number(args.timeout) * 1000 });
    const text = async (id) => (await page.getByTestId(id).innerText()).trim();
    const row = {
      protocol: 'demo',
      model: args.model,
      requested: backend,
      backend: await text('backend-name'),
      device: (await page.getByTestId('backend-device').count()) ? await text('backend-device') : null,
      status: await text('run-status'),
      train_rows_per_s: Number((await text('rows-per-sec')).replace(/[^\d]/g, '')),
      test: (await page.getByTestId('test-result').count()) ? await text('test-result') : null,
      wall_s: (Date.now() - t0) / 1000,
      epochs: Number(args.epochs),
      browser: `chromium ${version}`,
      date,
      host: hostname(),
    };
    appendChromiumRow(row);
    await page.close();
  }
  await browser.close();
} finally {
  server.stop();
}
