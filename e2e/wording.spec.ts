import type { Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/** Trains the picked model for `epochs` epochs on the demo data and waits for the result. */
async function train(page: Page, modelId: string, epochs: number): Promise<void> {
  await page.getByTestId('model-picker').selectOption(modelId);
  await setField(page, 'Epochs', String(epochs));
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
}

/** The x (epoch) tick labels of both curves, loss chart first. */
async function epochTicks(page: Page): Promise<string[][]> {
  return Promise.all(
    ['loss-chart', 'auc-chart'].map((id) =>
      page.getByTestId(id).locator('[data-axis="x"] text').allTextContents(),
    ),
  );
}

test('a short tmfun run: its curves span the epochs run in whole epochs; its recommendations are ranking scores', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-items')).toHaveText('3,000');
  await train(page, 'tmfun', 2);
  // 2 of 200 epochs: the axis is 0, 1, 2 (no 1.5, no 200), the same for loss and validation.
  expect(await epochTicks(page)).toEqual([
    ['0', '1', '2'],
    ['0', '1', '2'],
  ]);

  await page.getByRole('tab', { name: 'Recommendations' }).click();
  const recs = page.getByTestId('recs-view');
  await expect(recs.getByTestId('rec-row')).toHaveCount(10);
  await expect(recs.getByRole('columnheader', { name: 'Ranking score' })).toBeVisible();
  await expect(recs).not.toContainText('Predicted like');
  await expect(recs.getByTestId('recs-notes')).toContainText('not a probability');
  await expect(recs.getByTestId('recs-notes')).toContainText('none of its 20 nearest items');
  // Every row has graph neighbours or says there are none among its 20 nearest items.
  const rows = recs.getByTestId('rec-row');
  for (let r = 0; r < 10; r++) {
    const row = rows.nth(r);
    const explained = (await row.getByTestId('rec-reasons').count()) > 0;
    if (!explained)
      await expect(row.getByTestId('rec-no-reasons')).toHaveAttribute(
        'title',
        'None of its 20 nearest items in the item graph is one this user trained on',
      );
  }
});

test('a ctr run’s recommendations are predicted likes; a 200-epoch top-k run’s axis follows it, not the budget', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-items')).toHaveText('3,000');
  await train(page, 'dnn', 1);
  expect(await epochTicks(page)).toEqual([
    ['0', '1'],
    ['0', '1'],
  ]);
  await page.getByRole('tab', { name: 'Recommendations' }).click();
  const recs = page.getByTestId('recs-view');
  await expect(recs.getByRole('columnheader', { name: 'Predicted like' })).toHaveAttribute(
    'title',
    'The predicted probability that this user likes the item',
  );
  await expect(recs).not.toContainText('Ranking score');

  // bprmf with 200 epochs, paused after a few: the axis leaves a little room past them, far short of 200.
  await page.getByTestId('model-picker').selectOption('bprmf');
  await setField(page, 'Epochs', '200');
  await page.getByRole('button', { name: 'Train' }).click();
  const done = page.locator('.epoch-table tbody tr');
  // At least two epochs: bprmf's epochs on wasm are now shorter than the poll, so an exact count can be missed.
  await expect.poll(() => done.count(), { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Paused');
  const paused = await done.count();
  const [live] = await epochTicks(page);
  expect(live.every((t) => /^\d+$/.test(t))).toBe(true);
  // The next of 2, 5, 10, 20, … past the epoch in progress (paused + 1, or + 2 as its last step reports).
  expect(Number(live.at(-1))).toBeGreaterThan(paused);
  expect(Number(live.at(-1))).toBeLessThanOrEqual(Math.max(5, 2.5 * (paused + 2)));
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 60_000 });
  // Stopped: the axis ends at the epoch the run was in, not further.
  const [stopped] = await epochTicks(page);
  expect(Number(stopped.at(-1))).toBeGreaterThanOrEqual(paused);
  expect(Number(stopped.at(-1))).toBeLessThanOrEqual(paused + 1);
});
