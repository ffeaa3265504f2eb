import type { Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/**
 * Runs of two datasets: dnn on the demo, then on a small uploaded CSV. Loading the upload empties the
 * current run's curves (they were the demo's); the run comparison names each run's dataset, filters by it,
 * never charts two datasets together, and tells epochs trained from the epoch budget.
 * RUNS_SHOTS=dir also writes a screenshot of the comparison at 1280×800 there.
 */

/** 60 users × 12 ratings of 40 items, 1–5 stars, increasing timestamps: small, but with both labels. */
function smallRatings(): string {
  const lines = ['user,item,rating,timestamp'];
  let t = 1_700_000_000;
  for (let u = 1; u <= 60; u++) {
    for (let j = 0; j < 12; j++) {
      const item = ((u * 7 + j * 3) % 40) + 1;
      const rating = ((u + j * 2 + item) % 5) + 1;
      lines.push(`${u},${item},${rating},${t++}`);
    }
  }
  return lines.join('\n');
}

async function trainOneEpoch(page: Page): Promise<void> {
  await page.getByTestId('model-picker').selectOption('dnn');
  await setField(page, 'Epochs', '1');
  await setField(page, 'Batch size', '1024');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
}

test('runs of two datasets: the curves start over on a new dataset, the comparison keeps them apart', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await trainOneEpoch(page);
  await expect(page.getByTestId('auc-chart').locator('g[data-series]')).not.toHaveCount(0);
  await expect(page.locator('.epoch-table tbody tr')).toHaveCount(1);

  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'small-ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(smallRatings()) });
  await expect(page.getByTestId('mapping-editor')).toBeVisible();
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-users')).toHaveText('60');

  // The demo run's curves and epochs do not stay beside the upload's summary.
  await expect(page.getByTestId('run-status')).toHaveText('Ready');
  await expect(page.getByTestId('loss-chart').locator('g[data-series]')).toHaveCount(0);
  await expect(page.getByTestId('auc-chart').locator('g[data-series]')).toHaveCount(0);
  await expect(page.locator('.epoch-table')).toHaveCount(0);
  await expect(page.getByTestId('test-result')).toHaveCount(0);

  await trainOneEpoch(page);

  const views = page.getByTestId('views-panel');
  await views.getByRole('tab', { name: 'Run comparison' }).click();
  const table = views.getByTestId('runs-table');
  await expect(views.getByTestId('run-row')).toHaveCount(2);
  await expect(views.getByTestId('run-dataset')).toHaveText(['Demo micro-videos', 'small-ratings.csv']);
  await expect(table.getByRole('columnheader', { name: 'Epochs trained' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Epoch budget' })).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Epochs', exact: true })).toHaveCount(0);
  await expect(views.getByTestId('run-epochs')).toHaveText(['1', '1']);
  await expect(views.getByTestId('run-budget')).toHaveText(['1', '1']);
  // No bare "defaults": which model's, and the changed batch size.
  await expect(views.getByTestId('run-row').first()).toContainText('Batch size 1024');
  await expect(table).not.toContainText(/^defaults$/);
  // One chart per dataset, one run on each.
  const charts = views.getByTestId('runs-chart');
  await expect(charts).toHaveCount(2);
  await expect(charts.nth(0)).toContainText('Demo micro-videos');
  await expect(charts.nth(1)).toContainText('small-ratings.csv');
  for (const i of [0, 1]) await expect(charts.nth(i).locator('g[data-series]')).toHaveCount(1);
  await expect(views.getByTestId('compare-datasets')).toBeVisible();

  if (process.env.RUNS_SHOTS) {
    await views.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.RUNS_SHOTS}/run-comparison-all.png` });
    await views.screenshot({ path: `${process.env.RUNS_SHOTS}/run-comparison-all-panel.png` });
  }

  // The filter narrows the table and the charts to one dataset.
  const filter = views.getByTestId('runs-dataset-filter');
  await expect(filter.locator('option')).toHaveText([
    'All datasets (2 runs)',
    'Demo micro-videos (1 run)',
    'small-ratings.csv (1 run)',
  ]);
  await filter.selectOption({ label: 'small-ratings.csv (1 run)' });
  await expect(views.getByTestId('run-row')).toHaveCount(1);
  await expect(views.getByTestId('run-dataset')).toHaveText(['small-ratings.csv']);
  await expect(charts).toHaveCount(1);
  await expect(charts).toContainText('small-ratings.csv');
  await expect(charts.locator('g[data-series]')).toHaveCount(1);
  if (process.env.RUNS_SHOTS) {
    await views.screenshot({ path: `${process.env.RUNS_SHOTS}/run-comparison-filtered-panel.png` });
  }
  await filter.selectOption({ label: 'Demo micro-videos (1 run)' });
  await expect(views.getByTestId('run-dataset')).toHaveText(['Demo micro-videos']);
  await expect(charts).toContainText('Demo micro-videos');
});
