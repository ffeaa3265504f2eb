import type { Locator, Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/**
 * The loop on one screen (issue 20): on a laptop screen the dataset, the model and training settings, the
 * run buttons and the live curves are all in view at once, and stay so while a run trains; on a narrow one the
 * run bar stays on top as the page scrolls and Train brings the curves into view. Pictures of each size are
 * kept in the test's output for a person to look at.
 */

/** The part of the viewport below the sticky run bar. */
async function visibleBand(page: Page): Promise<{ top: number; bottom: number }> {
  const bar = (await page.locator('.run-bar').boundingBox())!;
  return { top: bar.y + bar.height, bottom: page.viewportSize()!.height };
}

/** True when the element lies wholly in view (below the run bar, unless it is in the bar). */
async function inView(page: Page, el: Locator, band?: { top: number; bottom: number }): Promise<boolean> {
  const box = await el.boundingBox();
  if (!box) return false;
  const { top, bottom } = band ?? { top: 0, bottom: page.viewportSize()!.height };
  return box.y >= top - 1 && box.y + box.height <= bottom + 1;
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1400, height: 1000 },
]) {
  test(`at ${size.width}×${size.height} the data, settings, run buttons and live curves share the screen`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await expect(page.getByTestId('num-users')).toHaveText('2,000');
    await expect(page.getByTestId('run-status')).toHaveText('Ready');
    const band = await visibleBand(page);
    const train = page.getByRole('button', { name: 'Train' });
    const everyday = [
      page.getByTestId('dataset-name'),
      page.getByTestId('num-interactions'),
      page.getByTestId('model-picker'),
      page.getByTestId('model-card').locator('summary').first(),
      page.getByLabel('Epochs', { exact: true }),
      page.getByLabel('Learning rate', { exact: true }),
      train,
      page.getByTestId('loss-chart'),
      page.getByTestId('auc-chart'),
    ];
    for (const el of everyday) expect(await inView(page, el), String(el)).toBe(true);
    await page.screenshot({ path: testInfo.outputPath(`loop-${size.width}x${size.height}-start.png`) });

    await setField(page, 'Epochs', '2');
    await train.click();
    await expect(page.getByTestId('run-status')).toHaveText('Training');
    await expect(page.getByTestId('rows-per-sec')).toHaveText(/rows\/s/);
    await expect(page.getByTestId('run-progress')).toBeVisible();
    // Pressing Train moved nothing: the curves, the status and the settings are where they were.
    for (const el of [page.getByTestId('loss-chart'), page.getByTestId('run-status'), everyday[4]])
      expect(await inView(page, el), String(el)).toBe(true);
    await expect(page.getByTestId('loss-chart').locator('path.line, path').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath(`loop-${size.width}x${size.height}-live.png`) });
    await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
    expect(await inView(page, page.getByTestId('test-result'), band)).toBe(true);
  });
}

test('at 800×900 the run bar stays on top while the page scrolls, and Train brings the curves into view', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await setField(page, 'Epochs', '1');
  const train = page.getByRole('button', { name: 'Train' });
  // One column: the curves start below the settings, out of view.
  expect(await inView(page, page.getByTestId('loss-chart'))).toBe(false);
  await page.mouse.wheel(0, 1200);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
  expect(await inView(page, train)).toBe(true);
  expect(await inView(page, page.getByTestId('run-status'))).toBe(true);

  await page.evaluate(() => window.scrollTo(0, 0));
  await train.click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  await expect
    .poll(async () => inView(page, page.getByTestId('loss-chart'), await visibleBand(page)))
    .toBe(true);
  expect(await inView(page, page.getByRole('button', { name: 'Stop' }))).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('loop-800x900-live.png') });
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
});
