import { expect, setField, test } from './fixtures';

const testAuc = async (page: import('@playwright/test').Page) =>
  (await page.getByTestId('test-result').locator('strong').innerText()).trim();

test('a share link reproduces the experiment: same settings, retrained on open, same metrics (wasm)', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await page.getByTestId('backend-picker').selectOption('wasm');
  await setField(page, 'Epochs', '1');
  await setField(page, 'Seed', '7');
  await expect(page).toHaveURL(/#e3\./);
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  const auc = await testAuc(page);
  // The Explain tab and its example go into the link too.
  const views = page.getByTestId('views-panel');
  const beforeTab = page.url();
  await views.getByRole('tab', { name: 'Recommendations' }).click();
  await expect.poll(() => page.url()).not.toBe(beforeTab);
  const beforePick = page.url();
  await views.getByTestId('user-search').fill('u17');
  await views.getByTestId('user-hit').first().click();
  await expect(views.getByTestId('recs-user')).toContainText('u17');
  await expect.poll(() => page.url()).not.toBe(beforePick);
  const link = page.url();
  expect(new URL(link).hash.length).toBeLessThan(200);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  await expect(other.getByLabel('Seed', { exact: true })).toHaveValue('7');
  await expect(other.getByTestId('backend-picker')).toHaveValue('wasm');
  // Demo links retrain by themselves.
  await expect(other.getByTestId('run-status')).toHaveText('Done', { timeout: 120_000 });
  expect(await testAuc(other)).toBe(auc);
  const otherViews = other.getByTestId('views-panel');
  await expect(otherViews.getByRole('tab', { name: 'Recommendations' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(otherViews.getByTestId('recs-user')).toContainText('u17');
  await other.close();
});

test('back and forward move between states; a broken link says so and the app still works', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await setField(page, 'Epochs', '3');
  await expect(page).toHaveURL(/#e3\./);
  const first = page.url();
  await setField(page, 'Epochs', '4');
  await expect.poll(() => page.url()).not.toBe(first);
  await page.goBack();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('3');
  await page.goForward();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('4');

  await page.goto('about:blank');
  await page.goto('/#e1.this-is-not-a-link');
  await expect(page.getByTestId('link-notes')).toContainText('could not be read');
  await expect(page.getByTestId('num-users')).toHaveText('2,000');
  await expect(page.getByRole('button', { name: 'Train' })).toBeEnabled();
});
