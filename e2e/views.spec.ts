import type { Locator, Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/**
 * The "Explain" views in the built app: attention heads of amfr, behaviour attention of mmdin, and the run
 * comparison of both runs. One epoch each, with larger batches (fewer steps) to keep the run short.
 * DOCS_SCREENSHOTS=1 also writes the README's docs/attention-view.png and docs/behaviour-view.png.
 */

async function trainOneEpoch(page: Page, modelId: string): Promise<void> {
  await page.getByTestId('model-picker').selectOption(modelId);
  await setField(page, 'Epochs', '1');
  await setField(page, 'Batch size', '1024');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
}

/** Screenshots the page from the top of `from` to the bottom of `to` (full width of `from`). */
async function shoot(
  page: Page,
  from: Locator,
  to: Locator,
  name: string,
  outputPath: (n: string) => string,
): Promise<void> {
  const rect = (l: Locator) =>
    l.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
    });
  const a = await rect(from);
  const b = await rect(to);
  const clip = { x: a.x - 8, y: a.y - 8, width: a.width + 16, height: b.y + b.height - a.y + 16 };
  await page.screenshot({ path: outputPath(`${name}.png`), fullPage: true, clip });
  if (process.env.DOCS_SCREENSHOTS) await page.screenshot({ path: `docs/${name}.png`, fullPage: true, clip });
}

/** Hovers a point of the heatmap's cell area (fractions of its size) and returns the tooltip's text. */
async function hoverCell(heatmap: Locator, fx: number, fy: number): Promise<string> {
  const hit = heatmap.getByTestId('heatmap-hit');
  await hit.scrollIntoViewIfNeeded();
  const box = (await hit.boundingBox())!;
  // Locator.hover scrolls the element into view and moves the mouse to the point.
  await hit.hover({ position: { x: box.width * fx, y: box.height * fy } });
  const tip = heatmap.getByTestId('heatmap-tooltip');
  await expect(tip).toBeVisible();
  return tip.innerText();
}

