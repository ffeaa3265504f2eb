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

test('a fresh page starts on the quick start; Paper protocol restores the bench’s settings, and a link keeps them', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  const presets = page.getByTestId('train-presets');
  const epochs = page.getByLabel('Epochs', { exact: true });
  const patience = page.getByLabel('Early-stop patience', { exact: true });
  await expect(presets.getByRole('button', { pressed: true })).toHaveText(['Quick start']);
  // The bare address is the fresh page: the quick start costs nothing in a link.
  expect(new URL(page.url()).hash).toBe('');
  await expect(epochs).toHaveValue('10');
  await expect(patience).toHaveValue('2');

  // tmfun: the top-k quick start (30 epochs, early stopping on); the paper protocol is P2's 200 and 20.
  await page.getByTestId('model-picker').selectOption('tmfun');
  await expect(epochs).toHaveValue('30');
  await expect(patience).toHaveValue('5');
  await presets.getByRole('button', { name: 'Paper protocol' }).click();
  await expect(presets.getByRole('button', { pressed: true })).toHaveText(['Paper protocol']);
  await expect(epochs).toHaveValue('200');
  await expect(patience).toHaveValue('20');

  // The link reproduces it in another tab.
  await expect.poll(() => new URL(page.url()).hash).not.toBe('');
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByTestId('model-picker')).toHaveValue('tmfun');
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('200');
  await expect(other.getByTestId('train-presets').getByRole('button', { pressed: true })).toHaveText([
    'Paper protocol',
  ]);
  await other.close();
});
