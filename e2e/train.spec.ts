import { expect, setField, test } from './fixtures';

test('loads the demo data, trains dnn for 2 epochs in the worker, and draws the curves', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: /recplay/ })).toBeVisible();

  // The demo dataset is generated in the worker and summarised.
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByTestId('num-items')).toHaveText('3,000');
  const interactions = Number((await page.getByTestId('num-interactions').innerText()).replace(/,/g, ''));
  expect(interactions).toBeGreaterThan(90_000);

  // The automatic choice passes over software WebGPU/WebGL here and names the backend it took.
  await expect(page.getByTestId('backend-name')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);

  await setField(page, 'Epochs', '2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');

  // The loss curve grows while training: the page is live, not frozen until the end.
  const lossPath = page.getByTestId('loss-chart').locator('path').first();
  await expect(lossPath).toHaveAttribute('d', /M.*L/);
  const early = (await lossPath.getAttribute('d'))!.length;
  await expect.poll(async () => (await lossPath.getAttribute('d'))!.length).toBeGreaterThan(early);
  await expect(page.getByTestId('rows-per-sec')).toHaveText(/[\d,]+ rows\/s/);

  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  // One validation dot per epoch for AUC and for GAUC.
  await expect(page.getByTestId('auc-chart').locator('circle')).toHaveCount(4);
  await expect(page.getByTestId('test-result')).toContainText('AUC');
  const auc = Number((await page.getByTestId('test-result').locator('strong').innerText()).trim());
  expect(auc).toBeGreaterThan(0.7);
});

test('Stop ends a run mid-epoch and the page stays usable', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('rows-per-sec')).toHaveText(/rows\/s/);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 15_000 });
  await expect(page.getByTestId('test-result')).toHaveText(
    'Stopped before the first epoch ended: no test score.',
  );
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});

test('a run stopped after an epoch still ends with a test score, of its best epoch so far', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page.getByLabel('Epochs', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.locator('.epoch-table tbody tr')).toHaveCount(1, { timeout: 120_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
  await expect(page.getByTestId('test-result')).toContainText(
    /Test \(stopped after epoch \d; weights of epoch 1\): AUC 0\.\d{4}/,
  );
});