test('explains amfr (attention heads) and mmdin (behaviour attention) and compares the runs', async ({
  page,
}, testInfo) => {
  test.setTimeout(420_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const views = page.getByTestId('views-panel');
  // Before any run only the run comparison is offered, with an empty state that says what to do.
  await expect(views.getByRole('tab')).toHaveText(['Run comparison']);
  await expect(views.getByTestId('runs-empty')).toContainText('press Train');

  // ---- amfr: L = 2 layers × H = 2 heads over M = 11 fields (5 user/item ids and fields, 3 item fields, 3 modalities).
  await trainOneEpoch(page, 'amfr');
  await expect(views.getByRole('tab')).toHaveText([
    'Attention heads',
    'Embedding map',
    'Recommendations',
    'Planted vs learned',
    'Run comparison',
  ]);
  await views.getByRole('tab', { name: 'Attention heads' }).click();
  await expect(views.getByTestId('head-cell')).toHaveCount(2 * 2);
  const heatmap = views.getByTestId('attention-heatmap');
  await expect(heatmap).toHaveAttribute('data-rows', '11');
  await expect(heatmap).toHaveAttribute('data-cols', '11');
  await expect(heatmap.getByTestId('row-label')).toHaveCount(11);
  await expect(heatmap.getByTestId('col-label')).toHaveCount(11);
  await expect(views.getByTestId('example-probability')).toHaveText(/^0\.\d{3}$/);

  // Hover shows the cell's fields and value; the example's row values label the fields.
  const exampleTip = await hoverCell(heatmap, 0.55, 0.3);
  expect(exampleTip).toMatch(/^.+ → .+: 0\.\d{3} \([\d.]+× uniform\)$/);
  expect(exampleTip).toContain('(');
  // Keyboard: focus the heatmap and move with the arrow keys.
  await page.mouse.move(0, 0);
  await heatmap.getByRole('group').focus();
  await page.keyboard.press('ArrowRight');
  await expect(heatmap.getByTestId('heatmap-tooltip')).toHaveText(
    /^user .*→ .*: 0\.\d{3} \([\d.]+× uniform\)$/,
  );

  // Validation average: same cell, other numbers, no example values.
  await views.getByTestId('attention-source').selectOption('average');
  const averageTip = await hoverCell(heatmap, 0.55, 0.3);
  expect(averageTip).toMatch(/^[^()]+ → [^()]+: 0\.\d{3} \([\d.]+× uniform\)$/);
  await views.getByTestId('attention-source').selectOption('example');

  // Another head opens large; a second head gives their difference on a diverging scale.
  const cells = views.getByTestId('head-cell');
  await cells.nth(3).click();
  await expect(cells.nth(3)).toHaveAttribute('aria-pressed', 'true');
  await expect(heatmap.locator('figcaption')).toContainText('layer 2 · head 2');
  await views.getByTestId('diff-head').selectOption({ label: 'layer 1 · head 1' });
  await expect(views.getByTestId('diff-heatmap')).toHaveAttribute('data-rows', '11');
  // amfr's pair attention: triangle heatmap and the 10 heaviest pairs.
  await expect(views.getByTestId('pair-heatmap')).toBeVisible();
  await expect(views.getByTestId('top-pairs').locator('li')).toHaveCount(10);
  // Each head and the pairs are read against uniform, in a sentence.
  await expect(views.getByTestId('head-summary')).toHaveText(/uniform/);
  await expect(views.getByTestId('pair-summary')).toHaveText(/uniform \(1\/55/);
  // For the picture: hover a cell (the line view then keeps that row's lines).
  await hoverCell(heatmap, 0.97, 0.78);
  await shoot(page, views, views.locator('.heads-top'), 'attention-view', (n) => testInfo.outputPath(n));

  // ---- mmdin: H = 4 heads of behaviour attention.
  await trainOneEpoch(page, 'mmdin');
  await expect(views.getByRole('tab')).toHaveText([
    'Behaviour attention',
    'Embedding map',
    'Recommendations',
    'Planted vs learned',
    'Run comparison',
  ]);
  // What the demo planted, beside what mmdin learned: the cross, the recency signal and the topics in its
  // item embedding, and its item scores against the planted popularity, each with a verdict.
  await views.getByRole('tab', { name: 'Planted vs learned' }).click();
  const planted = views.getByTestId('planted-row');
  await expect(planted).toHaveCount(4);
  expect(await planted.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-signal')))).toEqual([
    'cross',
    'recency',
    'embedding',
    'popularity',
  ]);
  for (const row of await planted.all())
    expect(['learned', 'partly', 'chance', 'against']).toContain(await row.getAttribute('data-verdict'));
  await expect(views.getByTestId('planted-sentences').locator('li')).toHaveCount(4);
  await shoot(page, views, views.getByTestId('planted-view'), 'planted-view', (n) => testInfo.outputPath(n));
  await views.getByRole('tab', { name: 'Behaviour attention' }).click();
  const bars = views.getByTestId('behaviour-bar');
  await expect(bars.first()).toBeVisible();
  const rows = await views.locator('.behaviour-row').count();
  expect(rows).toBeGreaterThan(0);
  for (let h = 0; h < 4; h++) await expect(bars.and(page.locator(`[data-head="${h}"]`))).toHaveCount(rows);
  await expect(bars.and(page.locator('[data-head="4"]'))).toHaveCount(0);
  // Each head read against equal weighting: a sentence and a dashed line at its mean.
  await expect(views.getByTestId('behaviour-summary').locator('li')).toHaveCount(4);
  await expect(views.getByTestId('behaviour-summary')).toContainText(/the mean|about equally|below 0/);

  // The shared picker: another user, found by id.
  await views.getByTestId('user-search').fill('u17');
  await views.getByTestId('user-hit').first().click();
  await expect(views.getByTestId('example-picker')).toContainText('User u17');
  await expect(bars.first()).toBeVisible();
  await views.getByTestId('behaviour-sort').selectOption('mean');
  await shoot(page, views, views.getByTestId('behaviour-view'), 'behaviour-view', (n) =>
    testInfo.outputPath(n),
  );

  // ---- Both runs, on one chart and in the table.
  await views.getByRole('tab', { name: 'Run comparison' }).click();
  await expect(views.getByTestId('run-row')).toHaveCount(2);
  await expect(views.getByTestId('runs-table')).toContainText('#1 amfr');
  await expect(views.getByTestId('runs-table')).toContainText('#2 mmdin');
  await expect(views.getByTestId('run-budget')).toHaveText(['1', '1']);
  await expect(views.getByTestId('run-dataset')).toHaveText(['Demo micro-videos', 'Demo micro-videos']);
  await expect(views.getByTestId('runs-chart').locator('g[data-series]')).toHaveCount(2);
  await expect(views.getByTestId('side-by-side')).toContainText('Heads H');
});

/** Hovers points of a canvas on a grid until the tooltip shows; returns its text. */
async function hoverSomePoint(page: Page, canvas: Locator, tip: Locator): Promise<string> {
  // Its middle mid-screen: clear of the sticky run bar and of the bottom edge.
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await canvas.boundingBox())!;
  for (let fy = 0.3; fy <= 0.7; fy += 0.04) {
    for (let fx = 0.3; fx <= 0.7; fx += 0.04) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      if (await tip.isVisible()) return tip.innerText();
    }
  }
  throw new Error('no point under the mouse');
}

