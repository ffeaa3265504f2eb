import { launchChromium, startPreview } from './harness.mjs';
const srv = await startPreview(4183);
const browser = await launchChromium();
try {
  for (const [w, h] of [[1280, 800], [800, 900]]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(srv.url + '/');
    await page.getByTestId('num-users').waitFor();
    await page.getByTestId('data-wizard').locator('summary').click();
    const wiz = page.getByTestId('data-wizard');
    await wiz.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/wiz-${w}.png` });
    await wiz.screenshot({ path: `/tmp/wiz-el-${w}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  srv.stop();
}
