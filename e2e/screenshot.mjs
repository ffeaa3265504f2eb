// Takes the README screenshot of the built app after a short training run:
//   npm run build && npm run screenshot
// Writes docs/screenshot.png. Uses Debian's Chromium (CHROMIUM_PATH overrides).
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = 4174;
const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
  },
);
try {
  await waitForServer(`http://127.0.0.1:${PORT}`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByTestId('num-users').waitFor();
  await page.getByLabel('Epochs', { exact: true }).fill(process.env.EPOCHS ?? '4');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByTestId('run-status').filter({ hasText: 'Done' }).waitFor({ timeout: 300_000 });
  await page.screenshot({ path: process.env.OUT ?? 'docs/screenshot.png', fullPage: true });
  await browser.close();
} finally {
  server.kill();
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} did not start`);
}