test('maps dnn’s and din’s embeddings and lists their recommendations with reasons', async ({
  page,
}, testInfo) => {
  test.setTimeout(480_000);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const numItems = (await page.getByTestId('num-items').innerText()).replace(/,/g, '');
  const views = page.getByTestId('views-panel');

  // ---- dnn: embedding map of every item, coloured by a field.
  await trainOneEpoch(page, 'dnn');
  await expect(views.getByRole('tab')).toHaveText([
    'Embedding map',
    'Recommendations',
    'Planted vs learned',
    'Run comparison',
  ]);
  await views.getByRole('tab', { name: 'Embedding map' }).click();
  const map = views.getByTestId('embedding-map');
  await expect(map).toHaveAttribute('data-points', numItems);
  await expect(views.getByTestId('map-x-label')).toHaveText(/^PC1 \(\d+\.\d % variance\)$/);
  await expect(views.getByTestId('map-y-label')).toHaveText(/^PC2 \(\d+\.\d % variance\)$/);
  const colour = views.getByTestId('map-colour');
  const fields = await colour.locator('option').allInnerTexts();
  expect(fields).toContain('popularity');
  await colour.selectOption(fields[0]);
  await expect(views.getByTestId('map-legend').locator('li').first()).toBeVisible();
  const tip = await hoverSomePoint(page, views.getByTestId('map-canvas'), views.getByTestId('map-tooltip'));
  expect(tip).toContain(`${fields[0]}:`);
  // Keyboard: the arrow keys move the selection from point to point.
  await page.mouse.move(0, 0);
  await map.getByRole('group').focus();
  await page.keyboard.press('ArrowRight');
  await expect(views.getByTestId('map-selected')).toContainText('Selected:');
  await shoot(page, views, map, 'embedding-map', (n) => testInfo.outputPath(n));
  // Users too (2,000 of them), coloured by a user field.
  await views.getByTestId('map-kind').filter({ hasText: 'Users' }).click();
  await expect(map).toHaveAttribute('data-points', '2000');
  await expect(colour.locator('option').last()).toHaveText('activity');

  // ---- dnn's recommendations: no attention, so no reasons.
  await views.getByRole('tab', { name: 'Recommendations' }).click();
  await expect(views.getByTestId('rec-row')).toHaveCount(10);
  await expect(views.getByTestId('rec-reasons')).toHaveCount(0);
  await views.getByTestId('recs-k').selectOption('20');
  await expect(views.getByTestId('rec-row')).toHaveCount(20);

  // ---- din: recommendations explained by the user's behaviours.
  await trainOneEpoch(page, 'din');
  await views.getByRole('tab', { name: 'Recommendations' }).click();
  await views.getByTestId('user-search').fill('u17');
  await views.getByTestId('user-hit').first().click();
  await expect(views.getByTestId('recs-user')).toContainText('u17');
  // A new run shows the default top 10 again.
  await expect(views.getByTestId('rec-row')).toHaveCount(10);
  // Each row gives up to 3 past items that weigh at least 1.25× the mean, or says none stands out.
  await expect(views.getByTestId('recs-reason-note')).toContainText('1.25× or more are listed');
  for (const row of await views.getByTestId('rec-row').all()) {
    const reasons = row.getByTestId('rec-reasons').locator('li');
    const n = await reasons.count();
    expect(n).toBeLessThanOrEqual(3);
    if (n === 0) await expect(row.getByTestId('rec-no-reasons')).toHaveText('no past item stands out');
    for (const li of await reasons.all()) {
      const ratio = Number((await li.locator('.hint').innerText()).replace('×', ''));
      expect(ratio).toBeGreaterThanOrEqual(1.2); // 1.25 shown to one decimal
    }
  }
  await shoot(page, views, views.getByTestId('recs-view'), 'recommendations-view', (n) =>
    testInfo.outputPath(n),
  );
  // Picking a recommendation makes it the candidate of the behaviour view, for the same user.
  const first = views.getByTestId('rec-row').first().locator('button.rec-item');
  const title = await first.innerText();
  await first.click();
  await views.getByRole('tab', { name: 'Behaviour attention' }).click();
  await expect(views.getByTestId('example-picker')).toContainText('User u17');
  await expect(views.getByTestId('example-picker')).toContainText(title);
});
