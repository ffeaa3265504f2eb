import type { Page } from '@playwright/test';
import { expect, setField, test } from './fixtures';

/** Starts a 3-epoch dnn run on the demo and waits until its epoch-1 checkpoint is stored. */
async function trainUntilFirstCheckpoint(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByTestId('backend-name')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  await setField(page, 'Epochs', '3');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Training');
  const row = page.getByTestId('saved-run-1');
  await expect(row).toContainText('dnn');
  await expect(row).toContainText('training');
  // Any epoch's checkpoint (a fast machine may store several between two polls), then the reload.
  await expect(row).toContainText(/\(ckpt \d+\)/, { timeout: 180_000 });
  return row;
}

/** Continues from the banner and waits for the run to finish; returns the epochs shown. */
async function continueToTheEnd(page: Page, label: RegExp) {
  const banner = page.getByTestId('continue-banner');
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: label }).click();
  await expect(banner).toBeHidden();
  // A failed run names its reason (the alert) in the assertion message.
  await expect
    .poll(
      async () => {
        const status = await page.getByTestId('run-status').textContent();
        if (status !== 'Failed') return status;
        return `Failed: ${(await page.getByRole('alert').allTextContents()).join(' | ')}`;
      },
      { timeout: 180_000 },
    )
    .toBe('Done');
  // The restored epoch and the two trained now: three validation points per metric.
  await expect(page.getByTestId('auc-chart').locator('circle')).toHaveCount(6);
  await expect(page.getByTestId('test-result')).toContainText('AUC');
  const row = page.getByTestId('saved-run-1');
  await expect(row).toContainText('done');
  await expect(row).toContainText('3/3');
  await expect(row).toContainText(/0\.\d{4} test/);
}

test('reload mid-training, continue from the stored checkpoint, and the saved run is listed as done', async ({
  page,
}) => {
  await trainUntilFirstCheckpoint(page);
  await page.reload();

  // The interrupted run is offered, not re-trained from scratch by the link the URL still holds.
  await expect(page.getByTestId('saved-run-1')).toContainText('interrupted');
  await expect(page.getByTestId('continue-banner')).toContainText('did not finish');
  await expect(page.getByTestId('backend-name')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  await expect(page.getByTestId('run-status')).toHaveText('Ready');
  await continueToTheEnd(page, /^Continue run 1 from epoch 1$/);
  await expect(page.getByTestId('storage-use')).toHaveText(/used of/);
  await expect(page.getByTestId('saved-runs').locator('tbody tr')).toHaveCount(1);

  await page.getByTestId('saved-runs').screenshot({ path: 'test-results/saved-runs.png' });

  // Delete removes it, and it stays removed after a reload.
  await page.getByRole('button', { name: 'Delete run 1' }).click();
  await expect(page.getByTestId('saved-run-1')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('saved-runs')).toContainText('Runs you train are kept here');
});

test('a top-k run continues from its epoch checkpoint after a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByTestId('backend-name')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  await page.getByTestId('model-picker').selectOption('lightgcn');
  // Many epochs: the run is still training when the page reloads; it is stopped once it has gone on.
  await setField(page, 'Epochs', '100');
  await page.getByRole('button', { name: 'Train' }).click();
  const row = page.getByTestId('saved-run-1');
  await expect(row).toContainText('lightgcn');
  // Any epoch's checkpoint (a fast machine may store several between two polls), then the reload.
  await expect(row).toContainText(/\(ckpt \d+\)/, { timeout: 180_000 });
  const rows = page.locator('.epoch-table tbody tr');
  // Columns: epoch, loss, valid R@10, R@20, …
  const firstR20 = await rows.nth(0).locator('td').nth(3).innerText();
  await page.reload();

  await expect(row).toContainText('interrupted');
  const banner = page.getByTestId('continue-banner');
  await expect(banner).toContainText('did not finish');
  await banner.getByRole('button', { name: /^Continue run 1 from epoch \d+$/ }).click();
  await expect(banner).toBeHidden();
  // The checkpoint's epochs come back as they were, and training goes on after them.
  await expect(page.getByTestId('model-picker')).toHaveValue('lightgcn');
  await expect(rows.nth(0).locator('td').nth(3)).toHaveText(firstR20);
  const before = await rows.count();
  await expect.poll(() => rows.count(), { timeout: 120_000 }).toBeGreaterThan(before);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped', { timeout: 60_000 });
  await expect(row).toContainText('stopped');
  await page.screenshot({ path: 'test-results/topk-continued.png', fullPage: true });
});

test('the worker dies mid-epoch: a message, a working app, and the run continues from its checkpoint', async ({
  page,
}) => {
  await trainUntilFirstCheckpoint(page);
  const worker = page.workers().find((w) => w.url().includes('worker'));
  expect(worker, 'the training worker').toBeDefined();
  // Ends the worker as a crash would: no message, no error event.
  await worker!.evaluate(() => self.close()).catch(() => {});

  await expect(page.getByRole('alert').first()).toContainText('The training worker stopped', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  await expect(page.getByTestId('saved-run-1')).toContainText('interrupted');
  // A new worker took over: the demo is loaded again and Train works.
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByTestId('backend-name')).toHaveText(/^(webgpu|webgl|wasm|cpu)$/);
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
  await continueToTheEnd(page, /^Continue run 1 from epoch 1/);
});

test('storage full or unavailable: a message, and training goes on in memory', async ({ page, context }) => {
  // Every checkpoint write hits a full disk.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'checkpoints') throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await setField(page, 'Epochs', '1');
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  await expect(page.getByTestId('store-error')).toContainText('storage for this site is full');
  // The run itself was saved (only its checkpoint was refused), with its result.
  await expect(page.getByTestId('saved-run-1')).toContainText('done');

  // A private window: no IndexedDB at all.
  const other = await context.newPage();
  await other.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  await other.goto('/');
  await expect(other.getByTestId('store-error')).toContainText('in memory only');
  await expect(other.getByTestId('num-users')).toHaveText('2,000');
  await setField(other, 'Epochs', '1');
  await other.getByRole('button', { name: 'Train' }).click();
  await expect(other.getByTestId('run-status')).toHaveText('Done', { timeout: 180_000 });
  await other.close();
});
