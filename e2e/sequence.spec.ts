import { expect, setField, test } from './fixtures';

test('trains sasrec on the demo data and reads its sequence attention: chips, heads, why', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-items')).toHaveText('3,000');
  await page.getByTestId('model-picker').selectOption('sasrec');
  // SASRec's own training settings: 128 sequences per step at lr 1e-3.
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('128');
  await setField(page, 'Epochs', '2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 90_000 });
  await expect(page.locator('.epoch-table tbody tr')).toHaveCount(2);

  await page.getByRole('tab', { name: 'Sequence attention' }).click();
  const view = page.getByTestId('sequence-view');
  await expect(view.getByTestId('sequence-user')).toContainText('training items, oldest first');
  const chips = view.getByTestId('sequence-chips').locator('li');
  const n = await chips.count();
  expect(n).toBeGreaterThan(1);
  expect(n).toBeLessThanOrEqual(50);
  // The grid of all heads: 2 blocks × 1 head by default; the last block is the one shown.
  const thumbs = view.getByTestId('sequence-grid').getByRole('button');
  await expect(thumbs).toHaveCount(2);
  await expect(thumbs.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await thumbs.nth(0).click();
  await expect(thumbs.nth(0)).toHaveAttribute('aria-pressed', 'true');
  await expect(view.locator('figcaption').first()).toContainText('Block 1, head 1');
  // Hovering the heatmap's bottom-left cell names the last item, the first item and the uniform baseline.
  const heat = view.getByTestId('sequence-heatmap');
  const box = (await heat.boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + box.height - 2);
  await expect(view.getByTestId('sequence-hover')).toContainText(`(uniform 1/${n})`);
  // Hovering the first chip makes it the query: one arc (it can only look at itself, weight 1 = 1× uniform).
  await chips.first().hover();
  await expect(view.locator('.sequence-strip path')).toHaveCount(1);
  await expect(view.getByTestId('sequence-recs').locator('li')).toHaveCount(10);
  await expect(view.getByTestId('sequence-why')).toContainText(`uniform would be 1/${n} each`);
  await page.mouse.move(0, 0);
  await view.screenshot({ path: 'reports/sequence-view.png' });

  // The recommendations tab gives the same why: the past items the last position attends to.
  await page.getByRole('tab', { name: 'Recommendations' }).click();
  await expect(page.getByTestId('recs-view')).toContainText('Because of (behaviour attention)');
});
