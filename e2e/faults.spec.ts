import { expect, setField, test } from './fixtures';
import { linkFor } from './links';

const SMALL_DEMO = { kind: 'demo', seed: 5, users: 200, items: 300 };

test('the worker closed mid-epoch: a clear message, nothing on the page lost, and Train works again', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await setField(page, 'Epochs', '20');
  await page.getByRole('button', { name: 'Train' }).click();
  // Wait for an epoch to finish and the next to be under way, so there is something to lose.
  await expect(page.getByTestId('auc-chart').locator('circle').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  const lossPath = page.getByTestId('loss-chart').locator('path').first();
  const lossBefore = await lossPath.getAttribute('d');
  const epochRows = await page.locator('.epoch-table tbody tr').count();
  expect(epochRows).toBeGreaterThan(0);

  const [worker] = page.workers();
  // The worker ends itself, as a crash or an out-of-memory kill would: no error event reaches the page.
  void worker.evaluate(() => self.close()).catch(() => undefined);

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('stopped unexpectedly', { timeout: 10_000 });
  await expect(alert).toContainText('press Train to start again');
  await expect(page.getByTestId('run-status')).not.toHaveText(/Training/);
  // What the page showed is still there: as many loss points or more (a progress event already on its way
  // may have added one, and rescaled the axes, so the path's text may differ).
  const points = (d: string | null) => (d ?? '').split(/[ML]/).length;
  expect(points(await lossPath.getAttribute('d'))).toBeGreaterThanOrEqual(points(lossBefore));
  await expect(page.locator('.epoch-table tbody tr')).toHaveCount(epochRows);
  await expect(page.getByTestId('num-users')).toHaveText('2,000');

  // Train starts a new worker with the same data and runs to the end.
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  await expect(page.getByTestId('test-result')).toContainText('AUC');
  expect(page.workers().length).toBe(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('after a crash with uploaded data, Train rebuilds the same dataset in the new worker', async ({
  page,
}) => {
  // 60 users × 40 items, ratings 1-5 from a fixed formula, so the upload is recognised without questions.
  const rows = ['user,item,rating,timestamp'];
  for (let u = 1; u <= 60; u++)
    for (let i = 1; i <= 40; i++)
      if ((u * 7 + i * 3) % 4 !== 0) rows.push(`${u},${i},${((u * i) % 5) + 1},${u * 100 + i}`);
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByRole('button', { name: 'Load dataset' }).click();
  await expect(page.getByTestId('num-users')).toHaveText('60');
  const summary = await page.getByTestId('dataset-panel').innerText();

  await setField(page, 'Epochs', '200');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('auc-chart').locator('circle').first()).toBeVisible({ timeout: 60_000 });
  void page
    .workers()[0]
    .evaluate(() => self.close())
    .catch(() => undefined);
  await expect(page.getByRole('alert')).toContainText('stopped unexpectedly', { timeout: 10_000 });

  await setField(page, 'Epochs', '2');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  // The new worker trained on the same upload, and the page still describes it.
  expect(await page.getByTestId('dataset-panel').innerText()).toBe(summary);
  await expect(page.getByTestId('test-result')).toContainText('AUC');
});

test('two tabs train at once and both finish', async ({ page, context }) => {
  const link = await linkFor({ d: SMALL_DEMO, t: { epochs: 2 } });
  const other = await context.newPage();
  // Demo links train by themselves on opening.
  await Promise.all([page.goto(`/${link}`), other.goto(`/${link}`)]);
  await expect(page.getByTestId('run-status')).toHaveText(/Training|Done/, { timeout: 60_000 });
  await expect(other.getByTestId('run-status')).toHaveText(/Training|Done/, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  await expect(other.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  // Same link, same seed, same backend: the same result in both tabs.
  const auc = (p: typeof page) => p.getByTestId('test-result').locator('strong').innerText();
  expect(await auc(other)).toBe(await auc(page));
  await other.close();
});

test('extreme settings from a link and from the form are clamped to their ranges, with a note', async ({
  page,
}) => {
  const link = await linkFor({ d: SMALL_DEMO, t: { learningRate: 10, epochs: 1e9, batchSize: -3 } });
  await page.goto(`/${link}`);
  const notes = page.getByTestId('link-notes');
  await expect(notes).toContainText('training learningRate: 10 is outside [0.00001, 1]; clamped to 1');
  await expect(notes).toContainText('clamped to 200');
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveValue('1');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('200');
  await expect(page.getByLabel('Batch size', { exact: true })).toHaveValue('16');
  // The link trains by itself; stop it, then type an extreme value into the form.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 30_000 });
  await setField(page, 'Learning rate', '10');
  await expect(page.getByTestId('clamp-learningRate')).toHaveText('10 is above the maximum 1; set to 1.');
  await setField(page, 'Epochs', '-5');
  await expect(page.getByTestId('clamp-epochs')).toHaveText('-5 is below the minimum 1; set to 1.');
  await setField(page, 'Seed', 'lots');
  await expect(page.getByTestId('clamp-seed')).toContainText('is not a number; kept');
  // Learning rate 1 with Adam stays finite here (the loss is bounded); the run ends normally and no NaN
  // reaches the curves. A loss that does become NaN stops the run (trainer tests).
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/Done|Failed/, { timeout: 120_000 });
  const d = await page.getByTestId('loss-chart').locator('path').first().getAttribute('d');
  expect(d).not.toMatch(/NaN|Infinity/);
});

test('a learning rate of 10: clamped to 1 with a note, and when the loss still becomes NaN the run stops and says why', async ({
  page,
}) => {
  const link = await linkFor({
    d: { kind: 'demo', seed: 1, users: 100, items: 100 },
    m: 'amfr',
    t: { optimizer: 'sgd', learningRate: 10, momentum: 0.999, batchSize: 16, epochs: 3 },
  });
  await page.goto(`/${link}`);
  await expect(page.getByTestId('link-notes')).toContainText(
    'learningRate: 10 is outside [0.00001, 1]; clamped to 1',
  );
  // The link trains by itself and diverges.
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    /The training loss became NaN at epoch 1, step \d+: the learning rate \(1\) is probably too high/,
    {
      timeout: 120_000,
    },
  );
  await expect(page.getByTestId('run-status')).toHaveText(/Failed/);
  // No NaN drawn: the loss chart holds only finite points (here none, the first report was already NaN).
  const paths = await page
    .getByTestId('loss-chart')
    .locator('path, circle')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('d') ?? ''} ${e.getAttribute('cy') ?? ''}`));
  expect(paths.join(' ')).not.toMatch(/NaN|Infinity/);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});
