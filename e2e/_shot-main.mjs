import { launchChromium, startPreview } from './harness.mjs';
const server = await startPreview(4178);
const browser = await launchChromium();
try {
  for (const [w, h] of [[1280, 800], [800, 900]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(`${server.url}/`);
    await page.getByTestId('num-users').waitFor();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `/tmp/main-${w}.png` });
    await page.screenshot({ path: `/tmp/main-full-${w}.png`, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  server.stop?.(); server.kill?.();
}
process.exit(0);
