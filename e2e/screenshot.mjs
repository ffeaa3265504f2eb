// Takes the README screenshot of the built app after a short training run:
//   npm run build && npm run screenshot
// Writes docs/screenshot.png. Uses Debian's Chromium (CHROMIUM_PATH overrides).
import { launchChromium, startPreview } from './harness.mjs';

const server = await startPreview(4174);
try {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/`);
  await page.getByTestId('num-users').waitFor();
  await page.getByLabel('Epochs', { exact: true }).fill(process.env.EPOCHS ?? '4');
  await page.getByRole('button', { name: 'Train' }).click();
  await page.getByTestId('run-status').filter({ hasText: 'Done' }).waitFor({ timeout: 300_000 });
  await page.screenshot({ path: process.env.OUT ?? 'docs/screenshot.png', fullPage: true });
  await browser.close();
} finally {
  server.stop();
}
